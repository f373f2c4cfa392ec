// What a user gets from `npm install pulumi-azure-flowlogs`: the tarball (size, files), the runtime
// dependency tree it pulls in, and how long the installed `flowlogs summarize` takes on a 1 KB blob
// next to a bare `node -e 0`. Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "../tests/support/engine";
import { npmCommand, tarballFiles } from "../tests/support/package";

const RUNS = 10;

function npm(cwd: string, args: string[]): string {
  const [node, ...cli] = npmCommand();
  return execFileSync(node, [...cli, ...args, "--no-audit", "--no-fund"], { cwd, encoding: "utf8" });
}

/** Median wall time of RUNS runs of a command, in milliseconds. */
function medianMs(command: string, args: string[], cwd: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    execFileSync(command, args, { cwd, stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function main(): void {
  const work = mkdtempSync(path.join(tmpdir(), "flowlogs-package-bench-"));
  try {
    const packed = JSON.parse(npm(repoRoot, ["pack", "--json", "--pack-destination", work]))[0];
    const tarball = path.join(work, packed.filename);
    console.log(`package: ${packed.name}@${packed.version} (node ${process.version})`);
    console.log(
      `tarball            ${(statSync(tarball).size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${tarballFiles(tarball).length} files`,
    );

    const project = path.join(work, "project");
    execFileSync("mkdir", [project]);
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "bench", private: true }));
    npm(project, ["install", tarball]);
    const bytes = Number(
      execFileSync("du", ["-sb", "node_modules"], { cwd: project, encoding: "utf8" }).split("\t")[0],
    );
    // One line per installed package, plus the project itself.
    const count = npm(project, ["ls", "--all", "--parseable"]).trim().split("\n").length - 1;
    console.log(
      `install            ${(bytes / 1024 / 1024).toFixed(0)} MB of node_modules, ${count} packages (runtime dependencies only)`,
    );

    const blob = path.join(repoRoot, "tests", "logs", "fixtures", "nsg-v2.json");
    const flowlogs = path.join(project, "node_modules", ".bin", "flowlogs");
    const summarizeMs = medianMs(flowlogs, ["summarize", blob], project);
    const nodeMs = medianMs(process.execPath, ["-e", "0"], project);
    console.log(
      `flowlogs summarize ${summarizeMs.toFixed(0)} ms on a ${statSync(blob).size} B blob (median of ${RUNS}); node -e 0: ${nodeMs.toFixed(0)} ms; ratio ${(summarizeMs / nodeMs).toFixed(1)}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
