// What this machine can check of generated C# without a .NET SDK: that brackets balance outside strings,
// characters and comments, and which classes and [Input]/[Output] properties each file declares.

/** The source with comments removed and the contents of strings and characters blanked. */
export function codeOnly(source: string): string {
  return source.replace(
    /\/\/[^\n]*|\/\*[\s\S]*?\*\/|@"(?:[^"]|"")*"|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g,
    (token) => (token.startsWith("/") ? " " : `${token[0]}${token[0]}`),
  );
}

/** The first place where (), [] or {} do not balance, or undefined. */
export function unbalancedAt(source: string): string | undefined {
  const code = codeOnly(source);
  const open: { char: string; line: number }[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let line = 1;
  for (const char of code) {
    if (char === "\n") line++;
    else if ("([{".includes(char)) open.push({ char, line });
    else if (char in pairs && open.pop()?.char !== pairs[char]) return `line ${line}: unmatched ${char}`;
  }
  return open.length
    ? `line ${open[open.length - 1].line}: unclosed ${open[open.length - 1].char}`
    : undefined;
}

export interface CSharpClass {
  base: string;
  inputs: string[];
  outputs: string[];
}

/** The classes a file declares, each with its base and the names in its [Input("…")] and [Output("…")]. */
export function classesOf(source: string): Record<string, CSharpClass> {
  const classes: Record<string, CSharpClass> = {};
  const declarations = [
    ...source.matchAll(
      /^\s*public (?:sealed |partial |readonly )*(?:class|struct) (\w+)\s*:\s*([\w.:<>]+)/gm,
    ),
  ];
  declarations.forEach((match, i) => {
    const body = source.slice(match.index, declarations[i + 1]?.index ?? source.length);
    const names = (attribute: string) =>
      [...body.matchAll(new RegExp(`\\[${attribute}\\("(\\w+)"`, "g"))].map((m) => m[1]);
    classes[match[1]] = { base: match[2], inputs: names("Input"), outputs: names("Output") };
  });
  return classes;
}
