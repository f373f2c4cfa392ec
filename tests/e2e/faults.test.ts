// The fault matrix through the real engine: processes killed mid-operation, storms of 429s and 500s,
// tokens expiring mid-run, partial failure across many flow logs, out-of-band changes. Every case ends
// with Azure exactly as declared and no credential in state, engine output or errors.
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog, type FlowLogArgs } from "../../components";
import type { RunningEmulator } from "../../emulator";
import { EmulatorLog, providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { changedKeys, type StackState, stackOutput, TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import { ENGINE, killDescendant, PROVIDER_HOST } from "../support/processes";
import * as ids from "../support/seed-ids";

/** One FlowLog per target, all into the West Europe account, with the same extra arguments. */
function manyFlowLogs(targets: string[], args: Partial<FlowLogArgs> = {}) {
  return async () => {
    for (const [i, target] of targets.entries())
      new FlowLog(`log-${i + 1}`, { targetResourceId: target, storageAccountId: ids.STORAGE_WEU, ...args });
  };
}

function settingsIn(state: StackState) {
  return state.resources?.filter((r) => r.type.endsWith("FlowLogSettings")) ?? [];
}

describe("fault matrix (engine + emulator)", function () {
  // Load-sensitive fault tests: each case is several engine runs (a kill, cancel, refresh, up), which on a
  // busy two-core machine take minutes, not seconds. Waits are on conditions (a request in the emulator's
  // log, a process to kill, the engine's answer); this bound only stops a case that hangs.
  this.timeout(10 * 60_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  const log = new EmulatorLog();
  const stacks: TestStack[] = [];
  const emulators: RunningEmulator[] = [];

  before(async () => {
    // Operations outlast the client's first poll, so a kill lands while Azure is still working.
    emulator = await startEmulatedAzure({
      latency: { responseMs: 0, operationMs: 1500, retryAfterSeconds: 1 },
      log: log.write,
    });
    emulators.push(emulator);
    probe = new AzureProbe(emulator);
  });

  after(async () => {
    await Promise.all(stacks.map((s) => s.dispose()));
    await Promise.all(emulators.map((e) => e.stop()));
  });

  async function stack(initial: () => Promise<unknown>, azure = emulator): Promise<TestStack> {
    const created = await TestStack.create({
      program: initial as pulumi.automation.PulumiFn,
      env: providerEnv(azure),
    });
    stacks.push(created);
    return created;
  }

  /** Runs `op`, SIGKILLs the matching process once Azure has answered the write on `target`, returns the error. */
  async function killedDuring(op: () => Promise<unknown>, write: RegExp, victim: RegExp): Promise<Error> {
    const written = log.next(write);
    const running = op();
    await written;
    killDescendant(victim, { tree: victim === ENGINE });
    return running.then(
      () => assert.fail("the operation survived the kill"),
      (e: Error) => e,
    );
  }

  /**
   * After a killed create (or a refresh that dropped the flow log): the re-run is refused (Azure cannot tell
   * this stack's lost flow log from a namesake stack's), saying so and writing nothing; the one documented
   * step, `adoptExisting: true`, converges.
   */
  async function refusedThenAdopted(s: TestStack, args: Partial<FlowLogArgs>) {
    const mark = await probe.requestCount();
    const refused = await s.up().then(
      () => assert.fail("the re-run took over the killed run's flow log unasked"),
      (e: Error) => e,
    );
    assert.match(
      refused.message,
      /this one's project, stack and name but another owner ID.*another backend.*killed.*set `adoptExisting: true`/s,
    );
    assert.deepEqual(await probe.writesSince(mark), []);
    s.setProgram(program({ ...args, adoptExisting: true }));
    return { refused, rerun: await s.up() };
  }

  it("the engine killed mid-create: cancel, refresh, and up with adoptExisting (the one documented step) converge on the flow log Azure made", async () => {
    const target = ids.scaleVnet(101);
    const args = { targetResourceId: target, retentionPolicy: { days: 5 } };
    const s = await stack(program(args));
    const killed = await killedDuring(
      () => s.up(),
      /PUT \S*vnet-scale-101\S* flowLogs\.put -> 20[01]/,
      ENGINE,
    );
    const interrupted = await s.state();
    assert.deepEqual(
      interrupted.pending_operations?.map((p) => (p as { type: string }).type),
      ["creating"],
    );

    // What the README tells a person to do after a killed run: release the lock, refresh, up.
    await s.stack.cancel();
    const refreshed = await s.refresh({ clearPendingCreates: true });
    const { refused, rerun } = await refusedThenAdopted(s, args);
    assert.equal(rerun.result.summary.resourceChanges?.create, 1);
    const state = await s.state();
    assert.equal(state.pending_operations?.length ?? 0, 0);
    const live = await probe.flowLogOf(target);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 5]);
    const owner = (await emulator.admin.getResource(live!.id)).tags?.["pulumi-azure-flowlogs-owner"];
    assert.equal(owner, settingsIn(state)[0].outputs?.ownerId, "the flow log is tagged for this resource");
    await assertNoSecrets(emulator, s, [killed, refreshed, refused, rerun]);
  });

  it("a killed NSG create: the engine killed between configuring and tagging, cancel, refresh, and up with adoptExisting converge", async () => {
    const target = ids.NSG_WITH_DISABLED_LOG;
    const args = { targetResourceId: target, retentionPolicy: { days: 6 } };
    const s = await stack(program(args));
    // configureFlowLog enables the log; the owner tag is a separate call the kill must not strand.
    const killed = await killedDuring(
      () => s.up(),
      /POST \S*configureFlowLog configureFlowLog -> 202/,
      ENGINE,
    );
    assert.equal((await s.state()).pending_operations?.length, 1);

    await s.stack.cancel();
    const refreshed = await s.refresh({ clearPendingCreates: true });
    const { refused, rerun } = await refusedThenAdopted(s, args);
    assert.equal(rerun.result.summary.resourceChanges?.create, 1);
    const live = await probe.flowLogOf(target);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 6]);
    const owner = (await emulator.admin.getResource(live!.id)).tags?.["pulumi-azure-flowlogs-owner"];
    assert.equal(
      owner,
      settingsIn(await s.state())[0].outputs?.ownerId,
      "the flow log is tagged for this resource",
    );
    await assertNoSecrets(emulator, s, [killed, refreshed, refused, rerun]);
  });

  it("the provider host killed mid-update: refresh and up converge", async () => {
    const target = ids.scaleVnet(102);
    const s = await stack(program({ targetResourceId: target, retentionPolicy: { days: 5 } }));
    await s.up();
    s.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 9 } }));
    const killed = await killedDuring(
      () => s.up(),
      /PUT \S*vnet-scale-102\S* flowLogs\.put -> 20[01]/,
      PROVIDER_HOST,
    );
    const refreshed = await s.refresh();
    const rerun = await s.up();
    assert.equal((await probe.flowLogOf(target))?.retentionPolicy.days, 9);
    assert.deepEqual(settingsIn(await s.state())[0].outputs?.retentionPolicy, { enabled: true, days: 9 });
    assert.equal((await s.preview()).result.changeSummary.update ?? 0, 0, "no diff left");
    await assertNoSecrets(emulator, s, [killed, refreshed, rerun]);
  });

  it("the engine killed mid-update: cancel, refresh and up converge", async () => {
    const target = ids.scaleVnet(104);
    const s = await stack(program({ targetResourceId: target, enabled: true }));
    await s.up();
    s.setProgram(program({ targetResourceId: target, enabled: false }));
    const killed = await killedDuring(
      () => s.up(),
      /PUT \S*vnet-scale-104\S* flowLogs\.put -> 20[01]/,
      ENGINE,
    );
    await s.stack.cancel();
    const refreshed = await s.refresh();
    const rerun = await s.up();
    assert.equal((await probe.flowLogOf(target))?.enabled, false);
    assert.equal(settingsIn(await s.state())[0].outputs?.enabled, false);
    assert.equal((await s.state()).pending_operations?.length ?? 0, 0);
    await assertNoSecrets(emulator, s, [killed, refreshed, rerun]);
  });

  it("the engine killed mid-destroy: cancel, refresh and destroy leave the flow log disabled", async () => {
    const target = ids.scaleVnet(103);
    const s = await stack(program({ targetResourceId: target, onDestroy: "disable" }));
    await s.up();
    const killed = await killedDuring(
      () => s.destroy(),
      /PUT \S*vnet-scale-103\S* flowLogs\.put -> 20[01]/,
      ENGINE,
    );
    await s.stack.cancel();
    await s.refresh();
    const destroyed = await s.destroy();
    assert.equal((await probe.flowLogOf(target))?.enabled, false);
    assert.equal(settingsIn(await s.state()).length, 0);
    await assertNoSecrets(emulator, s, [killed, destroyed]);
  });

  it("429 storms honour Retry-After and bursts of 500s are retried, without a failed step", async () => {
    const targets = [111, 112, 113, 114].map(ids.scaleVnet);
    // One write throttled eight times in a row: more than the SDK's own retry count gives up after.
    const sustained = { pathContains: "vnet-scale-111", retryAfterSeconds: 1, count: 8 };
    await emulator.admin.injectFault([
      { operation: "flowLogs.put", kind: "status", status: 429, ...sustained },
      { operation: "flowLogs.put", kind: "status", status: 429, retryAfterSeconds: 2, count: 3 },
      { operation: "resources.get", kind: "status", status: 500, count: 3 },
      { operation: "networkWatchers.list", kind: "status", status: 500, count: 1 },
    ]);
    const s = await stack(manyFlowLogs(targets));
    const mark = await probe.requestCount();
    const up = await s.up();
    assert.equal(up.result.summary.resourceChanges?.create, 9, "the stack, four components, four flow logs");
    for (const target of targets) assert.equal((await probe.flowLogOf(target))?.enabled, true, target);

    const log = (await emulator.admin.requests()).slice(mark);
    const throttled = log.filter((r) => r.status === 429);
    assert.equal(throttled.length, 11);
    assert.equal(log.filter((r) => r.status === 500).length, 4);
    for (const refusal of throttled) {
      const retry = log.find(
        (r) => r.method === refusal.method && r.path === refusal.path && r.time > refusal.time,
      );
      assert.ok(retry, `${refusal.path} was never retried`);
      const waitedMs = Date.parse(retry.time) - Date.parse(refusal.time);
      const retryAfterMs = refusal.path.includes(sustained.pathContains) ? 1000 : 2000;
      assert.ok(waitedMs >= retryAfterMs - 100, `retried after ${waitedMs} ms despite Retry-After`);
    }
    await assertNoSecrets(emulator, s, [up]);
  });

  it("tokens that expire every few seconds are renewed mid-run, never sent stale", async () => {
    const shortLived = await startEmulatedAzure({
      latency: { responseMs: 0, operationMs: 1500, retryAfterSeconds: 1 },
      tokenLifetimeSeconds: 4,
    });
    emulators.push(shortLived);
    const targets = [121, 122, 123].map(ids.scaleVnet);
    const s = await stack(manyFlowLogs(targets, { retentionPolicy: { days: 3 } }), shortLived);
    const up = await s.up();
    s.setProgram(manyFlowLogs(targets, { retentionPolicy: { days: 4 } }));
    const changed = await s.up();
    const refreshed = await s.refresh();

    const live = await shortLived.admin.flowLogs();
    for (const target of targets)
      assert.deepEqual(live.find((f) => f.targetResourceId === target)?.retentionPolicy, {
        days: 4,
        enabled: true,
      });
    const log = await shortLived.admin.requests();
    const tokens = log.filter((r) => r.operation === "token");
    const first = Date.parse(tokens[0].time);
    const last = Date.parse(log[log.length - 1].time);
    assert.ok(last - first > 4000, "the run did not outlast one token");
    assert.ok(tokens.length >= 3, `only ${tokens.length} tokens were issued`);
    assert.deepEqual(
      log.filter((r) => r.status === 401),
      [],
      "a request went out with an expired token",
    );
    await assertNoSecrets(shortLived, s, [up, changed, refreshed]);
  });

  it("partial failure across many flow logs: the successes are recorded and a re-run finishes the rest", async () => {
    const targets = [131, 132, 133, 134, 135, 136].map(ids.scaleVnet);
    await emulator.admin.injectFault(
      ["vnet-scale-133", "vnet-scale-136"].map((name) => ({
        operation: "flowLogs.put",
        pathContains: name,
        kind: "lroFail" as const,
        message: "Injected failure.",
      })),
    );
    const s = await stack(manyFlowLogs(targets));
    const failed = await s.up().then(
      () => assert.fail("the up should have failed"),
      (e: Error) => e,
    );
    assert.match(failed.message, /vnet-scale-133: .*Injected failure/);
    assert.match(failed.message, /vnet-scale-136: .*Injected failure/);

    const recorded = settingsIn(await s.state()).map((r) => r.outputs?.targetResourceId);
    assert.deepEqual(recorded.sort(), [131, 132, 134, 135].map(ids.scaleVnet).sort());
    // Azure keeps a flowLogs resource whose first PUT failed; the provider removes the ones it made.
    assert.equal(await probe.flowLogOf(ids.scaleVnet(133)), undefined);

    const mark = await probe.requestCount();
    const rerun = await s.up();
    assert.equal(rerun.result.summary.resourceChanges?.create, 2);
    assert.deepEqual(await probe.writesSince(mark), ["flowLogs.put", "flowLogs.put"]);
    for (const target of targets) assert.equal((await probe.flowLogOf(target))?.enabled, true, target);
    await assertNoSecrets(emulator, s, [failed, rerun]);
  });

  it("a storage account changed out of band is found by refresh and put back by up", async () => {
    const target = ids.scaleVnet(141);
    const s = await stack(program({ targetResourceId: target }));
    const up = await s.up();
    await emulator.admin.patchResource(String(stackOutput(up, "flowLogId")), {
      properties: { storageId: ids.STORAGE_WEU_2 },
    });
    await s.refresh();
    assert.equal(settingsIn(await s.state())[0].outputs?.storageAccountId, ids.STORAGE_WEU_2);
    const preview = await s.preview();
    assert.deepEqual(changedKeys(preview.events, "FlowLogSettings::web"), ["storageAccountId"]);
    const fixed = await s.up();
    assert.equal((await probe.flowLogOf(target))?.storageId.toLowerCase(), ids.STORAGE_WEU.toLowerCase());
    await assertNoSecrets(emulator, s, [preview, fixed]);
  });

  it("a deleted target: refresh drops the flow log, preview says why, and once the target is back, up with adoptExisting (the one step) restores it", async () => {
    const target = ids.scaleVnet(142);
    const args = { targetResourceId: target, retentionPolicy: { days: 2 } };
    const s = await stack(program(args));
    await s.up();
    const network = await emulator.admin.getResource(target);
    await emulator.admin.deleteResource(target);

    const refreshed = await s.refresh();
    assert.equal(refreshed.result.summary.resourceChanges?.delete, 1);
    assert.equal(settingsIn(await s.state()).length, 0);
    const mark = await probe.requestCount();
    await assert.rejects(s.preview(), /targetResourceId: \S*vnet-scale-142 was not found/);
    assert.deepEqual(await probe.writesSince(mark), []);

    // The program that owns the network puts it back (here: the emulator's admin API).
    // The flow log outlived its target in the watcher, tagged with the owner ID refresh dropped from state.
    await emulator.admin.putResource(target, network);
    const { refused, rerun: restored } = await refusedThenAdopted(s, args);
    assert.equal(restored.result.summary.resourceChanges?.create, 1);
    const live = await probe.flowLogOf(target);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 2]);
    await assertNoSecrets(emulator, s, [refreshed, refused, restored]);
  });
});
