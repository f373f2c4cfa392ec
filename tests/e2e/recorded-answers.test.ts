// Flow logs whose Azure answers are the ones recorded real traffic shows (a `userAssigned` identity under
// the ID as sent, `FlowLogJSON` for a portal-made VNet flow log, `enabledFilteringCriteria: ""`,
// `flowAnalyticsConfiguration: {}`; see emulator/README.md, "Recorded answers") through the real engine:
// preview, up, refresh and a second preview change nothing, destroy removes them.
import * as assert from "node:assert/strict";
import { FlowLog } from "../../components";
import { arm } from "../emulator/raw-arm";
import { emulatedStacks, failureOf, settingsIn } from "../support/emulated-stacks";
import { flowLogProgram } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

const IDENTITY = `/subscriptions/${ids.SUBSCRIPTION}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-recorded`;
/** As PowerShell sent it in the recording: a lower-case resource-group segment, echoed so by Azure. */
const IDENTITY_AS_WRITTEN = IDENTITY.replace("/resourceGroups/", "/resourcegroups/");
const PORTAL_MADE = `${ids.WATCHER_WEU}/flowLogs/made-in-portal`;

function program() {
  return async () => {
    const common = { storageAccountId: ids.STORAGE_WEU };
    const logs = [
      new FlowLog("identity", { ...common, targetResourceId: ids.VNET_WEB, identity: IDENTITY_AS_WRITTEN }),
      new FlowLog("adopted", { ...common, targetResourceId: ids.VNET_API, adoptExisting: true }),
      new FlowLog("filtered", { ...common, targetResourceId: ids.NIC_WEB, enabledFilteringCriteria: "" }),
    ];
    return { ids: logs.map((l) => l.flowLogResourceId) };
  };
}

describe("recorded answers of real Azure (engine + emulator)", function () {
  this.timeout(10 * 60_000);
  const azure = emulatedStacks();

  it("an identity, an adopted portal-made VNet flow log and an empty filter: preview, up, refresh, preview, destroy", async () => {
    await azure.emulator.admin.putResource(IDENTITY, {
      location: "westeurope",
      properties: {
        principalId: "6a1f2c3d-0000-4000-8000-000000000001",
        clientId: "6a1f2c3d-0000-4000-8000-000000000002",
      },
    });
    // Made in the portal: no format sent, so Azure makes it {FlowLogJSON, 2}; enabled, untagged.
    const portal = await arm(azure.emulator, "PUT", `${PORTAL_MADE}?api-version=2025-05-01`, {
      location: "westeurope",
      properties: { targetResourceId: ids.VNET_API, storageId: ids.STORAGE_WEU, enabled: true },
    });
    assert.deepEqual(portal.body.properties.format, { type: "FlowLogJSON", version: 2 });

    const s = await azure.stack(program());
    let mark = await azure.probe.requestCount();
    const preview = await s.preview();
    assert.equal(preview.result.changeSummary.create, 7, "the stack, three FlowLogs and their settings");
    assert.deepEqual(await azure.probe.writesSince(mark), [], "preview wrote to Azure");

    const up = await s.up();
    const [identity, adopted, filtered] = await Promise.all(
      [ids.VNET_WEB, ids.VNET_API, ids.NIC_WEB].map((t) => azure.probe.flowLogOf(t)),
    );
    assert.deepEqual(identity?.identity, {
      type: "userAssigned",
      userAssignedIdentities: {
        [IDENTITY_AS_WRITTEN]: {
          principalId: "6a1f2c3d-0000-4000-8000-000000000001",
          clientId: "6a1f2c3d-0000-4000-8000-000000000002",
        },
      },
    });
    assert.equal(adopted?.id, PORTAL_MADE, "the portal's flow log keeps its name");
    assert.deepEqual([adopted?.enabled, adopted?.format], [true, { type: "JSON", version: 2 }]);
    assert.equal(filtered?.enabledFilteringCriteria, undefined, "no filter: every flow is logged");
    const settings = settingsIn(await s.state()).map((r) => r.outputs);
    assert.equal(settings.find((o) => o?.targetResourceId === ids.VNET_WEB)?.identity, IDENTITY_AS_WRITTEN);

    mark = await azure.probe.requestCount();
    const refreshed = await s.refresh();
    assert.deepEqual(refreshed.result.summary.resourceChanges, { same: 7 }, "refresh found drift");
    const again = await s.preview();
    const { create = 0, update = 0, replace = 0, delete: deleted = 0 } = again.result.changeSummary;
    assert.deepEqual([create, update, replace, deleted], [0, 0, 0, 0], "the second preview has changes");
    assert.deepEqual(await azure.probe.writesSince(mark), [], "refresh or preview wrote to Azure");

    const destroyed = await s.destroy();
    for (const target of [ids.VNET_WEB, ids.VNET_API, ids.NIC_WEB])
      assert.equal(await azure.probe.flowLogOf(target), undefined, `${target} still has a flow log`);
    await assertNoSecrets(azure.emulator, s, [up, refreshed, again, destroyed]);
  });

  it("a leftover of ours in provisioning state Failed: refused at preview, then adopted: one PUT over it (Azure answers 200) and it is Succeeded", async () => {
    const target = ids.scaleVnet(171);
    // The create fails in Azure, and so does removing what it left: a Failed flow log with our tag stays.
    await azure.emulator.admin.injectFault([
      {
        operation: "flowLogs.put",
        pathContains: "vnet-scale-171",
        kind: "lroFail",
        message: "Injected failure.",
      },
      { operation: "flowLogs.delete", pathContains: "vnet-scale-171", kind: "status", status: 409 },
    ]);
    const s = await azure.stack(flowLogProgram({ targetResourceId: target, retentionPolicy: { days: 3 } }));
    const failed = await failureOf(s.up(), "the create should have failed");
    assert.match(failed.message, /kept the new flow log \S+ in provisioning state Failed/);
    const leftover = await azure.probe.flowLogOf(target);
    assert.equal(leftover?.provisioningState, "Failed");
    await azure.emulator.admin.clearFaults();

    // The create that left it is not in state, so its owner ID is not this run's: like any enabled flow
    // log this resource did not record, it is refused, naming its state, until it is adopted on purpose.
    const refused = await failureOf(s.preview(), "preview took the leftover over");
    assert.match(refused.message, /provisioning state Failed/);
    assert.match(refused.message, /adoptExisting: true/);
    s.setProgram(
      flowLogProgram({ targetResourceId: target, retentionPolicy: { days: 3 }, adoptExisting: true }),
    );
    const log = await azure.emulator.admin.requests();
    const rerun = await s.up();
    assert.equal(
      rerun.result.summary.resourceChanges?.create,
      1,
      "the settings (the FlowLog was made before)",
    );
    const puts = (await azure.emulator.admin.requests())
      .slice(log.length)
      .filter((r) => r.operation === "flowLogs.put");
    assert.deepEqual(
      puts.map((r) => r.status),
      [200],
      "one PUT, over the leftover",
    );
    const live = await azure.probe.flowLogOf(target);
    assert.deepEqual(
      [live?.id, live?.provisioningState, live?.retentionPolicy.days],
      [leftover?.id, "Succeeded", 3],
    );
    assert.equal((await s.preview()).result.changeSummary.update ?? 0, 0);
    await s.destroy();
    await assertNoSecrets(azure.emulator, s, [failed, rerun]);
  });
});
