// The flow-log fields of API 2025-05-01 beyond the basics: enabledFilteringCriteria, recordTypes,
// identity and tags, accepted, stored, echoed and validated as the spec and Microsoft's examples show
// (../shared/reference/arm-flowlog-spec.json; examples/2025-05-01/NetworkWatcherFlowLogCreate.json,
// …Configure.json, …StatusQuery.json).
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { API, arm, configureBody, configurePath } from "./raw-arm";

const IDENTITY = `/subscriptions/${ids.SUBSCRIPTION}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1`;
const PRINCIPAL = "e3858881-e40c-43bd-9cde-88da39c05023";
const CLIENT = "c16d15e1-f60a-40e4-8a05-df3d3f655c14";
const flowLogPath = (name: string) => `${ids.WATCHER_WEU}/flowLogs/${name}?${API}`;
const statusPath = `${ids.WATCHER_WEU}/queryFlowLogStatus?${API}`;
const userAssigned = { type: "UserAssigned", userAssignedIdentities: { [IDENTITY]: {} } };

function vnetFlowLog(properties: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) {
  return {
    location: "westeurope",
    ...envelope,
    properties: { targetResourceId: ids.VNET_API, storageId: ids.STORAGE_WEU, enabled: true, ...properties },
  };
}

describe("emulator: filter, record types, identity and tags", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulatedAzure({ configureFlowLogMode: "sync" });
    await emu.admin.putResource(IDENTITY, {
      location: "westeurope",
      properties: { principalId: PRINCIPAL, clientId: CLIENT },
    });
  });
  afterEach(() => emu.stop());

  it("stores and echoes them on the flowLogs resource, identity with its read-only principalId and clientId", async () => {
    const body = vnetFlowLog(
      { enabledFilteringCriteria: "srcIP=158.255.7.8 || dstPort=56891", recordTypes: "B,E" },
      { identity: userAssigned, tags: { team: "network" } },
    );
    const put = await arm(emu, "PUT", flowLogPath("fl"), body);
    assert.equal(put.status, 201);
    assert.equal(put.body.properties.recordTypes, "B,E");
    const got = await arm(emu, "GET", flowLogPath("fl"));
    assert.equal(got.body.properties.enabledFilteringCriteria, "srcIP=158.255.7.8 || dstPort=56891");
    assert.equal(got.body.properties.recordTypes, "B,E");
    // Azure answers `UserAssigned` with `userAssigned` (recorded, see emulator/README.md).
    assert.deepEqual(got.body.identity, {
      type: "userAssigned",
      userAssignedIdentities: { [IDENTITY]: { principalId: PRINCIPAL, clientId: CLIENT } },
    });
    assert.deepEqual(got.body.tags, { team: "network" });
    const listed = await arm(emu, "GET", `${ids.WATCHER_WEU}/flowLogs?${API}`);
    assert.deepEqual(
      listed.body.value.find((f: { name: string }) => f.name === "fl").identity,
      got.body.identity,
    );
    const [snapshot] = (await emu.admin.flowLogs()).filter((f) => f.name === "fl");
    assert.deepEqual(
      [snapshot.enabledFilteringCriteria, snapshot.recordTypes, snapshot.tags],
      ["srcIP=158.255.7.8 || dstPort=56891", "B,E", { team: "network" }],
    );

    // Without `identity` the flow log keeps its own; `None` removes it; a PUT without the filter clears
    // it to "" (a VNet flow log always shows one, recorded).
    await arm(emu, "PUT", flowLogPath("fl"), vnetFlowLog({ recordTypes: "B,E" }));
    assert.equal((await arm(emu, "GET", flowLogPath("fl"))).body.identity.type, "userAssigned");
    await arm(emu, "PUT", flowLogPath("fl"), vnetFlowLog({}, { identity: { type: "None" } }));
    const cleared = await arm(emu, "GET", flowLogPath("fl"));
    assert.equal(cleared.body.identity, undefined);
    assert.equal(cleared.body.properties.enabledFilteringCriteria, "");
    assert.equal(cleared.body.properties.recordTypes, undefined);
  });

  it("refuses a system-assigned identity with CannotSetResourceIdentity, and identities that do not exist", async () => {
    for (const type of ["SystemAssigned", "SystemAssigned, UserAssigned"]) {
      const refused = await arm(emu, "PUT", flowLogPath("fl"), vnetFlowLog({}, { identity: { type } }));
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, "CannotSetResourceIdentity");
      assert.match(refused.body.error.message, new RegExp(`identity type '${type}'`));
    }
    const missing = { type: "UserAssigned", userAssignedIdentities: { [`${IDENTITY}-gone`]: {} } };
    const refused = await arm(emu, "PUT", flowLogPath("fl"), vnetFlowLog({}, { identity: missing }));
    assert.deepEqual([refused.status, refused.body.error.code], [400, "InvalidIdentity"]);
    assert.equal((await arm(emu, "GET", flowLogPath("fl"))).status, 404, "a refused PUT stores nothing");
  });

  it("validates the filter (at most 1000 characters, no brackets) and the record types (B, C, E, D)", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ enabledFilteringCriteria: "(srcIP=10.0.0.4)" }, "InvalidFilteringCriteria"],
      [
        { enabledFilteringCriteria: `dstPort=443${" || dstPort=443".repeat(80)}` },
        "InvalidFilteringCriteria",
      ],
      [{ enabledFilteringCriteria: 42 }, "InvalidFilteringCriteria"],
      [{ recordTypes: "B,X" }, "InvalidRecordTypes"],
      [{ recordTypes: ["B"] }, "InvalidRecordTypes"],
    ];
    for (const [properties, code] of cases) {
      const refused = await arm(emu, "PUT", flowLogPath("fl"), vnetFlowLog(properties));
      assert.deepEqual([refused.status, refused.body.error.code], [400, code], JSON.stringify(properties));
    }
    const lower = await arm(emu, "PUT", flowLogPath("fl"), vnetFlowLog({ recordTypes: "b,c" }));
    assert.equal(lower.status, 201);
  });

  it("configureFlowLog takes them, and queryFlowLogStatus reads them back where the spec has them", async () => {
    const configured = await arm(emu, "POST", configurePath, {
      ...configureBody(ids.NSG_WITH_DISABLED_LOG, {
        enabledFilteringCriteria: "dstPort=22",
        recordTypes: "D",
      }),
      identity: userAssigned,
    });
    assert.equal(configured.status, 200);
    const status = await arm(emu, "POST", statusPath, { targetResourceId: ids.NSG_WITH_DISABLED_LOG });
    assert.equal(status.body.properties.enabledFilteringCriteria, "dstPort=22");
    assert.equal(status.body.properties.recordTypes, "D");
    assert.deepEqual(status.body.identity.userAssignedIdentities[IDENTITY], {
      principalId: PRINCIPAL,
      clientId: CLIENT,
    });

    const system = await arm(emu, "POST", configurePath, {
      ...configureBody(ids.NSG_WITH_DISABLED_LOG),
      identity: { type: "SystemAssigned" },
    });
    assert.deepEqual([system.status, system.body.error.code], [400, "CannotSetResourceIdentity"]);
    await arm(emu, "POST", configurePath, {
      ...configureBody(ids.NSG_WITH_DISABLED_LOG),
      identity: { type: "None" },
    });
    const after = await arm(emu, "POST", statusPath, { targetResourceId: ids.NSG_WITH_DISABLED_LOG });
    assert.equal(after.body.identity, undefined);
  });
});
