// Throttled convergence: one `pulumi up` of 200 flow logs against a subscription write bucket and
// injected per-target conflicts, timed against the lower bound the bucket imposes on 200 writes.
// Prints figures; asserts nothing.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { FlowLog } from "../components";
import { providerEnv, startEmulatedAzure } from "../tests/support/emulated-azure";
import { TestStack } from "../tests/support/engine";
import * as ids from "../tests/support/seed-ids";

const N = Number(process.env.BENCH_THROTTLED_FLOW_LOGS ?? 200);
const LATENCY = { responseMs: 30, operationMs: 500, retryAfterSeconds: 1 };
const WRITES = { capacity: 20, refillPerSecond: 2 };
const CONFLICTS = 10;

async function main(): Promise<void> {
  const emulator = await startEmulatedAzure({ latency: LATENCY, throttling: { writes: WRITES } });
  await emulator.admin.injectFault({
    operation: "flowLogs.put",
    kind: "status",
    status: 409,
    count: CONFLICTS,
  });
  const program: PulumiFn = async () => {
    for (let i = 1; i <= N; i++)
      new FlowLog(`throttled-${i}`, {
        targetResourceId: ids.scaleVnet(i),
        storageAccountId: ids.STORAGE_WEU,
      });
  };
  const s = await TestStack.create({ program, env: providerEnv(emulator) });
  try {
    const started = Date.now();
    const up = await s.up();
    const seconds = (Date.now() - started) / 1000;
    const log = await emulator.admin.requests();
    const count = (status: number) => log.filter((r) => r.status === status).length;
    const enabled = (await emulator.admin.flowLogs()).filter(
      (f) => f.enabled && f.targetResourceId.includes("vnet-scale-"),
    ).length;
    // Each flow log needs one write; the bucket serves `capacity` at once, then `refillPerSecond`.
    const bound = Math.max(0, (N - WRITES.capacity) / WRITES.refillPerSecond);
    console.log(
      `throttling: ${N} flow logs, write bucket ${WRITES.capacity} + ${WRITES.refillPerSecond}/s, ${CONFLICTS} injected 409s (node ${process.version})`,
    );
    console.log(
      `up ${seconds.toFixed(1)} s   bucket's lower bound ${bound.toFixed(1)} s   ratio ${(seconds / bound).toFixed(2)}   ` +
        `429s ${count(429)}   409s ${count(409)}   flow logs enabled ${enabled}/${N}   created ${up.result.summary.resourceChanges?.create}`,
    );
  } finally {
    await s.dispose();
    await emulator.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
