// ARM calls per lifecycle operation of one flow log, by ARM operation, against the fewest the API
// needs to make the change and see it finish. Counted from the emulator's request log; sign-in and
// cloud discovery are left out (once per provider process). Prints figures; asserts nothing.
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { FlowLog } from "../components";
import type { RunningEmulator } from "../emulator";
import { providerEnv, startEmulatedAzure } from "../tests/support/emulated-azure";
import { TestStack } from "../tests/support/engine";
import { flowLogProgram } from "../tests/support/flow-log-program";
import * as ids from "../tests/support/seed-ids";
import { armCalls } from "./arm-calls";

const LATENCY = { responseMs: 30, operationMs: 500, retryAfterSeconds: 1 };

/**
 * The fewest calls the API needs: find the region's watcher (create only; later operations use the ID
 * in state), send the change, poll its operation once, and for a flowLogs PUT read the result (the
 * protocol's final GET; configureFlowLog's poll carries the result). A read is one call.
 */
const MINIMUM: Record<string, Record<string, number>> = {
  "VNet flow log (flowLogs child)": { create: 4, update: 3, read: 1, delete: 3 },
  "NSG flow log (configureFlowLog)": { create: 3, update: 2, read: 1, delete: 2 },
};

async function callsDuring(emulator: RunningEmulator, op: () => Promise<unknown>) {
  const from = (await emulator.admin.requests()).length;
  await op();
  const calls = armCalls((await emulator.admin.requests()).slice(from));
  const byOperation = new Map<string, number>();
  for (const call of calls) byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
  return { total: calls.length, byOperation };
}

async function measure(emulator: RunningEmulator, kind: string, target: string, storage: string) {
  const program = (days: number): PulumiFn =>
    flowLogProgram({ targetResourceId: target, storageAccountId: storage, retentionPolicy: { days } });
  const s = await TestStack.create({ program: program(3), env: providerEnv(emulator) });
  try {
    const phases: [string, () => Promise<unknown>][] = [
      ["create", () => s.up()],
      [
        "update",
        () => {
          s.setProgram(program(4));
          return s.up();
        },
      ],
      ["read", () => s.refresh()],
      ["delete", () => s.destroy()],
    ];
    for (const [phase, run] of phases) {
      const { total, byOperation } = await callsDuring(emulator, run);
      const minimum = MINIMUM[kind][phase];
      const detail = [...byOperation].map(([op, n]) => `${op} ${n}`).join(", ");
      console.log(
        `${kind.padEnd(32)} ${phase.padEnd(7)} ${String(total).padStart(5)} ${String(minimum).padStart(8)} ${(total / minimum).toFixed(2).padStart(6)}   ${detail}`,
      );
    }
  } finally {
    await s.dispose();
  }
}

/** Flow logs in the refresh whose reads are counted per flow log: they share the lists a refresh reads. */
const REFRESHED = Number(process.env.BENCH_REFRESH_FLOW_LOGS ?? 20);

async function measureRefresh(emulator: RunningEmulator, n: number) {
  const program: PulumiFn = async () => {
    for (let i = 1; i <= n; i++)
      new FlowLog(`refreshed-${i}`, {
        targetResourceId: ids.scaleVnet(i),
        storageAccountId: ids.STORAGE_WEU,
      });
  };
  const s = await TestStack.create({ program, env: providerEnv(emulator) });
  try {
    await s.up();
    const { total, byOperation } = await callsDuring(emulator, () => s.refresh());
    const detail = [...byOperation].map(([op, k]) => `${op} ${k}`).join(", ");
    console.log(
      `${`VNet flow logs, refresh of ${n}`.padEnd(32)} ${"read".padEnd(7)} ${(total / n).toFixed(2).padStart(5)} ${String(1).padStart(8)} ${(total / n).toFixed(2).padStart(6)}   per flow log; in all ${detail}`,
    );
    await s.destroy();
  } finally {
    await s.dispose();
  }
}

async function main(): Promise<void> {
  const emulator = await startEmulatedAzure({ latency: LATENCY });
  console.log(`lifecycle: ARM calls per operation of one flow log (node ${process.version})`);
  console.log(`${"target".padEnd(32)} ${"op".padEnd(7)} calls  minimum  ratio   calls by ARM operation`);
  await measure(emulator, "VNet flow log (flowLogs child)", ids.VNET_WEB, ids.STORAGE_WEU);
  // Azure creates no new NSG flow logs; "create" here takes over the seeded, disabled one.
  await measure(emulator, "NSG flow log (configureFlowLog)", ids.NSG_WITH_DISABLED_LOG, ids.STORAGE_WEU);
  await measureRefresh(emulator, REFRESHED);
  await emulator.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
