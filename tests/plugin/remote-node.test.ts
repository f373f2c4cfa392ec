// A Node.js program consuming FlowLog as a remote component (`remote: true`): the engine asks the
// provider plugin to `construct` it, and the plugin's custom resource does the work. The cheapest
// contract test of construct, through the real engine against the emulator.
import * as assert from "node:assert/strict";
import type { FlowLogArgs } from "../../components";
import { EmulatorLog } from "../support/emulated-azure";
import { emulatedStacks, settingsIn } from "../support/emulated-stacks";
import { changedKeys, stackOutput } from "../support/engine";
import { assertNoSecrets } from "../support/no-secrets";
import { pluginEnv, RemoteFlowLog, typesByName } from "../support/plugin";
import { ENGINE, killDescendant } from "../support/processes";
import * as ids from "../support/seed-ids";

function program(args: Partial<FlowLogArgs>) {
  return async () => {
    const log = new RemoteFlowLog("web", {
      targetResourceId: ids.VNET_WEB,
      storageAccountId: ids.STORAGE_WEU,
      retentionPolicy: { days: 7 },
      ...args,
    });
    return { flowLogId: log.flowLogResourceId, enabled: log.enabled, container: log.containerName };
  };
}

describe("FlowLog as a remote component from Node.js (provider plugin + engine + emulator)", function () {
  this.timeout(10 * 60_000);
  const log = new EmulatorLog();
  // Operations outlast the client's first poll, so the kill lands while Azure is still working.
  const azure = emulatedStacks({
    latency: { responseMs: 0, operationMs: 1500, retryAfterSeconds: 1 },
    log: log.write,
  });

  it("constructs, flips enabled in place, refreshes and deletes on destroy, with the custom resource as child", async () => {
    const s = await azure.stack(program({}), { env: pluginEnv(azure.emulator) });
    const up = await s.up();
    assert.equal(stackOutput(up, "enabled"), true);
    assert.equal(stackOutput(up, "container"), "insights-logs-flowlogflowevent");
    const live = await azure.probe.flowLogOf(ids.VNET_WEB);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 7]);
    assert.equal(stackOutput(up, "flowLogId"), live?.id);
    const state = await s.state();
    assert.deepEqual(typesByName(state.resources).web, "azure-flowlogs:index:FlowLogSettings");
    const [settings] = settingsIn(state);
    assert.match(String(settings.parent), /azure-flowlogs:index:FlowLog::web$/);
    const owner = (await azure.emulator.admin.getResource(live!.id)).tags?.["pulumi-azure-flowlogs-owner"];
    assert.equal(owner, settings.outputs?.ownerId, "the flow log is tagged for this resource");

    s.setProgram(program({ enabled: false }));
    const mark = await azure.probe.requestCount();
    const preview = await s.preview();
    assert.equal(preview.result.changeSummary.update, 1);
    assert.deepEqual(changedKeys(preview.events, "FlowLogSettings::web"), ["enabled"]);
    assert.deepEqual(await azure.probe.writesSince(mark), [], "preview wrote to Azure");
    const flipped = await s.up();
    assert.equal(flipped.result.summary.resourceChanges?.update, 1);
    assert.equal((await azure.probe.flowLogOf(ids.VNET_WEB))?.enabled, false);

    const refreshed = await s.refresh();
    assert.equal(refreshed.result.summary.resourceChanges?.update ?? 0, 0);
    const destroyed = await s.destroy();
    assert.equal(
      await azure.probe.flowLogOf(ids.VNET_WEB),
      undefined,
      "a VNet flow log is deleted on destroy",
    );
    await assertNoSecrets(azure.emulator, s, [up, preview, flipped, refreshed, destroyed]);
  });

  it("refresh drops a flow log deleted outside Pulumi from state, and destroy then writes nothing", async () => {
    const target = ids.scaleVnet(172);
    const s = await azure.stack(program({ targetResourceId: target }), { env: pluginEnv(azure.emulator) });
    const up = await s.up();
    await azure.emulator.admin.deleteResource(String(stackOutput(up, "flowLogId")));
    const refreshed = await s.refresh();
    assert.equal(refreshed.result.summary.resourceChanges?.delete, 1);
    assert.equal(settingsIn(await s.state()).length, 0);
    const mark = await azure.probe.requestCount();
    await s.destroy();
    assert.deepEqual(await azure.probe.writesSince(mark), []);
  });

  it("refuses at preview, naming the field, before anything is registered or written", async () => {
    const s = await azure.stack(program({ retentionPolicy: { days: 400 } }), {
      env: pluginEnv(azure.emulator),
    });
    const mark = await azure.probe.requestCount();
    const failed = await s.preview().then(
      () => assert.fail("the preview accepted 400 days"),
      (e: Error) => e,
    );
    assert.match(failed.message, /retentionPolicy\.days/);
    assert.match(failed.message, /400/);
    assert.deepEqual(await azure.probe.writesSince(mark), []);
  });

  const victims = [
    { name: "the engine", process: ENGINE, target: 171 },
    { name: "the provider plugin", process: /pulumi-resource-azure-flowlogs/, target: 173 },
  ];
  for (const victim of victims)
    it(`${victim.name} killed mid-create: refresh and up with adoptExisting converge on the flow log Azure made, tagged for this resource`, async () => {
      const target = ids.scaleVnet(victim.target);
      const s = await azure.stack(program({ targetResourceId: target }), { env: pluginEnv(azure.emulator) });
      const written = log.next(
        new RegExp(`PUT \\S*vnet-scale-${victim.target}\\S* flowLogs\\.put -> 20[01]`),
      );
      const running = s.up();
      await written;
      killDescendant(victim.process, { tree: victim.process === ENGINE });
      const killed = await running.then(
        () => assert.fail("the update survived the kill"),
        (e: Error) => e,
      );
      // What the README tells a person to do after a killed run: release the lock, refresh, and take the
      // flow log the killed create made back on purpose (its owner ID never reached state), then up.
      if (victim.process === ENGINE) await s.stack.cancel();
      const refreshed = await s.refresh({ clearPendingCreates: true });
      s.setProgram(program({ targetResourceId: target, adoptExisting: true }));
      const rerun = await s.up();
      const state = await s.state();
      assert.equal(state.pending_operations?.length ?? 0, 0);
      const live = await azure.probe.flowLogOf(target);
      assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 7]);
      const owner = (await azure.emulator.admin.getResource(live!.id)).tags?.["pulumi-azure-flowlogs-owner"];
      assert.equal(owner, settingsIn(state)[0].outputs?.ownerId);
      await assertNoSecrets(azure.emulator, s, [killed, refreshed, rerun]);
    });
});
