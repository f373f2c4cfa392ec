// The emulator driven by the official Azure SDK (@azure/identity, @azure/arm-network) over HTTPS, and by
// raw HTTPS where the SDK cannot produce the request.
import * as assert from "node:assert/strict";
import type { NetworkManagementClient } from "@azure/arm-network";
import { ClientAssertionCredential, ClientSecretCredential } from "@azure/identity";
import { type EmulatorOptions, type RunningEmulator, start } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import {
  API,
  arm,
  configureBody,
  configurePath,
  credentialOf,
  networkClient,
  token,
  WATCHER,
} from "./raw-arm";

describe("emulator: Entra ID", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulatedAzure({ tokenLifetimeSeconds: 60 });
  });
  after(() => emu.stop());

  it("issues v1 ARM tokens for a client secret, for the ARM audience", async () => {
    const access = await token(emu);
    const claims = JSON.parse(Buffer.from(access.split(".")[1], "base64url").toString());
    assert.equal(claims.iss, `https://sts.windows.net/${emu.credentials.tenantId}/`);
    assert.equal(claims.aud, emu.audience);
    assert.equal(claims.tid, emu.credentials.tenantId);
    assert.equal(claims.exp - claims.iat, 60);
  });

  it("exchanges a federated OIDC token (as CI pipelines do) through ClientAssertionCredential", async () => {
    const oidc = await emu.admin.mintOidcToken();
    const credential = new ClientAssertionCredential(
      emu.credentials.tenantId,
      emu.credentials.clientId,
      async () => oidc,
      {
        authorityHost: emu.authorityHost,
        disableInstanceDiscovery: true,
      },
    );
    const access = await credential.getToken(`${emu.audience}/.default`);
    assert.ok(access?.token);
    const untrusted = await emu.admin.mintOidcToken("repo:someone-else/app:ref:refs/heads/main");
    const refused = new ClientAssertionCredential(
      emu.credentials.tenantId,
      emu.credentials.clientId,
      async () => untrusted,
      {
        authorityHost: emu.authorityHost,
        disableInstanceDiscovery: true,
      },
    );
    await assert.rejects(refused.getToken(`${emu.audience}/.default`), /AADSTS70021/);
  });

  it("refuses a wrong secret without repeating it", async () => {
    const wrong = "definitely-not-the-secret-value";
    const credential = new ClientSecretCredential(emu.credentials.tenantId, emu.credentials.clientId, wrong, {
      authorityHost: emu.authorityHost,
      disableInstanceDiscovery: true,
    });
    await assert.rejects(credential.getToken(`${emu.audience}/.default`), (e: Error) => {
      assert.match(e.message, /AADSTS7000215/);
      assert.ok(!e.message.includes(wrong));
      return true;
    });
  });

  it("rejects missing and expired tokens the way ARM does, and the SDK gets a fresh token", async () => {
    const missing = await arm(emu, "GET", `${ids.VNET_WEB}?${API}`, undefined, { bearer: null });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, "AuthenticationFailed");
    assert.match(
      missing.headers.get("www-authenticate") ?? "",
      /^Bearer authorization_uri=.*error="invalid_token"/,
    );

    const old = await token(emu);
    await emu.admin.advanceClock(120);
    const expired = await arm(emu, "GET", `${ids.VNET_WEB}?${API}`, undefined, { bearer: old });
    assert.equal(expired.body.error.code, "ExpiredAuthenticationToken");
    // One credential asked twice: a token this short-lived (60 s) is renewed, not reused.
    const credential = credentialOf(emu);
    const before = (await emu.admin.requests({ operation: "token" })).length;
    const first = await credential.getToken(`${emu.audience}/.default`);
    const second = await credential.getToken(`${emu.audience}/.default`);
    assert.equal(
      (await emu.admin.requests({ operation: "token" })).length - before,
      2,
      "the token was not refreshed",
    );
    assert.notEqual(first?.token, second?.token);
    const fresh = await arm(emu, "GET", `${ids.VNET_WEB}?${API}`, undefined, { bearer: second?.token });
    assert.equal(fresh.status, 200);
  });
});

describe("emulator: flow-log API through @azure/arm-network", () => {
  let emu: RunningEmulator;
  let client: NetworkManagementClient;

  async function fresh(options: EmulatorOptions = {}) {
    await emu?.stop();
    emu = await startEmulatedAzure(options);
    client = networkClient(emu);
  }

  beforeEach(() => fresh());
  after(() => emu.stop());

  it("configures (202 + Location, then polled) and queries an NSG flow log", async () => {
    const info = await client.networkWatchers.setFlowLogConfiguration(
      WATCHER.rg,
      WATCHER.name,
      {
        targetResourceId: ids.NSG_WITH_DISABLED_LOG,
        storageId: ids.STORAGE_WEU,
        enabled: true,
        retentionPolicy: { days: 5, enabled: true },
        format: { type: "Json", version: 2 },
      },
      { updateIntervalInMs: 10 },
    );
    assert.equal(info.enabled, true);
    const status = await client.networkWatchers.getFlowLogStatus(WATCHER.rg, WATCHER.name, {
      targetResourceId: ids.NSG_WITH_DISABLED_LOG.toUpperCase(),
    });
    assert.deepEqual(
      [status.targetResourceId, status.retentionPolicy, status.format],
      [ids.NSG_WITH_DISABLED_LOG, { days: 5, enabled: true }, { type: "JSON", version: 2 }],
    );
    const ops = (await emu.admin.requests()).map((r) => `${r.operation} ${r.status}`);
    assert.ok(
      ops.includes("configureFlowLog 202") &&
        ops.includes("operations.poll 200") &&
        ops.includes("queryFlowLogStatus 200"),
      ops.join(", "),
    );
  });

  it("answers configureFlowLog synchronously in sync mode, with the headers real traffic has", async () => {
    await fresh({ configureFlowLogMode: "sync" });
    const response = await arm(emu, "POST", configurePath, configureBody(ids.NSG_WITH_DISABLED_LOG));
    assert.equal(response.status, 200);
    assert.equal(response.body.properties.enabled, true);
    assert.ok(response.headers.get("x-ms-request-id"));
    assert.ok(response.headers.get("x-ms-ratelimit-remaining-subscription-writes"));
    await fresh();
    const async = await arm(emu, "POST", configurePath, configureBody(ids.NSG_WITH_DISABLED_LOG));
    assert.equal(async.status, 202);
    assert.equal(async.body, null);
    assert.match(
      async.headers.get("location") ?? "",
      /\/providers\/Microsoft\.Network\/locations\/westeurope\/operationResults\/[0-9a-f-]+\?api-version=2025-05-01$/,
    );
    assert.equal(async.headers.get("retry-after"), "0");
  });

  it("creates, lists, reads and deletes a VNet flow log as the flowLogs child resource, which the VNet lists", async () => {
    const created = await client.flowLogs.createOrUpdate(
      WATCHER.rg,
      WATCHER.name,
      "vnet-web-log",
      {
        location: "westeurope",
        targetResourceId: ids.VNET_WEB,
        storageId: ids.STORAGE_WEU,
        enabled: true,
        format: { type: "JSON", version: 2 },
      },
      { updateIntervalInMs: 10 },
    );
    assert.equal(created.provisioningState, "Succeeded");
    assert.equal(created.targetResourceGuid, "5e1c0a7d-0000-4000-8000-000000000010");
    const names: string[] = [];
    for await (const f of client.flowLogs.list(WATCHER.rg, WATCHER.name)) names.push(f.name!);
    assert.ok(names.includes("vnet-web-log"));
    // The virtual network lists its flow logs, as an NSG does (read-only `flowLogs` in the spec).
    const [, vnetRg, vnetName] = /resourceGroups\/([^/]+)\/.*\/virtualNetworks\/([^/]+)$/.exec(ids.VNET_WEB)!;
    const listed = async () =>
      (await client.virtualNetworks.get(vnetRg, vnetName)).flowLogs?.map((f) => f.id);
    assert.deepEqual(await listed(), [created.id]);
    await client.flowLogs.delete(WATCHER.rg, WATCHER.name, "vnet-web-log", { updateIntervalInMs: 10 });
    assert.deepEqual(await listed(), []);
    await assert.rejects(client.flowLogs.get(WATCHER.rg, WATCHER.name, "vnet-web-log"), /was not found/);
    const again = await arm(emu, "DELETE", `${ids.WATCHER_WEU}/flowLogs/vnet-web-log?${API}`);
    assert.equal(again.status, 204);
  });

  it("refuses to delete a flow log whose subnet was deleted, and keeps listing it (Azure/azure-cli#31506)", async () => {
    await client.flowLogs.createOrUpdate(
      WATCHER.rg,
      WATCHER.name,
      "subnet-app-log",
      { location: "westeurope", targetResourceId: ids.SUBNET_APP, storageId: ids.STORAGE_WEU },
      { updateIntervalInMs: 10 },
    );
    await emu.admin.deleteResource(ids.SUBNET_APP);
    const refused = await arm(emu, "DELETE", `${ids.WATCHER_WEU}/flowLogs/subnet-app-log?${API}`);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {
      error: {
        code: "SubnetNotFoundForFlowLog",
        message: `Subnet resource ${ids.SUBNET_APP} passed for the flow log does not exist.`,
        details: [],
      },
    });
    await assert.rejects(
      client.flowLogs.delete(WATCHER.rg, WATCHER.name, "subnet-app-log", { updateIntervalInMs: 10 }),
      { code: "SubnetNotFoundForFlowLog", statusCode: 400 },
    );
    const names: string[] = [];
    for await (const f of client.flowLogs.list(WATCHER.rg, WATCHER.name)) names.push(f.name!);
    assert.ok(names.includes("subnet-app-log"));
  });

  it("applies Network Watcher's rules with ARM's status codes and error codes", async () => {
    const cases: [string, unknown, number, string][] = [
      ["unknown target", configureBody(`${ids.NSG_NEW}-gone`), 404, "ResourceNotFound"],
      [
        "storage in another region",
        configureBody(ids.NSG_WITH_DISABLED_LOG, {}, ids.STORAGE_NEU),
        400,
        "StorageAccountLocationMismatch",
      ],
      [
        "retention above 365",
        configureBody(ids.NSG_WITH_DISABLED_LOG, { retentionPolicy: { days: 366, enabled: true } }),
        400,
        "InvalidFlowLogRetentionDays",
      ],
      [
        "format version 3",
        configureBody(ids.NSG_WITH_DISABLED_LOG, { format: { type: "JSON", version: 3 } }),
        400,
        "InvalidFlowLogFormatVersion",
      ],
      [
        "format CSV",
        configureBody(ids.NSG_WITH_DISABLED_LOG, { format: { type: "CSV" } }),
        400,
        "InvalidFlowLogFormatType",
      ],
      ["new NSG flow log", configureBody(ids.NSG_NEW), 400, "NsgFlowLogCreationBlocked"],
      ["VNet on the legacy action", configureBody(ids.VNET_WEB), 400, "FlowLogTargetNotSupported"],
      [
        "unknown field",
        { ...configureBody(ids.NSG_WITH_DISABLED_LOG), surprise: 1 },
        400,
        "InvalidRequestContent",
      ],
    ];
    const ta = (config: Record<string, unknown>) => ({
      ...configureBody(ids.NSG_WITH_DISABLED_LOG),
      flowAnalyticsConfiguration: { networkWatcherFlowAnalyticsConfiguration: { enabled: true, ...config } },
    });
    const workspace = {
      workspaceId: ids.WORKSPACE_WEU_GUID,
      workspaceRegion: "westeurope",
      workspaceResourceId: ids.WORKSPACE_WEU,
    };
    cases.push(
      [
        "interval 30",
        ta({ ...workspace, trafficAnalyticsInterval: 30 }),
        400,
        "InvalidTrafficAnalyticsInterval",
      ],
      [
        "workspace fields missing",
        ta({ workspaceResourceId: ids.WORKSPACE_WEU }),
        400,
        "TrafficAnalyticsWorkspaceParametersMissing",
      ],
      [
        "workspace region wrong",
        ta({ ...workspace, workspaceRegion: "eastus2", trafficAnalyticsInterval: 10 }),
        400,
        "InvalidTAWorkspaceRegion",
      ],
    );
    for (const [what, body, status, code] of cases) {
      const response = await arm(emu, "POST", configurePath, body);
      assert.deepEqual([response.status, response.body?.error?.code], [status, code], what);
    }
    const sandbox = `/subscriptions/${ids.SANDBOX_SUBSCRIPTION}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;
    const unregistered = await arm(emu, "PUT", `${sandbox}/flowLogs/sandbox?${API}`, {
      location: "westeurope",
      properties: { targetResourceId: ids.SANDBOX_VNET, storageId: ids.SANDBOX_STORAGE, enabled: true },
    });
    assert.equal(unregistered.body.error.code, "MicrosoftInsightsNotRegistered");
    const badVersion = await arm(emu, "GET", `${ids.VNET_WEB}?api-version=1999-01-01`);
    assert.deepEqual([badVersion.status, badVersion.body.error.code], [400, "InvalidApiVersionParameter"]);
    const noSub = await arm(
      emu,
      "GET",
      `/subscriptions/99999999-9999-4999-8999-999999999999/resourceGroups/x?api-version=2021-04-01`,
    );
    assert.deepEqual([noSub.status, noSub.body.error.code], [404, "SubscriptionNotFound"]);
  });

  it("accepts VNet targets on the legacy actions in loose mode, and a new NSG log before the cut-off", async () => {
    await fresh({ loose: true, now: "2025-01-15T00:00:00Z", configureFlowLogMode: "sync" });
    assert.equal((await arm(emu, "POST", configurePath, configureBody(ids.VNET_WEB))).status, 200);
    assert.equal((await arm(emu, "POST", configurePath, configureBody(ids.NSG_NEW))).status, 200);
  });

  it("refuses a second write while the first is still running (409 AnotherOperationInProgress)", async () => {
    await fresh({ latency: { operationMs: 60_000, retryAfterSeconds: 1 } });
    assert.equal(
      (await arm(emu, "POST", configurePath, configureBody(ids.NSG_WITH_DISABLED_LOG))).status,
      202,
    );
    const second = await arm(emu, "POST", configurePath, configureBody(ids.NSG_WITH_DISABLED_LOG));
    assert.deepEqual([second.status, second.body.error.code], [409, "AnotherOperationInProgress"]);
    assert.equal(
      (await arm(emu, "POST", configurePath, configureBody(ids.NSG_WITH_ENABLED_LOG))).status,
      202,
      "other targets are not blocked",
    );
  });

  it("throttles writes per subscription with 429 + Retry-After, which the SDK honours", async () => {
    await emu.admin.setThrottling({ writes: { capacity: 1, refillPerSecond: 4 } });
    const status = () =>
      client.networkWatchers.getFlowLogStatus(WATCHER.rg, WATCHER.name, {
        targetResourceId: ids.NSG_WITH_ENABLED_LOG,
      });
    await Promise.all([status(), status(), status()]);
    const log = await emu.admin.requests({ operation: "queryFlowLogStatus" });
    assert.ok(
      log.some((e) => e.status === 429),
      "nothing was throttled",
    );
    assert.equal(log.filter((e) => e.status === 200).length, 3);
    const throttled = await arm(emu, "POST", `${ids.WATCHER_WEU}/queryFlowLogStatus?${API}`, {
      targetResourceId: ids.NSG_WITH_ENABLED_LOG,
    });
    if (throttled.status === 429) assert.ok(Number(throttled.headers.get("retry-after")) >= 1);
  });

  it("injects 500, 503, dropped connections and failed operations, which are observed", async () => {
    await emu.admin.injectFault([
      { operation: "resources.get", kind: "status", status: 500 },
      { operation: "resources.get", kind: "status", status: 503 },
      { operation: "resources.get", kind: "drop" },
    ]);
    const watcher = await client.networkWatchers.get(WATCHER.rg, WATCHER.name);
    assert.equal(watcher.name, WATCHER.name);
    const statuses = (await emu.admin.requests({ operation: "resources.get" })).map((e) => e.status);
    assert.deepEqual(statuses, [0, 500, 503, 200]); // the pipeline drops before it fails

    await emu.admin.injectFault({
      operation: "configureFlowLog",
      kind: "lroFail",
      code: "InternalServerError",
    });
    await assert.rejects(
      client.networkWatchers.setFlowLogConfiguration(
        WATCHER.rg,
        WATCHER.name,
        {
          targetResourceId: ids.NSG_WITH_DISABLED_LOG,
          storageId: ids.STORAGE_WEU,
          enabled: true,
        },
        { updateIntervalInMs: 10 },
      ),
      /An error occurred/,
    );
    const live = (await emu.admin.flowLogs()).find((f) => f.targetResourceId === ids.NSG_WITH_DISABLED_LOG);
    assert.equal(live?.enabled, false, "a failed operation changed the flow log");
  });

  it("is seeded, inspectable and changeable out of band", async () => {
    const state = await emu.admin.state();
    assert.equal(state.resources.filter((r) => r.type === "Microsoft.Network/networkWatchers").length, 3);
    assert.equal(state.resources.filter((r) => /vnet-scale-\d+$/.test(r.id)).length, 200);
    const nsg = await client.networkSecurityGroups.get("rg-network", "nsg-web");
    assert.equal(nsg.flowLogs?.length, 1, "the NSG lists its flow log");
    const [log] = (await emu.admin.flowLogs()).filter((f) => f.targetResourceId === ids.NSG_WITH_ENABLED_LOG);
    await emu.admin.patchResource(log.id, { properties: { enabled: false } });
    const status = await client.networkWatchers.getFlowLogStatus(WATCHER.rg, WATCHER.name, {
      targetResourceId: ids.NSG_WITH_ENABLED_LOG,
    });
    assert.equal(status.enabled, false);
    const keys = await arm(emu, "POST", `${ids.STORAGE_WEU}/listKeys?api-version=2023-05-01`);
    assert.equal(keys.body.keys[0].keyName, "key1");
    const account = await arm(emu, "GET", `${ids.STORAGE_WEU}?api-version=2023-05-01`);
    assert.equal(
      JSON.stringify(account.body).includes(keys.body.keys[0].value),
      false,
      "GET must not show keys",
    );
  });

  it("binds loopback only", async () => {
    assert.match(emu.armUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    await assert.rejects(start({ host: "0.0.0.0" }), /binds loopback only/);
    await assert.rejects(start({ host: "192.168.1.10" }), /binds loopback only/);
  });
});
