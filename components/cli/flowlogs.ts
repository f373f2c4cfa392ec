#!/usr/bin/env node
// `flowlogs <command>`: download flow-log blobs, then summarize, report, export or audit rules from them.
// Each command is its own module, loaded only when run, so a summary never loads the Azure SDK.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { COMMAND_NAMES, type CommandName, commandHelp, overview } from "./commands/help";

const COMMANDS: Record<CommandName, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  download: () => import("./commands/download"),
  summarize: () => import("./commands/summarize"),
  report: () => import("./commands/report"),
  export: () => import("./commands/export"),
  query: () => import("./commands/query"),
  rules: () => import("./commands/rules"),
  migrate: () => import("./commands/migrate"),
};

const HELP_FLAGS = ["--help", "-h"];

function version(): string {
  // dist/cli/flowlogs.js and components/cli/flowlogs.ts both sit two folders below the package's root.
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  return `flowlogs ${manifest.version}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || HELP_FLAGS.includes(command) || command === "help") {
    const about = COMMAND_NAMES.find((name) => name === rest[0]);
    process.stdout.write(about ? commandHelp(about) : overview());
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(version());
    return 0;
  }
  const name = COMMAND_NAMES.find((n) => n === command);
  if (!name)
    throw new Error(
      `unknown command "${command}"; expected ${COMMAND_NAMES.join(", ")} (see flowlogs --help)`,
    );
  if (rest.some((arg) => HELP_FLAGS.includes(arg))) {
    process.stdout.write(commandHelp(name));
    return 0;
  }
  try {
    return await (await COMMANDS[name]()).run(rest);
  } catch (e) {
    // node:util's parseArgs words its own errors; say where the accepted flags are listed.
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (code.startsWith("ERR_PARSE_ARGS"))
      throw new Error(`${name}: ${(e as Error).message} (see flowlogs ${name} --help)`);
    throw e;
  }
}

/** Exits once standard output and error are written out: exiting at once cuts off what a pipe has not taken. */
function exit(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main(process.argv.slice(2)).then(exit, (e) => {
  console.error(`flowlogs: ${(e as Error).message}`);
  exit(2);
});
