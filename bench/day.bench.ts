// A day of hourly blobs summarised end to end (issue #26): BENCH_DAY_HOURS (default 24) blobs of
// BENCH_DAY_MB (default 64) MB each from the emulator's record generator (busy-hour.ts: dense records of
// a busy subnet), NSG v2 on even hours and VNet v4 on odd ones, written to a temporary folder outside the
// repo and deleted after. Side by side in one run, each side in its own fresh process over the same bytes:
//   one process: readFileSync + JSON.parse of each blob + flowsOf + the same SummaryBuilder;
//   the streaming reader in one thread (`--jobs 1`), and on worker threads (`--jobs N`, N = the cores);
// then the same over the NSG blobs alone (the dense NSG figure). Tuples per second per core are tuples
// over CPU time (every thread's); wall time gives the ratio, load average beside it. Runs the compiled
// package (dist/, `npm run bench` builds it): worker threads load it as users run it.
// BENCH_BASELINE_DIST=<an older build's dist/logs> adds its `summarize` as a "before" side.
// BENCH_DAY_RUNS=3 runs the sides in three rounds, one of each side per round (so a slow spell of the
// machine falls on every side), and prints each side's median run by wall time and every round's ratios.
// Prints figures and ratios; asserts nothing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { writeBusyHourBlob } from "../emulator/dataplane/busy-hour";

const HOURS = Number(process.env.BENCH_DAY_HOURS ?? 24);
const BLOB_MB = Number(process.env.BENCH_DAY_MB ?? 64);
const dist = path.join(__dirname, "..", "dist", "logs");
/** Optional: another build's dist/logs (an older commit's), run as one more side: "before". */
const BASELINE = process.env.BENCH_BASELINE_DIST;
const RUNS = Number(process.env.BENCH_DAY_RUNS ?? 1);

interface Measurement {
  ms: number;
  cpuMs: number;
  tuples: number;
  maxRssMb: number;
}

/** One side, in this (child) process: `whole` (JSON.parse + summary) or `jobs-N` (the streaming reader). */
async function measure(side: string, files: string[]): Promise<Measurement> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let tuples: number;
  if (side === "whole") {
    const { flowsOf } = require(path.join(dist, "flows"));
    const { SummaryBuilder } = require(path.join(dist, "summary"));
    const builder = new SummaryBuilder();
    let records = 0;
    for (const file of files)
      for (const record of JSON.parse(readFileSync(file, "utf8")).records) {
        records++;
        for (const flow of flowsOf(record)) builder.add(flow);
      }
    const totals = { files: files.length, records, recordsRead: records, problems: [], problemCount: 0 };
    tuples = builder.build(10, totals).tuples;
  } else if (side === "baseline") {
    const { fileSource, summarize } = require(path.join(BASELINE ?? "", "read"));
    tuples = (await summarize(files.map(fileSource))).tuples;
  } else {
    const { summarizeFiles } = require(path.join(dist, "parallel-summary"));
    tuples = (await summarizeFiles(files, 10, {}, Number(side.split("-")[1]))).tuples;
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
    tuples,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function inChild(side: string, files: string[]): Measurement {
  const args = ["-r", "ts-node/register/transpile-only", __filename, side, ...files];
  const out = execFileSync(process.execPath, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "");
}

function medianByWall(runs: Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function main(): Promise<void> {
  const [side, ...files] = process.argv.slice(2);
  if (side) {
    console.log(JSON.stringify(await measure(side, files)));
    return;
  }
  const cores = availableParallelism();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-day-"));
  try {
    const files: string[] = [];
    const generating = Date.now();
    for (let hour = 0; hour < HOURS; hour++) {
      const file = path.join(dir, `h${String(hour).padStart(2, "0")}-PT1H.json`);
      const at = new Date(Date.UTC(2026, 10, 24, hour));
      await writeBusyHourBlob(file, hour % 2 ? "vnet" : "nsg", at, BLOB_MB * 1_048_576);
      files.push(file);
    }
    console.log(
      `day: ${HOURS} hourly blobs of ${BLOB_MB} MB (NSG v2 even hours, VNet v4 odd), generated in ${((Date.now() - generating) / 1000).toFixed(0)} s; node ${process.version}, ${cores} cores, one fresh process per side${RUNS > 1 ? `, median of ${RUNS} rounds` : ""}`,
    );
    for (const [name, set] of [
      ["the whole day", files],
      ["NSG v2 blobs alone", files.filter((_, hour) => hour % 2 === 0)],
    ] as const) {
      const mb = set.reduce((sum, file) => sum + statSync(file).size, 0) / 1_048_576;
      console.log(`-- ${name}: ${set.length} blobs, ${mb.toFixed(0)} MB; load average ${load()} before`);
      const sides = [...(BASELINE ? ["baseline"] : []), "whole", "jobs-1", `jobs-${cores}`];
      const rounds = Array.from({ length: RUNS }, () =>
        Object.fromEntries(sides.map((s) => [s, inChild(s, set)])),
      );
      const m = Object.fromEntries(sides.map((s) => [s, medianByWall(rounds.map((round) => round[s]))]));
      for (const s of sides) {
        const { ms, cpuMs, tuples, maxRssMb } = m[s];
        const jobs = s.startsWith("jobs-") ? Number(s.slice(5)) : 1;
        const label =
          s === "whole"
            ? "JSON.parse + summary, one process"
            : s === "baseline"
              ? "before: BENCH_BASELINE_DIST summarize"
              : `streaming reader, --jobs ${jobs}`;
        console.log(
          `${label.padEnd(36)} ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s ${(tuples / ms / 1000).toFixed(2).padStart(5)} M tuples/s  ${(tuples / cpuMs / 1000).toFixed(2).padStart(5)} M tuples/s per core (CPU)  wall ${(ms / 1000).toFixed(1).padStart(5)} s  cpu ${(cpuMs / 1000).toFixed(1).padStart(5)} s  peak RSS ${maxRssMb.toFixed(0).padStart(4)} MB (${(maxRssMb / jobs).toFixed(0)} MB per thread)  ${tuples} tuples`,
        );
      }
      const ratios = (r: Record<string, Measurement>) =>
        `--jobs 1 ${(r.whole.ms / r["jobs-1"].ms).toFixed(2)}, --jobs ${cores} ${(r.whole.ms / r[`jobs-${cores}`].ms).toFixed(2)}`;
      if (RUNS > 1) console.log(`ratios by round: ${rounds.map(ratios).join("; ")}`);
      console.log(
        `ratio (wall, vs one process${RUNS > 1 ? `, medians of ${RUNS}` : ""}): ${ratios(m)}; load average ${load()} after`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
