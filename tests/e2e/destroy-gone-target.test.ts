// Destroy of a flow log whose target was deleted out of band: Network Watcher still lists the flow log,
// which logs nothing. Deleting removes it (it is ours, by its owner tag); disabling leaves it alone,
// since Azure cannot apply settings to a gone target.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram } from "../support/flow-log-program";
import * as ids from "../support/seed-ids";

describe("destroy after the target was deleted (engine + emulator)", function () {
  this.timeout(10 * 60_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  const stacks: TestStack[] = [];

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
  });
  after(async () => {
    await Promise.all(stacks.map((s) => s.dispose()));
    await emulator?.stop();
  });

  /** Creates the flow log, deletes its target in Azure, destroys the stack; returns the writes destroy sent. */
  async function destroyAfterTargetDeleted(target: string, onDestroy: "delete" | "disable") {
    const s = await TestStack.create({
      program: flowLogProgram({ targetResourceId: target, onDestroy }),
      env: providerEnv(emulator),
    });
    stacks.push(s);
    await s.up();
    await emulator.admin.deleteResource(target);
    assert.ok(await probe.flowLogOf(target), "the emulator dropped the flow log with its target");
    const mark = await probe.requestCount();
    await s.destroy();
    return probe.writesSince(mark);
  }

  it('onDestroy "delete": the flow log goes with the resource', async () => {
    const target = ids.scaleVnet(143);
    assert.deepEqual(await destroyAfterTargetDeleted(target, "delete"), ["flowLogs.delete"]);
    assert.equal(await probe.flowLogOf(target), undefined);
  });

  it('onDestroy "disable": nothing is written and the flow log stays as it was', async () => {
    const target = ids.scaleVnet(144);
    assert.deepEqual(await destroyAfterTargetDeleted(target, "disable"), []);
    assert.equal((await probe.flowLogOf(target))?.enabled, true);
  });
});
