// Every refusal `up` would make is made at preview, from what Azure holds at preview time, and the preview
// writes nothing: one case per row of the README's refusal table (rows tested elsewhere are named there).
import * as assert from "node:assert/strict";
import { OWNER_TAG } from "../../components/azure";
import { emulatedStacks, failureOf } from "../support/emulated-stacks";
import { flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

describe("refusals made at preview (engine + emulator)", function () {
  this.timeout(10 * 60_000);
  const azure = emulatedStacks();

  /** Previews `run`'s stack, expecting it refused with `reason`; asserts Azure got no write. */
  async function refusedAtPreview(stack: Awaited<ReturnType<typeof azure.stack>>, reason: RegExp) {
    const mark = await azure.probe.requestCount();
    const refused = await failureOf(stack.preview(), "the preview accepted what up would refuse");
    assert.match(refused.message, reason);
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    await assertNoSecrets(azure.emulator, stack, [refused]);
    return refused;
  }

  it("takeover of an enabled flow log that is not ours: preview refuses without adoptExisting, and previews clean with it", async () => {
    const before = await azure.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG);
    const s = await azure.stack(program({ targetResourceId: ids.NSG_WITH_ENABLED_LOG }));
    await refusedAtPreview(
      s,
      /targetResourceId: \S*nsg-web: the provider refused to take over the target's enabled flow log .*carries no owner tag.*adoptExisting: true/s,
    );
    assert.deepEqual(await azure.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG), before);
    s.setProgram(program({ targetResourceId: ids.NSG_WITH_ENABLED_LOG, adoptExisting: true }));
    assert.equal((await s.preview()).result.changeSummary.create, 3);
  });

  it("a flow log held by another owner: another project's stack is refused at preview, naming the owner tag", async () => {
    const target = ids.scaleVnet(171);
    const owner = await azure.stack(program({ targetResourceId: target }), { projectName: "team-a" });
    await owner.up();
    const other = await azure.stack(program({ targetResourceId: target, retentionPolicy: { days: 3 } }), {
      projectName: "team-b",
    });
    await refusedAtPreview(other, /refused to take over .*tagged as managed by another Pulumi resource/s);
    assert.equal((await azure.probe.flowLogOf(target))?.retentionPolicy.days, 0);
  });

  it("a target whose flow log lives in a watcher this resource does not use: refused at preview, naming both", async () => {
    const custom = `${ids.WATCHER_WEU.replace("NetworkWatcher_westeurope", "nw-custom")}`;
    await azure.emulator.admin.putResource(custom, { location: "westeurope", properties: {} });
    const s = await azure.stack(
      program({
        targetResourceId: ids.NSG_WITH_ENABLED_LOG,
        adoptExisting: true,
        networkWatcher: { resourceGroupName: "NetworkWatcherRG", name: "nw-custom" },
      }),
    );
    await refusedAtPreview(
      s,
      /networkWatcher: the target's flow log \S*NetworkWatcher_westeurope\/flowLogs\/\S+ lives in another Network Watcher than the one this resource uses \(\S*nw-custom\)/,
    );
  });

  it("a flowLogName other than the name of the target's flow log: refused at preview", async () => {
    const target = ids.scaleVnet(172);
    const first = await azure.stack(program({ targetResourceId: target, enabled: false }), {
      projectName: "team-c",
    });
    await first.up();
    const s = await azure.stack(program({ targetResourceId: target, flowLogName: "renamed-log" }));
    await refusedAtPreview(s, /flowLogName: got "renamed-log", but the target already has flow log "\S+"/);
  });

  it("an update of a flow log another resource has taken over: refused at preview, before up would refuse it", async () => {
    const target = ids.scaleVnet(173);
    const a = await azure.stack(program({ targetResourceId: target }), { projectName: "team-d" });
    await a.up();
    const live = await azure.probe.flowLogOf(target);
    await azure.emulator.admin.patchResource(live!.id, { tags: { [OWNER_TAG]: "someone-else" } });
    a.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 4 } }));
    await refusedAtPreview(a, /now managed by another Pulumi resource.*Nothing was changed/s);
  });

  it("an update of a flow log Azure no longer has, the target now logged by another: refused at preview (diff reads by the ID in state)", async () => {
    const target = ids.scaleVnet(174);
    const a = await azure.stack(program({ targetResourceId: target }), { projectName: "team-e" });
    await a.up();
    const ours = await azure.emulator.admin.getResource((await azure.probe.flowLogOf(target))!.id);
    await azure.emulator.admin.deleteResource(ours.id);
    const portalMade = ours.id.replace(/[^/]+$/, "portal-made");
    await azure.emulator.admin.putResource(portalMade, {
      location: ours.location,
      properties: ours.properties,
    });
    a.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 4 } }));
    await refusedAtPreview(
      a,
      /the flow log this resource manages \(\S+\) is gone, and the target now has another one \(\S+\/portal-made\)\. Nothing was changed/,
    );
  });
});
