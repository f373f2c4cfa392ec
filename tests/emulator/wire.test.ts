// Wire details as recorded real traffic shows them (../shared/reference/ARM-FLOWLOG-API.md §3, §4, §6):
// LRO headers and bodies, etags, operation documents, rate-limit counters, the watcher and 404 texts.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { API, arm, configureBody, configurePath } from "./raw-arm";

const ETAG = /^W\/"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/;
const flowLogPath = (name: string) => `${ids.WATCHER_WEU}/flowLogs/${name}?${API}`;
const vnetFlowLog = {
  location: "westeurope",
  properties: { targetResourceId: ids.VNET_API, storageId: ids.STORAGE_WEU, enabled: true },
};
const trafficAnalytics = {
  networkWatcherFlowAnalyticsConfiguration: {
    enabled: true,
    workspaceId: ids.WORKSPACE_WEU_GUID,
    workspaceRegion: "westeurope",
    workspaceResourceId: ids.WORKSPACE_WEU,
  },
};

/** GET of an operation URL the emulator handed out (absolute, same origin). */
async function poll(emu: RunningEmulator, url: string | null) {
  assert.ok(url, "no operation URL");
  return arm(emu, "GET", url.slice(emu.armUrl.length));
}

describe("emulator: wire details of recorded traffic", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulatedAzure();
  });
  afterEach(() => emu.stop());

  it("ends an async configureFlowLog with a 200 that keeps both LRO headers and a partial body", async () => {
    const started = await arm(emu, "POST", configurePath, {
      ...configureBody(ids.NSG_WITH_DISABLED_LOG),
      flowAnalyticsConfiguration: trafficAnalytics,
    });
    assert.deepEqual([started.status, started.body], [202, null]);
    assert.equal(started.headers.get("azure-asyncoperation"), null, "the 202 has Location only");
    const location = started.headers.get("location");
    const final = await poll(emu, location);
    assert.equal(final.status, 200);
    assert.equal(final.headers.get("location"), location);
    assert.equal(
      final.headers.get("azure-asyncoperation"),
      location?.replace("/operationResults/", "/operations/"),
    );
    assert.deepEqual(final.body, {
      targetResourceId: ids.NSG_WITH_DISABLED_LOG,
      properties: {
        enabled: true,
        retentionPolicy: { days: 0, enabled: false },
        format: { type: "JSON", version: 1 },
      },
    });
    const status = await arm(emu, "POST", `${ids.WATCHER_WEU}/queryFlowLogStatus?${API}`, {
      targetResourceId: ids.NSG_WITH_DISABLED_LOG,
    });
    assert.equal(status.body.properties.storageId, ids.STORAGE_WEU, "the status query is complete");
    assert.equal(
      status.body.flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration.enabled,
      true,
    );
  });

  it('gives a flow log a W/"<uuid>" etag that changes on every write, shared with its watcher', async () => {
    const created = await arm(emu, "PUT", flowLogPath("vnet-api-log"), vnetFlowLog);
    assert.equal(created.status, 201);
    assert.match(created.body.etag, ETAG);
    const afterCreate = (await arm(emu, "GET", flowLogPath("vnet-api-log"))).body.etag;
    assert.match(afterCreate, ETAG);
    const watcher = await arm(emu, "GET", `${ids.WATCHER_WEU}?${API}`);
    assert.equal(watcher.body.etag, afterCreate, "the watcher's etag equals its flow log's after a write");
    const updated = await arm(emu, "PUT", flowLogPath("vnet-api-log"), {
      ...vnetFlowLog,
      properties: { ...vnetFlowLog.properties, enabled: false },
    });
    assert.equal(updated.status, 200);
    const afterUpdate = (await arm(emu, "GET", flowLogPath("vnet-api-log"))).body.etag;
    const tagged = await arm(emu, "PATCH", flowLogPath("vnet-api-log"), { tags: { team: "net" } });
    assert.equal(new Set([afterCreate, afterUpdate, tagged.body.etag]).size, 3, "an etag was reused");
  });

  it("answers operation polls with {status} only, and DELETE with ARM's delete headers", async () => {
    const created = await arm(emu, "PUT", flowLogPath("vnet-api-log"), vnetFlowLog);
    assert.equal(created.headers.get("azure-asyncnotification"), "Enabled");
    assert.deepEqual((await poll(emu, created.headers.get("azure-asyncoperation"))).body, {
      status: "Succeeded",
    });
    const deleted = await arm(emu, "DELETE", flowLogPath("vnet-api-log"));
    assert.equal(deleted.status, 202);
    assert.equal(deleted.headers.get("azure-asyncnotification"), "Enabled");
    assert.equal(deleted.headers.get("x-ms-ratelimit-remaining-subscription-deletes"), "14999");
    assert.equal(deleted.headers.get("x-ms-ratelimit-remaining-subscription-writes"), null);
    assert.ok(deleted.headers.get("location"));
    assert.deepEqual((await poll(emu, deleted.headers.get("azure-asyncoperation"))).body, {
      status: "Succeeded",
    });
  });

  it("counts the rate-limit headers down from ARM's hourly limits", async () => {
    const remaining = async (method: string, path: string, body: unknown, kind: string) =>
      Number(
        (await arm(emu, method, path, body)).headers.get(`x-ms-ratelimit-remaining-subscription-${kind}`),
      );
    const query = { targetResourceId: ids.NSG_WITH_ENABLED_LOG };
    const writes = [];
    for (let i = 0; i < 3; i++)
      writes.push(await remaining("POST", `${ids.WATCHER_WEU}/queryFlowLogStatus?${API}`, query, "writes"));
    assert.deepEqual(writes, [1199, 1198, 1197]);
    assert.equal(await remaining("GET", `${ids.VNET_WEB}?${API}`, undefined, "reads"), 11999);
  });

  it("shows the watcher's runningOperationIds and no seed-internal fields", async () => {
    const watcher = await arm(emu, "GET", `${ids.WATCHER_WEU}?${API}`);
    assert.deepEqual(watcher.body.properties, { provisioningState: "Succeeded", runningOperationIds: [] });
    const list = await arm(emu, "GET", `${ids.WATCHER_WEU}/flowLogs?${API}`);
    const allowed = ["targetResourceId", "targetResourceGuid", "storageId", "enabled", "retentionPolicy"];
    allowed.push("format", "flowAnalyticsConfiguration", "provisioningState");
    for (const flowLog of list.body.value)
      for (const key of Object.keys(flowLog.properties)) assert.ok(allowed.includes(key), `${key} leaked`);
  });

  it("names a missing flow log in the 404 with its watcher, as ARM's text does", async () => {
    const missing = await arm(emu, "GET", flowLogPath("flow_log_test2"));
    assert.equal(missing.status, 404);
    assert.equal(
      missing.body.error.message,
      "The Resource 'Microsoft.Network/networkWatchers/NetworkWatcher_westeurope/flowLogs/flow_log_test2' under resource group 'NetworkWatcherRG' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    );
  });
});
