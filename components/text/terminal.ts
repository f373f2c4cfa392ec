// Text from the logs (rule names, targets, blob names, a tuple quoted in a warning) is anyone's who can
// write to the storage account. Before it reaches a terminal its control characters are written as
// escapes, so an ESC cannot start a terminal sequence nor a BEL ring, and bidirectional overrides cannot
// reorder what is shown.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (char: string) => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
};

/** The text with every control character written as `\xHH` (or `\uHHHH`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/**
 * Rows as aligned columns two spaces apart, each line led by `indent`, text escaped by `printable`;
 * numbers right-aligned when `numbersRight`. Widths are found by a loop: a spread of one argument per
 * row overflows the stack when the logs name a few hundred thousand rules or NICs.
 */
export function columns(cells: (string | number)[][], numbersRight: boolean, indent = ""): string {
  const rows = cells.map((row) => row.map((cell) => (typeof cell === "number" ? cell : printable(cell))));
  const widths = rows[0].map(() => 0);
  for (const row of rows)
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], String(row[i]).length);
  return rows
    .map((row) =>
      (
        indent +
        row
          .map((cell, i) =>
            numbersRight && typeof cell === "number"
              ? String(cell).padStart(widths[i])
              : String(cell).padEnd(widths[i]),
          )
          .join("  ")
      ).trimEnd(),
    )
    .join("\n");
}
