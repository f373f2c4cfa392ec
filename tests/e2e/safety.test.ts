// The safety invariants through the real engine: a flow log changes only when the program asks, never
// through upgrades, renames, retries or failures; no credential reaches state or output; many flow
// logs converge under throttling and conflicts.
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog } from "../../components";
import { OWNER_TAG } from "../../components/azure";
import type { RunningEmulator } from "../../emulator";
import { JWT_PATTERN, providerEnv, secretsOf, startEmulatedAzure } from "../support/emulated-azure";
import { type StackState, TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

describe("safety invariants (engine + emulator)", function () {
  // Several engine runs per case; a busy machine makes each slower, never wrong.
  this.timeout(10 * 60_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  const cleanup: (() => Promise<void> | void)[] = [];

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
  });

  after(async () => {
    for (const step of cleanup.reverse()) await step();
    await emulator?.stop();
  });

  async function stack(
    initial: () => Promise<unknown>,
    extra: { env?: Record<string, string>; parentDir?: string; backendDir?: string } = {},
  ) {
    const created = await TestStack.create({
      program: initial as pulumi.automation.PulumiFn,
      ...extra,
      env: { ...providerEnv(emulator), ...extra.env },
    });
    cleanup.push(() => created.dispose());
    return created;
  }

  it("state written before owner nonces, URNs and customTimeouts reached the provider shows no diff and touches nothing", async () => {
    const target = ids.scaleVnet(40);
    const args = { targetResourceId: target, retentionPolicy: { days: 2 } };
    const s = await stack(program(args, "legacy", { customTimeouts: { update: "15m" } }));
    await s.up();
    // Rewrite the state and the tag as an earlier release left them: the URN's hash as owner, no new inputs.
    const exported = await s.stack.exportStack();
    let legacyOwner = "";
    for (const resource of (exported.deployment as StackState).resources ?? []) {
      if (!resource.type.endsWith("FlowLogSettings")) continue;
      for (const props of [resource.inputs, resource.outputs]) {
        legacyOwner = String(props?.ownerId).split(".")[0];
        Object.assign(props ?? {}, { ownerId: legacyOwner });
        delete props?.ownerUrn;
        delete props?.customTimeoutSeconds;
      }
    }
    await s.stack.importStack(exported);
    const live = await probe.flowLogOf(target);
    const tags = (await emulator.admin.getResource(live!.id)).tags;
    await emulator.admin.patchResource(live!.id, { tags: { ...tags, [OWNER_TAG]: legacyOwner } });

    const mark = await probe.requestCount();
    const preview = await s.preview();
    assert.deepEqual(preview.result.changeSummary, { same: 3 });
    const up = await s.up();
    assert.deepEqual(up.result.summary.resourceChanges, { same: 3 });
    const refreshed = await s.refresh();
    assert.deepEqual(refreshed.result.summary.resourceChanges, { same: 3 });
    assert.deepEqual(await probe.writesSince(mark), []);
    const settings = (await s.state()).resources?.find((r) => r.type.endsWith("FlowLogSettings"));
    assert.equal(settings?.outputs?.ownerId, legacyOwner, "the recorded owner is kept");
    // And the flow log is still this resource's to change.
    s.setProgram(
      program({ ...args, retentionPolicy: { days: 3 } }, "legacy", { customTimeouts: { update: "15m" } }),
    );
    await s.up();
    assert.equal((await probe.flowLogOf(target))?.retentionPolicy.days, 3);
    await assertNoSecrets(emulator, s, [preview, up, refreshed]);
  });

  it("wording: a rename without an alias is refused by the provider, not reported as an Azure failure, and never disables the flow log", async () => {
    const s = await stack(program({ targetResourceId: ids.SUBNET_APP }, "app"));
    await s.up();
    s.setProgram(program({ targetResourceId: ids.SUBNET_APP }, "app-renamed"));
    const mark = await probe.requestCount();
    const refused = await s.up().then(
      () => assert.fail("the renamed resource took over the flow log"),
      (e: Error) => e,
    );
    assert.match(
      refused.message,
      /the provider refused to take over the target's enabled flow log .*tagged as managed by another Pulumi resource.*Azure was not asked to change anything.*add an alias.*adoptExisting: true/s,
    );
    assert.doesNotMatch(refused.message, /Azure request failed|RequestFailed|did not create/);
    assert.deepEqual(await probe.writesSince(mark), []);
    assert.equal((await probe.flowLogOf(ids.SUBNET_APP))?.enabled, true);
    await assertNoSecrets(emulator, s, [refused]);
  });

  it("a rename without an alias but with adoptExisting keeps the flow log enabled", async () => {
    const s = await stack(program({ targetResourceId: ids.VNET_WEB }, "web"));
    await s.up();
    s.setProgram(program({ targetResourceId: ids.VNET_WEB, adoptExisting: true }, "web-renamed"));
    const up = await s.up();
    assert.deepEqual(
      [up.result.summary.resourceChanges?.create, up.result.summary.resourceChanges?.delete],
      [2, 2],
    );
    assert.equal(
      (await probe.flowLogOf(ids.VNET_WEB))?.enabled,
      true,
      "the old resource's delete disabled the adopted flow log",
    );
    await assertNoSecrets(emulator, s, [up]);
  });

  it("a failed Azure operation changes nothing, and the next up converges", async () => {
    const s = await stack(program({ targetResourceId: ids.NIC_WEB, retentionPolicy: { days: 7 } }));
    await s.up();
    s.setProgram(program({ targetResourceId: ids.NIC_WEB, retentionPolicy: { days: 30 } }));
    await emulator.admin.injectFault({
      operation: "flowLogs.put",
      kind: "lroFail",
      message: "Injected failure.",
    });
    await assert.rejects(
      s.up(),
      /Updating flow logs on .*nic-web-01: .*failed \(InternalServerError\): Injected failure/s,
    );
    assert.equal((await probe.flowLogOf(ids.NIC_WEB))?.retentionPolicy.days, 7);
    const settings = (await s.state()).resources?.find((r) => r.type.endsWith("FlowLogSettings"));
    assert.deepEqual(settings?.outputs?.retentionPolicy, { enabled: true, days: 7 });
    const rerun = await s.up();
    assert.equal((await probe.flowLogOf(ids.NIC_WEB))?.retentionPolicy.days, 30);
    await assertNoSecrets(emulator, s, [rerun]);
  });

  it("a credential error says what to set, changes nothing and leaks no secret", async () => {
    const wrong = "wrong-secret-value-that-must-not-leak";
    const s = await stack(program({ targetResourceId: ids.VNET_NEU, storageAccountId: ids.STORAGE_NEU }), {
      env: { AZURE_CLIENT_SECRET: wrong },
    });
    const mark = await probe.requestCount();
    await assert.rejects(s.preview(), (e: Error) => {
      assert.match(e.message, /AADSTS7000215/);
      assert.match(e.message, /clientSecret|az login/);
      for (const secret of [wrong, ...secretsOf(emulator)])
        assert.ok(!e.message.includes(secret), "a secret reached the error");
      assert.doesNotMatch(e.message, JWT_PATTERN);
      return true;
    });
    assert.deepEqual(await probe.writesSince(mark), []);
    await assertNoSecrets(emulator, s);
  });

  it("twenty flow logs in one up converge under throttling, conflicts and transient errors", async () => {
    // A bucket a slow machine still drains: two writes in the same second are enough to be throttled.
    await emulator.admin.setThrottling({ writes: { capacity: 2, refillPerSecond: 1 } });
    await emulator.admin.injectFault([
      { operation: "flowLogs.put", kind: "status", status: 409, count: 3 },
      { operation: "flowLogs.put", kind: "status", status: 503, count: 2 },
      { operation: "resources.get", kind: "drop", count: 2 },
    ]);
    cleanup.push(async () => {
      await emulator.admin.setThrottling(false);
    });
    const targets = Array.from({ length: 20 }, (_, i) => ids.scaleVnet(i + 1));
    const s = await stack(async () => {
      const logs = targets.map(
        (t, i) => new FlowLog(`scale-${i + 1}`, { targetResourceId: t, storageAccountId: ids.STORAGE_WEU }),
      );
      return { enabled: logs.map((l) => l.enabled) };
    });
    const mark = await probe.requestCount();
    const up = await s.up();
    assert.equal(up.result.summary.resourceChanges?.create, 41);
    const live = await emulator.admin.flowLogs();
    for (const target of targets)
      assert.equal(live.find((f) => f.targetResourceId === target)?.enabled, true, target);
    const statuses = (await emulator.admin.requests()).slice(mark).map((e) => e.status);
    assert.ok(statuses.includes(429), "throttling never engaged");
    assert.ok(
      statuses.includes(409) && statuses.includes(503) && statuses.includes(0),
      "faults were not all hit",
    );
    await assertNoSecrets(emulator, s, [up]);
  });
});
