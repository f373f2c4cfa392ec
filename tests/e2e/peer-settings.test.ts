// The settings the peer tools expose (filter, record types, identity, tags, flowLogName, onDestroy)
// through the real engine, the real provider host and the official SDK against the emulator: preview,
// up, a change of each, refresh after an out-of-band change of each, and destroy both ways.
import * as assert from "node:assert/strict";
import type { FlowLogArgs } from "../../components";
import { OWNER_TAG } from "../../components/azure";
import type { RunningEmulator } from "../../emulator";
import { arm } from "../emulator/raw-arm";
import { emulatedStacks, failureOf, settingsIn } from "../support/emulated-stacks";
import { changedKeys, stackOutput, type TestStack } from "../support/engine";
import { flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

const IDENTITIES = `/subscriptions/${ids.SUBSCRIPTION}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
const IDENTITY_1 = `${IDENTITIES}/id-flowlogs-1`;
const IDENTITY_2 = `${IDENTITIES}/id-flowlogs-2`;

async function createIdentity(emulator: RunningEmulator, id: string, n: number): Promise<void> {
  const guid = (kind: number) => `0b3a0f6e-0000-4000-800${kind}-00000000000${n}`;
  await emulator.admin.putResource(id, {
    location: "westeurope",
    properties: { principalId: guid(1), clientId: guid(2), tenantId: guid(3) },
  });
}

/** Changes the flow log's identity as someone with the portal or the CLI would: a GET and a PUT through ARM. */
async function setIdentityOutOfBand(emulator: RunningEmulator, flowLogId: string, identity: unknown) {
  const path = `${flowLogId}?api-version=2025-05-01`;
  const { body } = await arm(emulator, "GET", path);
  const { properties, location, tags } = body;
  const { provisioningState: _p, targetResourceGuid: _g, ...writable } = properties;
  const put = await arm(emulator, "PUT", path, { location, tags, identity, properties: writable });
  assert.ok(put.status < 300, `out-of-band PUT answered ${put.status}`);
}

function settingsOutputs(state: Awaited<ReturnType<TestStack["state"]>>) {
  return settingsIn(state)[0]?.outputs ?? {};
}

describe("peer settings (engine + emulator)", function () {
  this.timeout(10 * 60_000);
  const azure = emulatedStacks();

  before(async () => {
    await createIdentity(azure.emulator, IDENTITY_1, 1);
    await createIdentity(azure.emulator, IDENTITY_2, 2);
  });

  const every: Partial<FlowLogArgs> = {
    targetResourceId: ids.VNET_WEB,
    enabledFilteringCriteria: "SrcIP=10.0.0.4 || DstPort=443 && Protocol=TCP",
    recordTypes: ["B", "E"],
    identity: IDENTITY_1,
    tags: { team: "network" },
    flowLogName: "fl-vnet-web",
  };

  it("a VNet FlowLog with every setting: preview, up, change of each, refresh after out-of-band changes, destroy deletes", async () => {
    const s = await azure.stack(program(every));
    let mark = await azure.probe.requestCount();
    const preview = await s.preview();
    assert.equal(preview.result.changeSummary.create, 3, "the stack, the FlowLog and its settings");
    assert.deepEqual(await azure.probe.writesSince(mark), [], "preview wrote to Azure");

    const up = await s.up();
    let live = await azure.probe.flowLogOf(ids.VNET_WEB);
    assert.match(live?.id ?? "", /\/flowLogs\/fl-vnet-web$/);
    assert.equal(live?.enabledFilteringCriteria, every.enabledFilteringCriteria);
    assert.equal(live?.recordTypes, "B,E");
    assert.deepEqual(Object.keys((live?.identity?.userAssignedIdentities ?? {}) as object), [IDENTITY_1]);
    assert.equal(live?.tags?.team, "network");
    const owner = live?.tags?.[OWNER_TAG];
    assert.ok(owner, "the owner tag is written beside the user's tags");
    assert.equal(settingsOutputs(await s.state()).onDestroy, "delete");

    // A change of each setting Azure holds: in place, one update, exactly those keys.
    const changed = {
      ...every,
      enabledFilteringCriteria: "DstPort=80,443",
      recordTypes: ["B", "C", "E", "D"] as FlowLogArgs["recordTypes"],
      identity: IDENTITY_2,
      tags: { team: "security", env: "prod" },
    };
    s.setProgram(program(changed));
    const changePreview = await s.preview();
    assert.deepEqual(changedKeys(changePreview.events, "FlowLogSettings::web"), [
      "enabledFilteringCriteria",
      "identity",
      "recordTypes",
      "tags",
    ]);
    assert.equal(changePreview.result.changeSummary.replace ?? 0, 0);
    await s.up();
    live = await azure.probe.flowLogOf(ids.VNET_WEB);
    assert.deepEqual(
      [
        live?.enabledFilteringCriteria,
        live?.recordTypes,
        Object.keys((live?.identity?.userAssignedIdentities ?? {}) as object),
      ],
      ["DstPort=80,443", "B,C,E,D", [IDENTITY_2]],
    );
    assert.deepEqual(live?.tags, { team: "security", env: "prod", [OWNER_TAG]: owner });

    // Out-of-band changes of each (the portal, a script): refresh records them, up puts the program's back.
    const id = stackOutput(up, "flowLogId") as string;
    await azure.emulator.admin.patchResource(id, {
      properties: { enabledFilteringCriteria: "Protocol=UDP", recordTypes: "D" },
      tags: { team: "ops", [OWNER_TAG]: owner as string },
    });
    await setIdentityOutOfBand(azure.emulator, id, { type: "None" });
    await s.refresh();
    const refreshed = settingsOutputs(await s.state());
    assert.deepEqual(
      [refreshed.enabledFilteringCriteria, refreshed.recordTypes, refreshed.identity, refreshed.tags],
      ["Protocol=UDP", ["D"], "none", { team: "ops" }],
    );
    const drift = await s.preview();
    assert.deepEqual(changedKeys(drift.events, "FlowLogSettings::web"), [
      "enabledFilteringCriteria",
      "identity",
      "recordTypes",
      "tags",
    ]);
    await s.up();
    live = await azure.probe.flowLogOf(ids.VNET_WEB);
    assert.deepEqual(
      [live?.enabledFilteringCriteria, live?.recordTypes, live?.tags?.team, live?.tags?.[OWNER_TAG]],
      ["DstPort=80,443", "B,C,E,D", "security", owner],
    );
    assert.equal((await s.preview()).result.changeSummary.update ?? 0, 0, "no phantom diff after up");

    // Back to the defaults: every flow, every state, no identity; the tags it set go, the owner tag stays.
    s.setProgram(program({ targetResourceId: ids.VNET_WEB, flowLogName: "fl-vnet-web", identity: "none" }));
    await s.up();
    live = await azure.probe.flowLogOf(ids.VNET_WEB);
    assert.deepEqual(
      [live?.enabledFilteringCriteria, live?.recordTypes, live?.identity, live?.tags],
      [undefined, undefined, undefined, { [OWNER_TAG]: owner }],
    );

    mark = await azure.probe.requestCount();
    const destroyed = await s.destroy();
    assert.equal(
      await azure.probe.flowLogOf(ids.VNET_WEB),
      undefined,
      "a VNet flow log is deleted on destroy",
    );
    assert.deepEqual(await azure.probe.writesSince(mark), ["flowLogs.delete"]);
    await assertNoSecrets(azure.emulator, s, [up, preview, changePreview, drift, destroyed]);
  });

  it("onDestroy: changing it writes nothing; disable keeps the flow log, off, on destroy", async () => {
    const s = await azure.stack(program({ targetResourceId: ids.SUBNET_APP, recordTypes: ["D"] }));
    await s.up();
    s.setProgram(program({ targetResourceId: ids.SUBNET_APP, recordTypes: ["D"], onDestroy: "disable" }));
    const mark = await azure.probe.requestCount();
    const preview = await s.preview();
    assert.deepEqual(changedKeys(preview.events, "FlowLogSettings::web"), ["onDestroy"]);
    await s.up();
    assert.deepEqual(await azure.probe.writesSince(mark), [], "onDestroy is this package's, not Azure's");
    await s.destroy();
    const live = await azure.probe.flowLogOf(ids.SUBNET_APP);
    assert.deepEqual([live?.enabled, live?.recordTypes], [false, "D"], "disabled, every other setting kept");
  });

  it("flowLogName: a rename replaces, deleting the old flow log first; refused at preview while onDestroy is disable", async () => {
    const args = { targetResourceId: ids.NIC_WEB, flowLogName: "fl-nic-1", onDestroy: "disable" as const };
    const s = await azure.stack(program(args));
    await s.up();
    s.setProgram(program({ ...args, flowLogName: "fl-nic-2" }));
    let mark = await azure.probe.requestCount();
    const refused = await failureOf(
      s.preview(),
      "the preview accepted a rename that cannot keep the old flow log",
    );
    assert.match(
      refused.message,
      /onDestroy: this change replaces the flow log \(flowLogName\).*Set onDestroy: "delete"/s,
    );
    assert.deepEqual(await azure.probe.writesSince(mark), []);

    s.setProgram(program({ ...args, onDestroy: "delete" }));
    await s.up();
    s.setProgram(program({ ...args, onDestroy: "delete", flowLogName: "fl-nic-2" }));
    const preview = await s.preview();
    assert.equal(preview.result.changeSummary.replace, 1);
    mark = await azure.probe.requestCount();
    await s.up();
    assert.deepEqual(await azure.probe.writesSince(mark), ["flowLogs.delete", "flowLogs.put"]);
    const logs = (await azure.emulator.admin.flowLogs()).filter((f) => f.targetResourceId === ids.NIC_WEB);
    assert.deepEqual(
      logs.map((f) => [f.name, f.enabled]),
      [["fl-nic-2", true]],
    );
  });

  it("a new target replaces, creating the new flow log before deleting the old one", async () => {
    const s = await azure.stack(program({ targetResourceId: ids.scaleVnet(1), tags: { app: "a" } }));
    await s.up();
    s.setProgram(program({ targetResourceId: ids.scaleVnet(2), tags: { app: "a" } }));
    const mark = await azure.probe.requestCount();
    await s.up();
    assert.deepEqual(await azure.probe.writesSince(mark), ["flowLogs.put", "flowLogs.delete"]);
    assert.equal(await azure.probe.flowLogOf(ids.scaleVnet(1)), undefined);
    assert.equal((await azure.probe.flowLogOf(ids.scaleVnet(2)))?.enabled, true);
  });

  it("an NSG flow log takes filter, record types, identity and tags through configureFlowLog, and destroy disables it", async () => {
    const nsg = {
      targetResourceId: ids.NSG_WITH_DISABLED_LOG,
      enabledFilteringCriteria: "DstPort=22",
      recordTypes: ["D"] as FlowLogArgs["recordTypes"],
      identity: IDENTITY_1,
      tags: { team: "network" },
    };
    const s = await azure.stack(program(nsg));
    await s.up();
    let live = await azure.probe.flowLogOf(ids.NSG_WITH_DISABLED_LOG);
    assert.deepEqual(
      [live?.enabled, live?.enabledFilteringCriteria, live?.recordTypes, live?.tags?.team],
      [true, "DstPort=22", "D", "network"],
    );
    assert.ok(live?.tags?.[OWNER_TAG]);
    assert.equal(settingsOutputs(await s.state()).onDestroy, "disable");
    await s.refresh();
    assert.equal(
      (await s.preview()).result.changeSummary.update ?? 0,
      0,
      "queryFlowLogStatus echoes every field",
    );
    await s.destroy();
    live = await azure.probe.flowLogOf(ids.NSG_WITH_DISABLED_LOG);
    assert.deepEqual(
      [live?.enabled, live?.recordTypes],
      [false, "D"],
      "an NSG flow log is disabled, never deleted",
    );
  });

  it("recordTypes as the Azure CLI's comma string: sent as given, no diff against the same states as a list", async () => {
    const target = ids.scaleVnet(4);
    const s = await azure.stack(program({ targetResourceId: target, recordTypes: "E, B" }));
    await s.up();
    assert.equal((await azure.probe.flowLogOf(target))?.recordTypes, "E,B");
    assert.deepEqual(settingsOutputs(await s.state()).recordTypes, ["E", "B"]);
    s.setProgram(program({ targetResourceId: target, recordTypes: ["B", "E"] }));
    const mark = await azure.probe.requestCount();
    assert.deepEqual(changedKeys((await s.preview()).events, "FlowLogSettings::web"), []);
    await s.up();
    assert.deepEqual(await azure.probe.writesSince(mark), [], "the same states in another form");
  });

  it("never deletes a flow log another resource has taken over", async () => {
    const target = ids.scaleVnet(3);
    const first = await azure.stack(program({ targetResourceId: target }, "first"));
    await first.up();
    const second = await azure.stack(program({ targetResourceId: target, adoptExisting: true }, "second"), {
      projectName: "other-project",
    });
    await second.up();
    const mark = await azure.probe.requestCount();
    await first.destroy();
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    assert.equal((await azure.probe.flowLogOf(target))?.enabled, true);
  });
});
