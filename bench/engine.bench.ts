// `pulumi up`, `preview` and `refresh` through the real engine, side by side in one run, of N of each
// of bench/variants.ts's (a) no-op dynamic resources, (b) components wrapping one, (c) FlowLogs against
// the emulator (answering in 30 ms, operations taking 500 ms, Retry-After 1 s).
// Prints wall time, the engine's and the provider hosts' CPU during up (during preview and refresh also the
// inline program's, which runs in this process with the emulator: preview sends Azure nothing), the largest provider host's peak
// memory, state bytes per item, ARM calls per flow log and the machine's load average. Asserts nothing. BENCH_FLOW_LOGS=10,50 picks the sizes,
// BENCH_RUNS=3 takes the median of three runs, BENCH_VARIANTS=b,c runs only those variants, BENCH_REPEATS=3
// previews and refreshes each stack three times after its `up` (median shown, each refresh listed).
import { loadavg } from "node:os";
import type { RequestLogEntry, RunningEmulator } from "../emulator";
import { providerEnv, startEmulatedAzure } from "../tests/support/emulated-azure";
import { type StackState, TestStack } from "../tests/support/engine";
import { WRITE_OPERATIONS } from "../tests/support/flow-log-program";
import * as ids from "../tests/support/seed-ids";
import { armCalls } from "./arm-calls";
import { type Usage, withUsage } from "./process-usage";
import { NOOP_CREATE_MS, VARIANTS, type Variant } from "./variants";

const SIZES = (process.env.BENCH_FLOW_LOGS ?? "10,50,200,400").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 1);
const CHOSEN = (process.env.BENCH_VARIANTS ?? "a,b,c").split(",");
const MEASURED = VARIANTS.filter((v) => CHOSEN.includes(v.label[1]));
const LATENCY = { responseMs: 30, operationMs: 500, retryAfterSeconds: 1 };

interface Figures {
  upMs: number;
  previewMs: number;
  refreshMs: number;
  /** Every refresh's time, when BENCH_REPEATS asks for more than one. */
  refreshesMs: number[];
  up: Usage;
  /** Where preview's and refresh's time goes: the engine's CPU, the provider hosts', the program's. */
  preview: Usage;
  refresh: Usage;
  stateBytes: number;
  /** ARM calls of up, preview and refresh, and writes during preview. */
  calls: [number, number, number];
  previewWrites: number;
}

/** State bytes of everything the program made: the stack and the default provider left out. */
function programStateBytes(state: StackState): number {
  return (state.resources ?? [])
    .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
    .reduce((sum, r) => sum + JSON.stringify(r).length, 0);
}

async function timed<T>(op: () => Promise<T>): Promise<number> {
  const started = Date.now();
  await op();
  return Date.now() - started;
}

async function measure(emulator: RunningEmulator, variant: Variant, n: number): Promise<Figures> {
  const stack = await TestStack.create({
    program: variant.program(n),
    env: variant.azure ? providerEnv(emulator) : {},
  });
  const mark = async () => (await emulator.admin.requests()).length;
  const since = async (from: number) => armCalls((await emulator.admin.requests()).slice(from));
  try {
    let from = await mark();
    const [upMs, up] = await withUsage(() => timed(() => stack.up()));
    const upCalls = (await since(from)).length;
    const previews: [number, Usage, RequestLogEntry[]][] = [];
    const refreshes: [number, Usage, number][] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      from = await mark();
      const [previewMs, preview] = await withUsage(() => timed(() => stack.preview()));
      previews.push([previewMs, preview, await since(from)]);
      from = await mark();
      const [refreshMs, refresh] = await withUsage(() => timed(() => stack.refresh()));
      refreshes.push([refreshMs, refresh, (await since(from)).length]);
    }
    const [previewMs, preview, previewLog] = medianBy(previews, ([ms]) => ms);
    const [refreshMs, refresh, refreshCalls] = medianBy(refreshes, ([ms]) => ms);
    const stateBytes = programStateBytes(await stack.state());
    await stack.destroy();
    return {
      upMs,
      previewMs,
      refreshMs,
      refreshesMs: refreshes.map(([ms]) => ms),
      up,
      preview,
      refresh,
      stateBytes: stateBytes / n,
      calls: [upCalls / n, previewLog.length / n, refreshCalls / n],
      previewWrites: previewLog.filter((r) => WRITE_OPERATIONS.includes(r.operation)).length,
    };
  } finally {
    await stack.dispose();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The item whose measure is the median. */
function medianBy<T>(items: T[], measure: (item: T) => number): T {
  const m = median(items.map(measure));
  return items.find((item) => measure(item) === m)!;
}

/** The run whose `up` took the median time. */
const medianRun = (runs: Figures[]): Figures => medianBy(runs, (r) => r.upMs);

const cpuSplit = ({ cpu }: Usage) =>
  `${cpu.engine.toFixed(1)} / ${cpu.providerHosts.toFixed(1)} / ${cpu.program.toFixed(1)} s`;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** The emulator seeds 200 virtual networks; a larger run adds copies of the first for the rest. */
async function seedNetworks(emulator: RunningEmulator, count: number): Promise<void> {
  const { location, properties } = await emulator.admin.getResource(ids.scaleVnet(1));
  for (let i = 201; i <= count; i++)
    await emulator.admin.putResource(ids.scaleVnet(i), { location, properties });
}

async function main(): Promise<void> {
  const emulator = await startEmulatedAzure({ latency: LATENCY });
  await seedNetworks(emulator, Math.max(...SIZES));
  console.log(
    `engine: N of (a), (b), (c) side by side; no-op create sleeps ${NOOP_CREATE_MS} ms; median of ${RUNS} run(s) by up (node ${process.version})`,
  );
  const header = [
    "variant".padEnd(34),
    "N".padStart(4),
    "up".padStart(8),
    "vs a".padStart(6),
    "vs b".padStart(6),
    "preview".padStart(9),
    "vs b".padStart(6),
    "refresh".padStart(9),
    "vs b".padStart(6),
    "engine CPU".padStart(11),
    "vs b".padStart(6),
    "host CPU".padStart(9),
    "host peak".padStart(10),
    "state/item".padStart(11),
    "preview CPU engine/host/program".padStart(32),
    "refresh CPU engine/host/program".padStart(32),
    "  ARM calls/flow log (up, preview, refresh)",
    ...(REPEATS > 1 ? ["  each refresh"] : []),
  ];
  console.log(header.join(" "));
  for (const n of SIZES) {
    const loadBefore = load();
    const runs = new Map<Variant, Figures[]>(MEASURED.map((v) => [v, []]));
    for (let run = 0; run < RUNS; run++)
      for (const variant of MEASURED) runs.get(variant)!.push(await measure(emulator, variant, n));
    const [a, b] = VARIANTS.map((v) => runs.has(v) && medianRun(runs.get(v)!));
    for (const variant of MEASURED) {
      const f = medianRun(runs.get(variant)!);
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      const ratio = (x: number, y: number | undefined) => (y === undefined ? "-" : (x / y).toFixed(2));
      const row = [
        variant.label.padEnd(34),
        String(n).padStart(4),
        seconds(f.upMs).padStart(8),
        ratio(f.upMs, a ? a.upMs : undefined).padStart(6),
        ratio(f.upMs, b ? b.upMs : undefined).padStart(6),
        seconds(f.previewMs).padStart(9),
        ratio(f.previewMs, b ? b.previewMs : undefined).padStart(6),
        seconds(f.refreshMs).padStart(9),
        ratio(f.refreshMs, b ? b.refreshMs : undefined).padStart(6),
        `${f.up.cpu.engine.toFixed(1)} s`.padStart(11),
        ratio(f.up.cpu.engine, b ? b.up.cpu.engine : undefined).padStart(6),
        `${f.up.cpu.providerHosts.toFixed(1)} s`.padStart(9),
        `${f.up.providerHostPeakMb.toFixed(0)} MB`.padStart(10),
        `${(f.stateBytes / 1024).toFixed(2)} KB`.padStart(11),
        cpuSplit(f.preview).padStart(32),
        cpuSplit(f.refresh).padStart(32),
        variant.azure
          ? `  ${f.calls.map((c) => c.toFixed(1)).join(", ")}; preview writes ${f.previewWrites}`
          : "",
        ...(REPEATS > 1 ? [`  ${f.refreshesMs.map(seconds).join(", ")}`] : []),
      ];
      console.log(row.join(" "));
    }
    console.log(`${"".padEnd(34)} load average ${loadBefore} before, ${load()} after`);
  }
  await emulator.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
