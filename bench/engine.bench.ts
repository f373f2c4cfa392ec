// `pulumi up`, `preview` and `refresh` of N flow logs through the real engine against the emulator,
// side by side with N no-op dynamic resources whose create sleeps as long as Azure takes here: the
// ratio is what the component itself costs. Also ARM calls per resource and state bytes per flow log.
// Prints figures; asserts nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { FlowLog } from "../components";
import { providerEnv, startEmulatedAzure } from "../tests/support/emulated-azure";
import { TestStack } from "../tests/support/engine";
import { WRITE_OPERATIONS } from "../tests/support/flow-log-program";
import * as ids from "../tests/support/seed-ids";
import { armCalls } from "./arm-calls";

const SIZES = (process.env.BENCH_FLOW_LOGS ?? "1,10,50,200").split(",").map(Number);
/** Emulated Azure: 30 ms per response, operations that take 500 ms, Retry-After 1 s. */
const LATENCY = { responseMs: 30, operationMs: 500, retryAfterSeconds: 1 };
/** What one create costs in that Azure: about six calls and one poll interval. */
const NOOP_CREATE_MS = 6 * LATENCY.responseMs + 1000;

const sleeper: pulumi.dynamic.ResourceProvider = {
  async create() {
    await new Promise((resolve) => setTimeout(resolve, NOOP_CREATE_MS));
    return { id: `noop-${Math.random()}`, outs: {} };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(sleeper, name, {}, {}, "bench", "Noop");
  }
}

/** Environment that makes each provider host record its peak memory in a fresh directory. */
function peakRssProbe(): { env: Record<string, string>; peakMb: () => number } {
  const dir = mkdtempSync(path.join(tmpdir(), "peak-rss-"));
  return {
    env: { PEAK_RSS_DIR: dir, NODE_OPTIONS: `--require ${path.join(__dirname, "peak-rss.js")}` },
    peakMb: () => {
      const kb = readdirSync(dir).map((f) => Number(readFileSync(path.join(dir, f), "utf8")));
      rmSync(dir, { recursive: true, force: true });
      return Math.max(0, ...kb) / 1024;
    },
  };
}

async function timed<T>(op: () => Promise<T>): Promise<[number, T]> {
  const started = Date.now();
  const result = await op();
  return [Date.now() - started, result];
}

async function main(): Promise<void> {
  const emulator = await startEmulatedAzure({ latency: LATENCY });
  console.log(
    `engine: N flow logs vs N no-op dynamic resources sleeping ${NOOP_CREATE_MS} ms (node ${process.version})`,
  );
  console.log(
    "     N   up flowlogs   up no-op   ratio   preview/res   refresh/res   ARM calls/res (up, preview, refresh)   state bytes/flow log   provider peak RSS (flow logs / no-op)",
  );
  for (const n of SIZES) {
    const flowLogs: PulumiFn = async () => {
      for (let i = 1; i <= n; i++)
        new FlowLog(`bench-${i}`, { targetResourceId: ids.scaleVnet(i), storageAccountId: ids.STORAGE_WEU });
    };
    const noops: PulumiFn = async () => {
      for (let i = 1; i <= n; i++) new Noop(`noop-${i}`);
    };
    const realRss = peakRssProbe();
    const noopRss = peakRssProbe();
    const real = await TestStack.create({
      program: flowLogs,
      env: { ...providerEnv(emulator), ...realRss.env },
    });
    const baseline = await TestStack.create({ program: noops, env: noopRss.env });
    try {
      const mark = async () => (await emulator.admin.requests()).length;
      const since = async (from: number) => armCalls((await emulator.admin.requests()).slice(from));
      let from = await mark();
      const [upMs] = await timed(() => real.up());
      const upCalls = (await since(from)).length;
      from = await mark();
      const [previewMs] = await timed(() => real.preview());
      const previewLog = await since(from);
      const previewWrites = previewLog.filter((r) => WRITE_OPERATIONS.includes(r.operation));
      from = await mark();
      const [refreshMs] = await timed(() => real.refresh());
      const refreshCalls = (await since(from)).length;
      const [noopMs] = await timed(() => baseline.up());
      const stateBytes =
        JSON.stringify((await real.state()).resources?.filter((r) => r.type.endsWith("FlowLogSettings")))
          .length / n;
      const row = [
        String(n).padStart(6),
        `${(upMs / 1000).toFixed(1)} s`.padStart(13),
        `${(noopMs / 1000).toFixed(1)} s`.padStart(10),
        (upMs / noopMs).toFixed(2).padStart(7),
        `${(previewMs / n).toFixed(0)} ms`.padStart(13),
        `${(refreshMs / n).toFixed(0)} ms`.padStart(13),
        `${(upCalls / n).toFixed(1)}, ${(previewLog.length / n).toFixed(1)}, ${(refreshCalls / n).toFixed(1)}`.padStart(
          40,
        ),
        stateBytes.toFixed(0).padStart(22),
        `${realRss.peakMb().toFixed(0)} / ${noopRss.peakMb().toFixed(0)} MB`.padStart(32),
        `preview writes: ${previewWrites.length}`,
      ];
      console.log(row.join(" "));
      await real.destroy();
    } finally {
      await real.dispose();
      await baseline.dispose();
    }
  }
  await emulator.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
