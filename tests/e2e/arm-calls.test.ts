// ARM calls per lifecycle operation of one VNet and one NSG flow log, through the real engine against the
// emulator, so that none creeps back unnoticed. Each remaining call buys something: check reads the target (the
// preview-time refusals; it lists its flow logs, the owner invariant), the storage account (its region)
// and the region's watcher, and create reuses those reads in the same process; diff reads the flow log
// by its ID (the owner invariant for an update, at preview too), and update reuses that read; a flowLogs
// PUT and its one poll; refresh lists the watcher's flow logs and the target's resource group (a refresh
// of many shares those lists); delete reads the flow log by its ID.
import * as assert from "node:assert/strict";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import type { EmulatorOptions, RunningEmulator } from "../../emulator";
import { callsDuring } from "../support/arm-call-counts";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { TestStack } from "../support/engine";
import { flowLogProgram } from "../support/flow-log-program";
import * as ids from "../support/seed-ids";

/** An emulator and a stack of `program` on it, for the describe block that calls this; both ended after it. */
function stackOnEmulator(program: PulumiFn, options: EmulatorOptions = {}) {
  const run = {} as { emulator: RunningEmulator; stack: TestStack };
  before(async () => {
    run.emulator = await startEmulatedAzure(options);
    run.stack = await TestStack.create({ program, env: providerEnv(run.emulator) });
  });
  after(async () => {
    await run.stack?.dispose();
    await run.emulator?.stop();
  });
  return run;
}

describe("ARM calls per operation of one VNet flow log (real engine)", function () {
  this.timeout(600_000);
  const program = (days: number) => flowLogProgram({ retentionPolicy: { days } });
  const run = stackOnEmulator(program(3));

  it("create: check's three reads, reused by create (the VNet lists no flow log); one PUT and one poll, whose answer needs no final GET", async () => {
    assert.deepEqual(await callsDuring(run.emulator, () => run.stack.up()), {
      "resources.get": 2,
      "networkWatchers.list": 1,
      "flowLogs.put": 1,
      "operations.poll": 1,
    });
  });

  it("update: diff's owner read of the flow log by its ID, reused by update; one PUT and one poll", async () => {
    run.stack.setProgram(program(4));
    assert.deepEqual(await callsDuring(run.emulator, () => run.stack.up()), {
      "flowLogs.get": 1,
      "flowLogs.put": 1,
      "operations.poll": 1,
    });
  });

  it("refresh: the watcher's flow-log list and the target's resource-group list (shared by every read of the process)", async () => {
    assert.deepEqual(await callsDuring(run.emulator, () => run.stack.refresh()), {
      "flowLogs.list": 1,
      "network.list": 1,
    });
  });

  it("delete: the flow log by its ID, then its DELETE and one poll", async () => {
    assert.deepEqual(await callsDuring(run.emulator, () => run.stack.destroy()), {
      "flowLogs.get": 1,
      "flowLogs.delete": 1,
      "operations.poll": 1,
    });
  });
});

// The NSG's flowLogs child carries the settings queryFlowLogStatus would (one object), so one GET stands
// for both. configureFlowLog answers 200 with the settings as applied, or 202 whose poll answers them
// without storageId and traffic analytics (both recorded), which Azure holds as sent: no GET after either.
const NSG_MODES = {
  sync: {},
  async: { "operations.poll": 1 },
} as const;

for (const [mode, answer] of Object.entries(NSG_MODES)) {
  describe(`ARM calls per operation of one NSG flow log (real engine, configureFlowLog ${mode})`, function () {
    this.timeout(600_000);
    // Azure creates no new NSG flow logs: this takes over the seeded, disabled one.
    const program = (days: number) =>
      flowLogProgram({
        targetResourceId: ids.NSG_WITH_DISABLED_LOG,
        storageAccountId: ids.STORAGE_WEU,
        retentionPolicy: { days },
      });
    const run = stackOnEmulator(program(3), { configureFlowLogMode: mode as keyof typeof NSG_MODES });

    it("create: check's reads (the NSG lists its flow log, which names the watcher: one GET by that ID, no watcher list), reused by create; the owner tag before the action", async () => {
      assert.deepEqual(await callsDuring(run.emulator, () => run.stack.up()), {
        "resources.get": 2,
        "flowLogs.get": 1,
        "flowLogs.updateTags": 1,
        configureFlowLog: 1,
        ...answer,
      });
    });

    it("update: diff's owner read by ID, reused by update; the action", async () => {
      run.stack.setProgram(program(4));
      assert.deepEqual(await callsDuring(run.emulator, () => run.stack.up()), {
        "flowLogs.get": 1,
        configureFlowLog: 1,
        ...answer,
      });
    });

    it("refresh: the watcher's flow-log list (no status query) and the NSGs' list", async () => {
      assert.deepEqual(await callsDuring(run.emulator, () => run.stack.refresh()), {
        "flowLogs.list": 1,
        "network.list": 1,
      });
    });

    it("delete (disable, the NSG default): the flow log by its ID and its target; the action", async () => {
      assert.deepEqual(await callsDuring(run.emulator, () => run.stack.destroy()), {
        "flowLogs.get": 1,
        "resources.get": 1,
        configureFlowLog: 1,
        ...answer,
      });
    });
  });
}
