// Throughput and memory of the streaming parser against JSON.parse of the whole blob, doing the same
// work on both sides: every tuple read into a Flow by the same tuple reader (tuples.ts) and counted
// ("flows"), or also fed to the same SummaryBuilder ("summary"). `whole` is readFileSync + JSON.parse of
// the file + flowsOf on each record; `stream` is readFlows/summarize over the file's 1 MB chunks. A third
// line, JSON.parse alone, shows what parsing costs the whole side before any flow work. Each side runs in
// its own fresh process over the same generated blob (so peak RSS is its own, and each pays its own JIT
// warm-up), BENCH_RUNS times interleaved (default 3); figures are medians. Wall time gives the ratio;
// CPU time (user + system, all threads) is printed beside it because on a busy machine wall time also
// counts waiting for a core. Then `flowlogs summarize` of a 1 KB blob: wall time, modules loaded.
// Prints figures and ratios; asserts nothing (timing is measured here, never in tests).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { fileSource, readFlows, summarize } from "../components/logs";
import { flowsOf } from "../components/logs/flows";
import { SummaryBuilder } from "../components/logs/summary";
import { hourRecords } from "../emulator/dataplane/records";

/** Blob sizes to compare: flat memory shows as the same peak for both. */
const SIZES_MB = (process.env.BENCH_BLOB_MB ?? "16,64").split(",").map(Number);

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Measurement {
  ms: number;
  cpuMs: number;
  flows: number;
  maxRssMb: number;
}

/** A blob of VNet and NSG records in Azure's block layout, about `targetMb` large. */
function generate(file: string, targetMb: number): void {
  const parts: string[] = [];
  let bytes = 0;
  for (let hour = 0; bytes < targetMb * 1_048_576; hour++) {
    const at = new Date(Date.UTC(2026, 10, 1) + hour * 3_600_000);
    const base = {
      mac: "00-0D-3A-1B-2C-3D",
      privateIp: "10.10.1.4",
      targetResourceId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v",
      flowLogResourceId: "/fl",
    };
    for (const record of [
      ...hourRecords({ ...base, kind: "vnet", version: 4, hourStart: at }),
      ...hourRecords({ ...base, kind: "nsg", version: 2, hourStart: at }),
    ]) {
      const block = `${parts.length ? "," : '{"records":['}${JSON.stringify(record)}`;
      parts.push(block);
      bytes += block.length;
    }
  }
  parts.push("]}");
  writeFileSync(file, parts.join(""));
}

/**
 * `stream-flows`/`whole-flows`: parse to flows and count them; `stream-summary`/`whole-summary`: + the
 * summary; `whole-parse`: read and JSON.parse the file, no flows.
 */
async function measure(mode: string, file: string): Promise<Measurement> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let flows = 0;
  const [how, what] = mode.split("-");
  if (how === "stream" && what === "summary") {
    flows = (await summarize([fileSource(file)])).tuples;
  } else if (how === "stream") {
    await readFlows([fileSource(file)], () => flows++);
  } else {
    const builder = new SummaryBuilder();
    const { records } = JSON.parse(readFileSync(file, "utf8"));
    if (what !== "parse")
      for (const record of records)
        for (const flow of flowsOf(record)) {
          if (what === "summary") builder.add(flow);
          flows++;
        }
    if (what === "summary")
      builder.build(10, {
        files: 1,
        records: records.length,
        recordsRead: records.length,
        problems: [],
        problemCount: 0,
      });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    flows,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** A heap far smaller than the blob: only a parser whose memory is flat in file size gets through. */
const SMALL_HEAP_MB = 48;

function inChild(mode: string, file: string, heapMb?: number): Measurement | undefined {
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  try {
    const args = [...heap, "-r", "ts-node/register/transpile-only", __filename, mode, file];
    const out = execFileSync(process.execPath, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return JSON.parse(out.trim().split("\n").pop()!);
  } catch {
    return undefined; // out of memory under the heap cap
  }
}

/** Median of `runs` wall times of a command, in milliseconds. */
function wallMs(command: string, args: string[], runs = 5, env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    execFileSync(command, args, { stdio: ["ignore", "ignore", "pipe"], env });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** `flowlogs summarize` of a 1 KB blob: its wall time, and which modules it loads (no Azure SDK). */
function cliStartup(): void {
  const root = path.join(__dirname, "..");
  const tiny = path.join(root, "tests", "logs", "fixtures", "nsg-v2.json");
  const preload = path.join(mkdtempSync(path.join(tmpdir(), "bench-cli-")), "count.js");
  writeFileSync(
    preload,
    `process.on("exit", () => { const m = Object.keys(require.cache); process.stderr.write(\`modules \${m.length} azure \${m.filter((k) => k.includes("@azure")).length}\\n\`); });`,
  );
  // The compiled CLI, as users run it (`npm run bench` builds dist/ first).
  const cli = path.join(root, "dist", "cli", "flowlogs.js");
  if (!existsSync(cli)) {
    console.log(`-- flowlogs summarize: skipped, ${cli} is not built (npm run build)`);
    return;
  }
  const counted = (args: string[]) => {
    const { stderr } = spawnSync(process.execPath, [cli, ...args], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: `--require ${preload}` },
    });
    return /modules \d+ azure \d+/.exec(stderr)?.[0];
  };
  console.log(`-- flowlogs summarize of a ${statSync(tiny).size}-byte blob (median of 5 runs)`);
  console.log(
    `node -e "" (the floor)           ${wallMs(process.execPath, ["-e", ""]).toFixed(0).padStart(6)} ms`,
  );
  console.log(
    `flowlogs summarize (dist/cli/flowlogs.js) ${wallMs(process.execPath, [cli, "summarize", tiny]).toFixed(0).padStart(6)} ms`,
  );
  console.log(
    `modules loaded: summarize ${counted(["summarize", tiny])}; download (fails without sign-in) ${counted(["download", "--storage-account", "x", "--container", "c", "--prefix", "p"])}`,
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Each mode's median over RUNS fresh processes, the modes taking turns so load shifts hit all alike. */
function medians(modes: string[], blob: string): Record<string, Measurement> {
  const runs: Record<string, Measurement[]> = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let run = 0; run < RUNS; run++) for (const mode of modes) runs[mode].push(inChild(mode, blob)!);
  return Object.fromEntries(
    modes.map((mode) => {
      const all = runs[mode];
      const pick = (key: keyof Measurement) => median(all.map((m) => m[key]));
      return [
        mode,
        { ms: pick("ms"), cpuMs: pick("cpuMs"), flows: pick("flows"), maxRssMb: pick("maxRssMb") },
      ];
    }),
  );
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if (mode) {
    console.log(JSON.stringify(await measure(mode, file)));
    return;
  }
  const line = (name: string, mb: number, m: Measurement) =>
    `${name.padEnd(40)} ${(mb / (m.ms / 1000)).toFixed(1).padStart(6)} MB/s ${m.ms.toFixed(0).padStart(6)} ms  cpu ${m.cpuMs.toFixed(0).padStart(5)} ms  peak RSS ${m.maxRssMb.toFixed(0).padStart(4)} MB  ${m.flows} flows`;
  console.log(
    `parse: PT1H.json blobs of VNet v4 + NSG v2 records, node ${process.version}, each side in its own process, median of ${RUNS} runs; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  for (const size of SIZES_MB) {
    const blob = path.join(mkdtempSync(path.join(tmpdir(), "bench-parse-")), "PT1H.json");
    generate(blob, size);
    const mb = statSync(blob).size / 1_048_576;
    console.log(`-- ${mb.toFixed(1)} MB`);
    const m = medians(
      ["whole-parse", "whole-flows", "stream-flows", "whole-summary", "stream-summary"],
      blob,
    );
    console.log(line("JSON.parse of whole file alone, no flows", mb, m["whole-parse"]));
    for (const what of ["flows", "summary"]) {
      const whole = m[`whole-${what}`];
      const stream = m[`stream-${what}`];
      console.log(line(`JSON.parse of whole file + ${what}`, mb, whole));
      console.log(line(`streaming parser, ${what}`, mb, stream));
      console.log(
        `ratio ${what} ${mb.toFixed(0)} MB  throughput stream/whole: ${(whole.ms / stream.ms).toFixed(2)} (cpu ${(whole.cpuMs / stream.cpuMs).toFixed(2)})   peak RSS stream ${stream.maxRssMb.toFixed(0)} MB, whole ${whole.maxRssMb.toFixed(0)} MB`,
      );
    }
    const capped = (m: string) => (inChild(m, blob, SMALL_HEAP_MB) ? "finishes" : "runs out of memory");
    console.log(
      `with a ${SMALL_HEAP_MB} MB heap: streaming summary ${capped("stream-summary")}; JSON.parse of the whole file ${capped("whole-summary")}`,
    );
  }
  cliStartup();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
