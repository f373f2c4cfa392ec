// What a user gets from `npm install pulumi-azure-flowlogs`: the tarball (size, files), the runtime
// dependency tree it pulls in (what a program that only declares flow logs installs) beside the 0.3.0
// release's (before Parquet and SQL) and beside the same with DuckDB added for Parquet and SQL (`npm install @duckdb/node-api`, an optional peer dependency), and how
// long the installed `flowlogs summarize` takes on a 1 KB blob next to a bare `node -e 0`. Prints figures;
// asserts nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "../tests/support/engine";
import { npmCommand, releasedTarball, tarballFiles } from "../tests/support/package";

const RUNS = 10;
const DUCKDB = "@duckdb/node-api";

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

interface Installed {
  dir: string;
  bytes: number;
  count: number;
}

/** These packages installed into a new project folder: its node_modules' size and package count. */
function installed(work: string, name: string, packages: string[]): Installed {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench", private: true }));
  npm(dir, ["install", ...packages]);
  const bytes = Number(
    execFileSync("du", ["-sb", "node_modules"], { cwd: dir, encoding: "utf8" }).split("\t")[0],
  );
  // One line per installed package, plus the project itself.
  const count = npm(dir, ["ls", "--all", "--parseable"]).trim().split("\n").length - 1;
  return { dir, bytes, count };
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

    const released = installed(work, "project-0.3.0", [releasedTarball("0.3.0")]);
    const light = installed(work, "project", [tarball]);
    const full = installed(work, "project-with-duckdb", [tarball, DUCKDB]);
    const row = (label: string, p: Installed) =>
      `${label.padEnd(34)} ${(p.bytes / 1024 / 1024).toFixed(0).padStart(4)} MB  ${String(p.count).padStart(4)} packages`;
    console.log("install (runtime dependencies only)  node_modules");
    console.log(row("  npm install 0.3.0's tarball", released));
    console.log(row("  npm install TARBALL", light));
    console.log(row(`  npm install TARBALL ${DUCKDB}`, full));
    console.log(
      `  DuckDB's share                     ${((full.bytes - light.bytes) / 1024 / 1024).toFixed(0).padStart(4)} MB  ${String(full.count - light.count).padStart(4)} packages`,
    );
    // What `flowlogs query` says without DuckDB (its last line), as a user would see it.
    const blob = path.join(repoRoot, "tests", "logs", "fixtures", "nsg-v2.json");
    const lightCli = path.join(light.dir, "node_modules", ".bin", "flowlogs");
    const said = spawnSync(lightCli, ["query", "SELECT 1", blob], { encoding: "utf8" });
    console.log(`  without DuckDB: flowlogs query exits ${said.status}: ${said.stderr.trim()}`);
    const project = light.dir;

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
