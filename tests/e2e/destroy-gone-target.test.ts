// Destroy of a flow log whose target was deleted out of band: Network Watcher still lists the flow log,
// which logs nothing. Deleting removes it (it is ours, by its owner tag), except where Azure refuses the
// DELETE because the target is gone (a subnet, Azure/azure-cli#31506): then the resource leaves the stack
// with one warning and the flow log stays in Azure. Disabling leaves it alone, since Azure cannot apply
// settings to a gone target.
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { settingsIn } from "../support/emulated-stacks";
import { TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram } from "../support/flow-log-program";
import * as ids from "../support/seed-ids";

const KEPT_WARNING = /warning: flow log \S+ was removed from the stack but not from Azure/;

/** The kept-by-Azure warnings among the engine's events: the CLI prints each twice (as it happens and in the summary). */
function keptWarnings(events: EngineEvent[]) {
  return events.filter((e) => KEPT_WARNING.test(e.diagnosticEvent?.message ?? ""));
}

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

  async function stackWithFlowLog(target: string, onDestroy: "delete" | "disable") {
    const s = await TestStack.create({
      program: flowLogProgram({ targetResourceId: target, onDestroy }),
      env: providerEnv(emulator),
    });
    stacks.push(s);
    await s.up();
    return s;
  }

  /** Creates the flow log, deletes its target in Azure, destroys the stack; returns what destroy wrote and printed. */
  async function destroyAfterTargetDeleted(target: string, onDestroy: "delete" | "disable") {
    const s = await stackWithFlowLog(target, onDestroy);
    await emulator.admin.deleteResource(target);
    assert.ok(await probe.flowLogOf(target), "the emulator dropped the flow log with its target");
    const mark = await probe.requestCount();
    const { stdout, events } = await s.destroy();
    return {
      writes: await probe.writesSince(mark),
      stdout,
      kept: keptWarnings(events),
      state: await s.state(),
    };
  }

  it('onDestroy "delete": the flow log goes with the resource', async () => {
    const target = ids.scaleVnet(143);
    const { writes, kept } = await destroyAfterTargetDeleted(target, "delete");
    assert.deepEqual(writes, ["flowLogs.delete"]);
    assert.equal(await probe.flowLogOf(target), undefined);
    assert.deepEqual(kept, []);
  });

  it('onDestroy "delete" of a gone subnet\'s flow log, which Azure refuses to delete: it leaves the stack with one warning', async () => {
    const target = `${ids.scaleVnet(145)}/subnets/default`;
    const { writes, stdout, kept, state } = await destroyAfterTargetDeleted(target, "delete");
    assert.deepEqual(writes, ["flowLogs.delete"]);
    assert.deepEqual(settingsIn(state), []);
    const flowLog = await probe.flowLogOf(target);
    assert.equal(flowLog?.enabled, true, "the flow log stays in Azure as it was");
    assert.equal(kept.length, 1, stdout);
    const line = kept[0].diagnosticEvent!.message.trim();
    assert.ok(stdout.includes(line));
    assert.ok(line.includes(flowLog.id), line);
    assert.match(line, /\(SubnetNotFoundForFlowLog\).*ask Azure support/);
    assert.doesNotMatch(stdout, /\n\s+at |Bearer|client_secret/);
  });

  it("a replacement whose old flow log Azure refuses to delete completes, with the same warning", async () => {
    const subnet = `${ids.scaleVnet(147)}/subnets/default`;
    const next = ids.scaleVnet(148);
    const s = await stackWithFlowLog(subnet, "delete");
    await emulator.admin.deleteResource(subnet);
    s.setProgram(flowLogProgram({ targetResourceId: next, onDestroy: "delete" }));
    const mark = await probe.requestCount();
    const { stdout, events } = await s.up();
    assert.deepEqual((await probe.writesSince(mark)).sort(), ["flowLogs.delete", "flowLogs.put"]);
    assert.equal(keptWarnings(events).length, 1, stdout);
    assert.deepEqual(
      settingsIn(await s.state()).map((r) => r.outputs?.targetResourceId),
      [next],
    );
    assert.equal((await probe.flowLogOf(subnet))?.enabled, true);
    assert.equal((await probe.flowLogOf(next))?.enabled, true);
  });

  it("any other refusal of the DELETE still fails the destroy and keeps the resource", async () => {
    const target = ids.scaleVnet(146);
    const s = await stackWithFlowLog(target, "delete");
    await emulator.admin.injectFault({
      operation: "flowLogs.delete",
      kind: "lroFail",
      message: "Injected failure.",
    });
    await assert.rejects(s.destroy(), /Injected failure/);
    assert.equal(settingsIn(await s.state()).length, 1);
    assert.ok(await probe.flowLogOf(target));
    await s.destroy();
    assert.equal(await probe.flowLogOf(target), undefined);
  });

  it('onDestroy "disable": nothing is written and the flow log stays as it was', async () => {
    const target = ids.scaleVnet(144);
    const { writes } = await destroyAfterTargetDeleted(target, "disable");
    assert.deepEqual(writes, []);
    assert.equal((await probe.flowLogOf(target))?.enabled, true);
  });
});
