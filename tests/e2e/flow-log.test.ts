// The FlowLog component through the real engine, the real dynamic-provider host and the official Azure
// SDK, against the emulator over HTTPS.
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { RunningEmulator } from "../../emulator";
import { EmulatorLog, providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { changedKeys, stackOutput, TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

describe("FlowLog end to end (engine + emulator)", () => {
  let emulator: RunningEmulator;
  const log = new EmulatorLog();
  let probe: AzureProbe;
  const stacks: TestStack[] = [];

  before(async () => {
    emulator = await startEmulatedAzure({ log: log.write });
    probe = new AzureProbe(emulator);
  });

  after(async () => {
    await Promise.all(stacks.map((s) => s.dispose()));
    await emulator?.stop();
  });

  async function stack(initial: () => Promise<unknown>, env = providerEnv(emulator)): Promise<TestStack> {
    const created = await TestStack.create({ program: initial as pulumi.automation.PulumiFn, env });
    stacks.push(created);
    return created;
  }

  it("enables a VNet flow log, toggles it as an in-place update of `enabled` only, and deletes it on destroy", async () => {
    const s = await stack(program({ retentionPolicy: { days: 7 } }));
    const up = await s.up();
    assert.equal(stackOutput(up, "enabled"), true);
    const live = await probe.flowLogOf(ids.VNET_WEB);
    assert.deepEqual(
      { enabled: live?.enabled, retention: live?.retentionPolicy, format: live?.format },
      { enabled: true, retention: { days: 7, enabled: true }, format: { type: "JSON", version: 2 } },
    );

    s.setProgram(program({ retentionPolicy: { days: 7 }, enabled: false }));
    const mark = await probe.requestCount();
    const preview = await s.preview();
    assert.equal(preview.result.changeSummary.update, 1);
    assert.deepEqual(changedKeys(preview.events, "FlowLogSettings::web"), ["enabled"]);
    assert.match(preview.stdout, /enabled\s*:\s*true => false/);
    assert.deepEqual(await probe.writesSince(mark), [], "preview wrote to Azure");

    const toggled = await s.up();
    assert.equal(toggled.result.summary.resourceChanges?.update, 1);
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.enabled, false);

    const destroyed = await s.destroy();
    assert.equal(
      await probe.flowLogOf(ids.VNET_WEB),
      undefined,
      "a VNet flow log is deleted on destroy (onDestroy's default)",
    );
    await assertNoSecrets(emulator, s, [up, preview, toggled, destroyed]);
  });

  it("changes retention, format, storage and traffic analytics in place", async () => {
    const s = await stack(program({ targetResourceId: ids.VNET_API }));
    await s.up();
    s.setProgram(
      program({
        targetResourceId: ids.VNET_API,
        storageAccountId: ids.STORAGE_WEU_2,
        retentionPolicy: { enabled: true, days: 0 },
        format: { version: 1 },
        trafficAnalytics: { workspaceResourceId: ids.WORKSPACE_WEU, intervalInMinutes: 10 },
      }),
    );
    const preview = await s.preview();
    assert.deepEqual(changedKeys(preview.events, "FlowLogSettings::web"), [
      "format",
      "retentionPolicy",
      "storageAccountId",
      "trafficAnalytics",
    ]);
    assert.equal(preview.result.changeSummary.replace ?? 0, 0);
    await s.up();
    const live = await probe.flowLogOf(ids.VNET_API);
    assert.equal(live?.storageId, ids.STORAGE_WEU_2);
    assert.deepEqual(live?.retentionPolicy, { days: 0, enabled: true });
    assert.equal(live?.format.version, 1);
    assert.deepEqual(live?.trafficAnalytics, {
      networkWatcherFlowAnalyticsConfiguration: {
        enabled: true,
        workspaceId: ids.WORKSPACE_WEU_GUID,
        workspaceRegion: "westeurope",
        workspaceResourceId: ids.WORKSPACE_WEU,
        trafficAnalyticsInterval: 10,
      },
    });
    assert.equal(
      (await s.preview()).result.changeSummary.update ?? 0,
      0,
      "a second preview shows no phantom diff",
    );
  });

  it("finds an out-of-band change on refresh and puts it back on up", async () => {
    const s = await stack(program({ targetResourceId: ids.SUBNET_APP, retentionPolicy: { days: 30 } }));
    const up = await s.up();
    const id = stackOutput(up, "flowLogId") as string;
    await emulator.admin.patchResource(id, {
      properties: { enabled: false, retentionPolicy: { days: 1, enabled: true } },
    });

    await s.refresh();
    const settings = (await s.state()).resources?.find((r) => r.type.endsWith("FlowLogSettings"));
    assert.equal(settings?.outputs?.enabled, false);
    assert.deepEqual(settings?.outputs?.retentionPolicy, { days: 1, enabled: true });
    const preview = await s.preview();
    assert.deepEqual(changedKeys(preview.events, "FlowLogSettings::web"), ["enabled", "retentionPolicy"]);

    const fixed = await s.up();
    const live = await probe.flowLogOf(ids.SUBNET_APP);
    assert.deepEqual([live?.enabled, live?.retentionPolicy], [true, { days: 30, enabled: true }]);
    await assertNoSecrets(emulator, s, [preview, fixed]);
  });

  it("refuses to take over an enabled flow log unless adoptExisting is set, touching nothing", async () => {
    const before = await probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG);
    const s = await stack(
      program({ targetResourceId: ids.NSG_WITH_ENABLED_LOG, retentionPolicy: { days: 14 } }),
    );
    const mark = await probe.requestCount();
    await assert.rejects(
      s.up(),
      /refused to take over the target's enabled flow log .*Azure was not asked to change anything.*adoptExisting: true/s,
    );
    assert.deepEqual(await probe.writesSince(mark), []);
    assert.deepEqual(await probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG), before);

    s.setProgram(
      program({
        targetResourceId: ids.NSG_WITH_ENABLED_LOG,
        retentionPolicy: { days: 14 },
        adoptExisting: true,
      }),
    );
    await s.up();
    const live = await probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 14]);
  });

  it("re-enables an existing NSG flow log, recorded as Azure holds it, and explains at preview that a new one is blocked", async () => {
    const existing = await stack(
      program({
        targetResourceId: ids.NSG_WITH_DISABLED_LOG,
        storageAccountId: ids.STORAGE_WEU_2,
        trafficAnalytics: { workspaceResourceId: ids.WORKSPACE_WEU, intervalInMinutes: 10 },
      }),
    );
    await existing.up();
    const live = await probe.flowLogOf(ids.NSG_WITH_DISABLED_LOG);
    assert.deepEqual([live?.enabled, live?.storageId], [true, ids.STORAGE_WEU_2]);
    // configureFlowLog answered 202, and its poll without storageId and traffic analytics (as Azure
    // PowerShell's recording shows); both are recorded as sent, which is what Azure holds.
    const settings = async () =>
      (await existing.state()).resources?.find((r) => r.type.endsWith("FlowLogSettings"))?.outputs;
    const recorded = await settings();
    assert.equal(recorded?.storageAccountId, live?.storageId);
    assert.deepEqual(recorded?.trafficAnalytics, {
      enabled: true,
      workspaceResourceId: ids.WORKSPACE_WEU,
      workspaceId: ids.WORKSPACE_WEU_GUID,
      workspaceRegion: "westeurope",
      intervalInMinutes: 10,
    });
    assert.equal((await existing.preview()).result.changeSummary.update ?? 0, 0, "a phantom diff");
    await existing.refresh();
    assert.deepEqual(await settings(), recorded, "refresh found Azure other than recorded");

    const blocked = await stack(program({ targetResourceId: ids.NSG_NEW }));
    const mark = await probe.requestCount();
    await assert.rejects(
      blocked.preview(),
      /network security group with no flow log\. Azure no longer creates NSG flow logs.*virtual network/s,
    );
    assert.deepEqual(await probe.writesSince(mark), []);
  });

  it("rejects bad input at preview naming the field, the value and what is accepted", async () => {
    const s = await stack(program({ targetResourceId: ids.VNET_NEU, storageAccountId: ids.STORAGE_WEU }));
    const mark = await probe.requestCount();
    await assert.rejects(
      s.preview(),
      /storageAccountId: .*flowlogsweu001 is in westeurope, but the target is in northeurope/,
    );
    s.setProgram(program({ retentionPolicy: { days: 400 } }));
    await assert.rejects(
      s.preview(),
      /retentionPolicy.days: got 400; expected a whole number of days from 0 to 365 \(0 keeps the logs forever\)/,
    );
    assert.deepEqual(await probe.writesSince(mark), []);
  });

  it("renaming with an alias touches nothing", async () => {
    const s = await stack(program({ targetResourceId: ids.NIC_WEB }, "nic"));
    await s.up();
    s.setProgram(program({ targetResourceId: ids.NIC_WEB }, "frontend-nic", { aliases: [{ name: "nic" }] }));
    const mark = await probe.requestCount();
    const preview = await s.preview();
    const { create = 0, delete: deleted = 0, update = 0, replace = 0 } = preview.result.changeSummary;
    assert.deepEqual({ create, deleted, update, replace }, { create: 0, deleted: 0, update: 0, replace: 0 });
    await s.up();
    assert.deepEqual(await probe.writesSince(mark), []);
    assert.equal((await probe.flowLogOf(ids.NIC_WEB))?.enabled, true);
  });

  it("signs in with a federated token file, as deployment pipelines do, into a named watcher", async () => {
    const tokenFile = path.join(mkdtempSync(path.join(tmpdir(), "oidc-")), "token");
    writeFileSync(tokenFile, await emulator.admin.mintOidcToken());
    const { AZURE_CLIENT_SECRET: _secret, ...env } = providerEnv(emulator);
    const networkWatcher = { resourceGroupName: "NetworkWatcherRG", name: "NetworkWatcher_northeurope" };
    const s = await stack(
      program({ targetResourceId: ids.VNET_NEU, storageAccountId: ids.STORAGE_NEU, networkWatcher }),
      {
        ...env,
        ARM_USE_OIDC: "true",
        AZURE_FEDERATED_TOKEN_FILE: tokenFile,
      },
    );
    const up = await s.up();
    assert.equal(stackOutput(up, "enabled"), true);
    const live = await probe.flowLogOf(ids.VNET_NEU);
    assert.equal(live?.enabled, true);
    assert.match(live?.id ?? "", /\/networkWatchers\/NetworkWatcher_northeurope\/flowLogs\//);
  });

  it("waits while the target is Updating, and records a provisioning state other than Succeeded", async () => {
    const busyTarget = ids.scaleVnet(199);
    await emulator.admin.patchResource(busyTarget, { properties: { provisioningState: "Updating" } });
    const s = await stack(program({ targetResourceId: busyTarget, format: { version: 1 } }, "busy"));
    const mark = await probe.requestCount();
    // The provider reads the target in check, then again in create, where it finds it Updating.
    const seenTwice = log.next(` GET ${busyTarget} resources.get`, 2);
    const up = s.up();
    await seenTwice;
    assert.deepEqual(await probe.writesSince(mark), [], "wrote while the target was Updating");
    await emulator.admin.patchResource(busyTarget, { properties: { provisioningState: "Succeeded" } });
    const done = await up;
    const id = stackOutput(done, "flowLogId") as string;
    await emulator.admin.patchResource(id, { properties: { provisioningState: "Failed" } });
    await s.refresh();
    const settings = (await s.state()).resources?.find((r) => r.type.endsWith("FlowLogSettings"));
    assert.equal(settings?.outputs?.provisioningState, "Failed");
  });

  it("keeps the serialized provider small and identical across resources", async () => {
    const s = await stack(
      program({ targetResourceId: ids.SANDBOX_VNET, storageAccountId: ids.SANDBOX_STORAGE, enabled: false }),
    );
    await s.up();
    const settings = (await s.state()).resources?.find((r) => r.type.endsWith("FlowLogSettings"));
    const provider = settings?.inputs?.__provider as string;
    console.log(`      __provider: ${provider.length} bytes`);
    assert.ok(provider.length < 4096, `__provider is ${provider.length} bytes`);
    assert.doesNotMatch(provider, /secret|Bearer|eyJ/);
  });
});
