// A user's project outside this repository, made by running the README's "Use it in your project"
// commands and writing its files, with this package installed from its packed tarball and everything
// else from the registry.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./engine";
import { npmCommand } from "./package";

/** The README's code blocks marked `<!-- KIND: NAME -->`, by name, with the list's indentation removed. */
function readmeBlocks(kind: "consumer-test" | "consumer-run" | "consumer-output"): Record<string, string> {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const blocks: Record<string, string> = {};
  const marked = new RegExp(`<!-- ${kind}: (\\S+) -->\\n( *)\`\`\`\\w*\\n([\\s\\S]*?)\\n *\`\`\``, "g");
  for (const [, name, indent, body] of readme.matchAll(marked)) {
    blocks[name] = body
      .split("\n")
      .map((line) => line.slice(indent.length))
      .join("\n");
  }
  return blocks;
}

/** The files the README's "Use it in your project" section shows, by name (marked `<!-- consumer-test: NAME -->`). */
export const readmeProjectFiles = () => readmeBlocks("consumer-test");

/** The shell commands it shows, by step (marked `<!-- consumer-run: NAME -->`). */
export const readmeCommands = () => readmeBlocks("consumer-run");

/** What it shows the CLI printing (marked `<!-- consumer-output: NAME -->`). */
export const readmeOutputs = () => readmeBlocks("consumer-output");

/** Runs npm (with this process's Node) in `dir`. */
export async function npm(dir: string, args: string[]): Promise<string> {
  const [node, ...npmArgs] = npmCommand();
  const { stdout } = await promisify(execFile)(node, [...npmArgs, ...args, "--no-audit", "--no-fund"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** This process's environment with its Node (24) first on PATH, as a person's shell with Node installed. */
export function nodeFirstEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` };
}

/**
 * One terminal a person types README commands into: each block runs in bash with `set -e`, and its
 * working directory and exported variables carry over to the next block, as `cd` and `export` would.
 */
export class ReadmeShell {
  private readonly stateDir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-shell-"));

  constructor(
    public cwd: string,
    public env: NodeJS.ProcessEnv,
  ) {}

  async run(commands: string): Promise<{ stdout: string; stderr: string }> {
    const cwdFile = path.join(this.stateDir, "cwd");
    const envFile = path.join(this.stateDir, "env");
    const script = `set -euo pipefail\n${commands}\npwd > '${cwdFile}'\nenv -0 > '${envFile}'\n`;
    const result = await promisify(execFile)("bash", ["-c", script], {
      cwd: this.cwd,
      env: this.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    this.cwd = readFileSync(cwdFile, "utf8").trim();
    this.env = Object.fromEntries(
      readFileSync(envFile, "utf8")
        .split("\0")
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
    return result;
  }

  dispose(): void {
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/**
 * The README's install step run as it stands in a new folder in the system's temp folder (but for
 * `npm install` taking this package from `tarball`), then `files` written into the project. Returns
 * the project folder; remove its parent when done.
 */
export async function createConsumerProject(tarball: string, files: Record<string, string>): Promise<string> {
  const shell = new ReadmeShell(mkdtempSync(path.join(os.tmpdir(), "flowlogs-consumer-")), nodeFirstEnv());
  try {
    const install = readmeCommands().install.replace(
      /^(npm install) pulumi-azure-flowlogs\b/m,
      `$1 ${JSON.stringify(tarball)}`,
    );
    await shell.run(install);
  } finally {
    shell.dispose();
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(shell.cwd, name), text);
  return shell.cwd;
}

/** The emulator started with the README's command from this repository, and the lines it printed. */
export interface ReadmeEmulator {
  /** The `export` lines, to paste into a ReadmeShell. */
  exports: string;
  stop(): Promise<void>;
}

/** Runs the README's emulator command in this repository on a free port until it prints its last line. */
export function startReadmeEmulator(): Promise<ReadmeEmulator> {
  // Its own process group, so stopping it ends npm, the shell and the emulator it started, and only them.
  const child = spawn("bash", ["-c", readmeCommands().emulator], {
    cwd: repoRoot,
    env: { ...nodeFirstEnv(), FLOWLOGS_EMULATOR_PORT: "0" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), "SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let printed = "";
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk;
    });
    child.stdout.on("data", (chunk: Buffer) => {
      printed += chunk;
      if (!printed.includes("# Ctrl+C stops it.")) return;
      const exports = printed.split("\n").filter((line) => line.startsWith("export "));
      resolve({ exports: exports.join("\n"), stop });
    });
    child.once("exit", (code) =>
      reject(new Error(`npm run emulator exited ${code}:\n${printed}\n${errors}`)),
    );
  });
}
