// The emulator answers VNet, subnet and NIC flow-log requests as real Azure did in the recordings under
// tests/recorded/fixtures/ (azure-cli 2022, Azure PowerShell 2024 and 2025; the facts and their sources
// are listed in emulator/README.md, "Recorded answers"). One test per recorded fact.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { API, arm, networkClient, WATCHER } from "./raw-arm";

const IDENTITY = `/subscriptions/${ids.SUBSCRIPTION}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1`;
const PRINCIPAL = "e3858881-e40c-43bd-9cde-88da39c05023";
const CLIENT = "c16d15e1-f60a-40e4-8a05-df3d3f655c14";
/** As PowerShell and the CLI send IDs they built themselves: lower-case segments. */
const lowerRg = (id: string) => id.replace("/resourceGroups/", "/resourcegroups/");
const flowLogPath = (name: string) => `${ids.WATCHER_WEU}/flowLogs/${name}?${API}`;

function vnetFlowLog(properties: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) {
  return {
    location: "westeurope",
    ...envelope,
    properties: { targetResourceId: ids.VNET_API, storageId: ids.STORAGE_WEU, enabled: true, ...properties },
  };
}

/** The operation's ID: the last path segment of an operation URL. */
function operationIdOf(url: string | null): string {
  assert.ok(url, "no operation URL");
  return new URL(url).pathname.split("/").pop() ?? "";
}

async function withIdentity(emu: RunningEmulator): Promise<RunningEmulator> {
  await emu.admin.putResource(IDENTITY, {
    location: "westeurope",
    properties: { principalId: PRINCIPAL, clientId: CLIENT },
  });
  return emu;
}

describe("emulator: answers as recorded real Azure traffic", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await withIdentity(await startEmulatedAzure());
  });
  afterEach(() => emu.stop());

  it("identity: answers UserAssigned with userAssigned, the ID as sent, principalId and clientId empty until done", async () => {
    // Operations stay InProgress for a moment, as Azure's do, so the PUT's own answer says Updating.
    const slow = await withIdentity(
      await startEmulatedAzure({ latency: { responseMs: 0, operationMs: 200, retryAfterSeconds: 0 } }),
    );
    try {
      const sent = lowerRg(IDENTITY);
      const answers: { status: number; body: string }[] = [];
      const done = await networkClient(slow).flowLogs.beginCreateOrUpdateAndWait(
        WATCHER.rg,
        WATCHER.name,
        "vnet-api-log",
        {
          location: "westeurope",
          targetResourceId: ids.VNET_API,
          storageId: ids.STORAGE_WEU,
          enabled: true,
          identity: { type: "UserAssigned", userAssignedIdentities: { [sent]: {} } },
        },
        {
          updateIntervalInMs: 20,
          onResponse: (r) => answers.push({ status: r.status, body: r.bodyAsText ?? "" }),
        },
      );
      const created = JSON.parse(answers[0].body);
      assert.equal(answers[0].status, 201);
      assert.equal(created.properties.provisioningState, "Updating");
      assert.deepEqual(created.identity, {
        type: "userAssigned",
        userAssignedIdentities: { [sent]: { principalId: "", clientId: "" } },
      });
      assert.deepEqual(
        [done.identity?.type, done.identity?.userAssignedIdentities],
        ["userAssigned", { [sent]: { principalId: PRINCIPAL, clientId: CLIENT } }],
      );
      // What a client read, it may send back.
      const again = await networkClient(slow).flowLogs.beginCreateOrUpdateAndWait(
        WATCHER.rg,
        WATCHER.name,
        "vnet-api-log",
        { ...done, identity: { type: done.identity?.type, userAssignedIdentities: { [sent]: {} } } },
        { updateIntervalInMs: 20 },
      );
      assert.equal(again.identity?.type, "userAssigned");
    } finally {
      await slow.stop();
    }
  });

  it("format: a VNet flow log made without one is {FlowLogJSON, 2}; FlowLogJSON is taken back; JSON is echoed", async () => {
    const created = await arm(emu, "PUT", flowLogPath("portal-made"), vnetFlowLog());
    assert.deepEqual(created.body.properties.format, { type: "FlowLogJSON", version: 2 });
    const read = await arm(emu, "GET", flowLogPath("portal-made"));
    assert.deepEqual(read.body.properties.format, { type: "FlowLogJSON", version: 2 });
    const sentBack = await arm(
      emu,
      "PUT",
      flowLogPath("portal-made"),
      vnetFlowLog({ format: read.body.properties.format }),
    );
    assert.deepEqual(
      [sentBack.status, sentBack.body.properties.format],
      [200, { type: "FlowLogJSON", version: 2 }],
    );
    const json = await arm(
      emu,
      "PUT",
      flowLogPath("portal-made"),
      vnetFlowLog({ format: { type: "JSON", version: 2 } }),
    );
    assert.deepEqual(json.body.properties.format, { type: "JSON", version: 2 });
    const other = await arm(emu, "PUT", flowLogPath("portal-made"), vnetFlowLog({ format: { type: "CSV" } }));
    assert.equal(other.status, 400);
  });

  it('empty values: the filter is "" and traffic analytics {} when not set; a filter left out of the PUT is left out of its answer', async () => {
    const created = await arm(emu, "PUT", flowLogPath("plain"), vnetFlowLog());
    assert.equal("enabledFilteringCriteria" in created.body.properties, false);
    assert.deepEqual(created.body.properties.flowAnalyticsConfiguration, {});
    const read = await arm(emu, "GET", flowLogPath("plain"));
    assert.equal(read.body.properties.enabledFilteringCriteria, "");
    assert.deepEqual(read.body.properties.flowAnalyticsConfiguration, {});
    const echoed = await arm(emu, "PUT", flowLogPath("plain"), vnetFlowLog({ enabledFilteringCriteria: "" }));
    assert.equal(echoed.body.properties.enabledFilteringCriteria, "");
    const snapshot = (await emu.admin.flowLogs()).find((f) => f.name === "plain");
    assert.deepEqual(
      [snapshot?.enabledFilteringCriteria, snapshot?.trafficAnalytics],
      [undefined, undefined],
    );
  });

  it("casing: workspace and identity IDs come back exactly as sent", async () => {
    const workspace = ids.WORKSPACE_WEU.toLowerCase();
    const identity = lowerRg(IDENTITY);
    const ta = {
      networkWatcherFlowAnalyticsConfiguration: {
        enabled: true,
        workspaceId: ids.WORKSPACE_WEU_GUID,
        workspaceRegion: "westeurope",
        workspaceResourceId: workspace,
        trafficAnalyticsInterval: 10,
      },
    };
    const body = vnetFlowLog(
      { flowAnalyticsConfiguration: ta },
      { identity: { type: "UserAssigned", userAssignedIdentities: { [identity]: {} } } },
    );
    await arm(emu, "PUT", flowLogPath("cased"), body);
    const read = await arm(emu, "GET", flowLogPath("cased"));
    assert.equal(
      read.body.properties.flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration
        .workspaceResourceId,
      workspace,
    );
    assert.deepEqual(Object.keys(read.body.identity.userAssignedIdentities), [identity]);
  });

  it("long-running operations: PUT and DELETE name their operation in x-ms-request-id; the DELETE's Location ends in a 204 with every header", async () => {
    const put = await arm(emu, "PUT", flowLogPath("lro"), vnetFlowLog());
    assert.equal(put.status, 201);
    assert.equal(put.headers.get("retry-after"), "0", "10 in the realistic latency profile, as recorded");
    assert.equal(put.headers.get("x-ms-request-id"), operationIdOf(put.headers.get("azure-asyncoperation")));
    assert.equal(put.headers.get("location"), null);

    const deleted = await arm(emu, "DELETE", flowLogPath("lro"));
    assert.equal(deleted.status, 202);
    const location = deleted.headers.get("location");
    const operation = operationIdOf(deleted.headers.get("azure-asyncoperation"));
    assert.deepEqual(
      [deleted.headers.get("x-ms-request-id"), operationIdOf(location), deleted.headers.get("retry-after")],
      [operation, operation, "0"],
    );
    const final = await arm(emu, "GET", String(location).slice(emu.armUrl.length));
    assert.equal(final.status, 204);
    assert.deepEqual(
      ["location", "azure-asyncoperation", "azure-asyncnotification", "x-ms-request-id"].map((h) =>
        final.headers.get(h),
      ),
      [location, deleted.headers.get("azure-asyncoperation"), "Enabled", operation],
    );
  });

  it("etags: every flow log in a GET or list carries its watcher's current etag, not its PUT answer's", async () => {
    const answered = await arm(emu, "PUT", flowLogPath("first"), vnetFlowLog());
    await arm(emu, "PUT", flowLogPath("second"), vnetFlowLog({ targetResourceId: ids.NIC_WEB }));
    const watcher = (await arm(emu, "GET", `${ids.WATCHER_WEU}?${API}`)).body.etag;
    const list = await arm(emu, "GET", `${ids.WATCHER_WEU}/flowLogs?${API}`);
    assert.deepEqual(
      list.body.value.map((f: { etag: string }) => f.etag),
      list.body.value.map(() => watcher),
    );
    assert.equal((await arm(emu, "GET", flowLogPath("first"))).body.etag, watcher);
    assert.notEqual(answered.body.etag, watcher);
  });

  it("rate limits: answers report the global budget beside the regional one", async () => {
    const kinds = [
      ["PUT", "writes"],
      ["GET", "reads"],
      ["DELETE", "deletes"],
    ];
    for (const [method, kind] of kinds) {
      const answer = await arm(
        emu,
        method,
        flowLogPath("limits"),
        method === "PUT" ? vnetFlowLog() : undefined,
      );
      const regional = answer.headers.get(`x-ms-ratelimit-remaining-subscription-${kind}`);
      assert.ok(regional, `${method}: no regional ${kind}`);
      assert.equal(answer.headers.get(`x-ms-ratelimit-remaining-subscription-global-${kind}`), regional);
    }
  });

  it("a PUT over a leftover flow log in provisioning state Failed answers 200, and the list shows the leftover", async () => {
    await emu.admin.injectFault({
      operation: "flowLogs.put",
      pathContains: "/leftover",
      kind: "lroFail",
      message: "Injected.",
    });
    const client = networkClient(emu);
    const create = () =>
      client.flowLogs.beginCreateOrUpdateAndWait(
        WATCHER.rg,
        WATCHER.name,
        "leftover",
        { location: "westeurope", targetResourceId: ids.NIC_WEB, storageId: ids.STORAGE_WEU },
        { updateIntervalInMs: 20 },
      );
    await assert.rejects(create(), /Injected/);
    const list = await arm(emu, "GET", `${ids.WATCHER_WEU}/flowLogs?${API}`);
    const left = list.body.value.find((f: { name: string }) => f.name === "leftover");
    assert.equal(left.properties.provisioningState, "Failed");
    await emu.admin.clearFaults();
    const answers: number[] = [];
    const done = await client.flowLogs.beginCreateOrUpdateAndWait(
      WATCHER.rg,
      WATCHER.name,
      "leftover",
      { location: "westeurope", targetResourceId: ids.NIC_WEB, storageId: ids.STORAGE_WEU },
      { updateIntervalInMs: 20, onResponse: (r) => answers.push(r.status) },
    );
    assert.deepEqual([answers[0], done.provisioningState], [200, "Succeeded"]);
  });

  it("traffic analytics: sent without `enabled`, it is answered enabled: false with the workspace fields as sent", async () => {
    const workspace = lowerRg(ids.WORKSPACE_WEU);
    const ta = {
      networkWatcherFlowAnalyticsConfiguration: {
        workspaceId: ids.WORKSPACE_WEU_GUID,
        workspaceRegion: "westeurope",
        workspaceResourceId: workspace,
        trafficAnalyticsInterval: 60,
      },
    };
    const created = await arm(emu, "PUT", flowLogPath("ta"), vnetFlowLog({ flowAnalyticsConfiguration: ta }));
    const expected = {
      networkWatcherFlowAnalyticsConfiguration: {
        enabled: false,
        ...ta.networkWatcherFlowAnalyticsConfiguration,
      },
    };
    assert.deepEqual(created.body.properties.flowAnalyticsConfiguration, expected);
    assert.deepEqual(
      (await arm(emu, "GET", flowLogPath("ta"))).body.properties.flowAnalyticsConfiguration,
      expected,
    );
  });
});
