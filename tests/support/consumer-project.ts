// A user's project outside this repository, made from the README's "Use it in your project" files, with
// this package installed from its packed tarball and everything else from the registry.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./engine";
import { npmCommand } from "./package";

/** The files the README's "Use it in your project" section shows, by name (marked `<!-- consumer-test: NAME -->`). */
export function readmeProjectFiles(): Record<string, string> {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const files: Record<string, string> = {};
  for (const [, name, indent, body] of readme.matchAll(
    /<!-- consumer-test: (\S+) -->\n( *)```\w*\n([\s\S]*?)\n *```/g,
  )) {
    files[name] = body
      .split("\n")
      .map((line) => line.slice(indent.length))
      .join("\n");
  }
  return files;
}

/** Runs npm (with this process's Node) in `dir`. */
export async function npm(dir: string, args: string[]): Promise<string> {
  const [node, ...npmArgs] = npmCommand();
  const { stdout } = await promisify(execFile)(node, [...npmArgs, ...args, "--no-audit", "--no-fund"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * A new project folder in the system's temp folder holding `files`, with the README's dependencies
 * installed: this package from `tarball`, the newest @pulumi/pulumi 3.x, TypeScript 5.
 */
export async function createConsumerProject(tarball: string, files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-consumer-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "acme-network", version: "1.0.0", private: true }, null, 2),
  );
  await npm(dir, ["install", tarball, "@pulumi/pulumi@3"]);
  await npm(dir, ["install", "--save-dev", "typescript@5", "@types/node"]);
  return dir;
}
