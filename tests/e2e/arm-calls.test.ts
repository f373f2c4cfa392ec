// ARM calls per lifecycle operation of one VNet flow log, through the real engine against the emulator,
// so that none creeps back unnoticed. Each remaining call buys something: check reads the target (the
// preview-time refusals; it lists its flow logs, the owner invariant), the storage account (its region)
// and the region's watcher, and create reuses those reads in the same process; diff reads the flow log
// by its ID (the owner invariant for an update, at preview too), and update reuses that read; a flowLogs
// PUT and its one poll; refresh reads the flow log and its target; delete reads the flow log by its ID.
import * as assert from "node:assert/strict";
import { armCalls } from "../../bench/arm-calls";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { TestStack } from "../support/engine";
import { flowLogProgram } from "../support/flow-log-program";

/** ARM operations sent while `op` runs, counted by name. */
async function callsDuring(emulator: RunningEmulator, op: () => Promise<unknown>) {
  const from = (await emulator.admin.requests()).length;
  await op();
  const counts: Record<string, number> = {};
  for (const call of armCalls((await emulator.admin.requests()).slice(from)))
    counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

describe("ARM calls per operation of one VNet flow log (real engine)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let stack: TestStack;
  const program = (days: number) => flowLogProgram({ retentionPolicy: { days } });

  before(async () => {
    emulator = await startEmulatedAzure();
    stack = await TestStack.create({ program: program(3), env: providerEnv(emulator) });
  });

  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("create: check's three reads, reused by create (the VNet lists no flow log); one PUT and one poll, whose answer needs no final GET", async () => {
    assert.deepEqual(await callsDuring(emulator, () => stack.up()), {
      "resources.get": 2,
      "networkWatchers.list": 1,
      "flowLogs.put": 1,
      "operations.poll": 1,
    });
  });

  it("update: diff's owner read of the flow log by its ID, reused by update; one PUT and one poll", async () => {
    stack.setProgram(program(4));
    assert.deepEqual(await callsDuring(emulator, () => stack.up()), {
      "flowLogs.get": 1,
      "flowLogs.put": 1,
      "operations.poll": 1,
    });
  });

  it("refresh: the flow log by its ID and its target", async () => {
    assert.deepEqual(await callsDuring(emulator, () => stack.refresh()), {
      "flowLogs.get": 1,
      "resources.get": 1,
    });
  });

  it("delete: the flow log by its ID, then its DELETE and one poll", async () => {
    assert.deepEqual(await callsDuring(emulator, () => stack.destroy()), {
      "flowLogs.get": 1,
      "flowLogs.delete": 1,
      "operations.poll": 1,
    });
  });
});
