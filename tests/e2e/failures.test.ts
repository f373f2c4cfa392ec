// Failed and timed-out operations through the real engine: what Azure and state hold afterwards, and
// that the next `up` converges.
import * as assert from "node:assert/strict";
import { emulatedStacks, failureOf, settingsIn } from "../support/emulated-stacks";
import { flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

describe("failed and timed-out operations (engine + emulator)", function () {
  // Several engine runs per case; a busy machine makes each slower, never wrong.
  this.timeout(10 * 60_000);
  const azure = emulatedStacks();
  const stack = (program: () => Promise<unknown>) => azure.stack(program);

  afterEach(async () => {
    await azure.emulator.admin.clearFaults();
  });

  it("failed operations: a failed create leaves no flow log behind, and the next up creates it", async () => {
    const target = ids.scaleVnet(161);
    await azure.emulator.admin.injectFault({
      operation: "flowLogs.put",
      pathContains: "vnet-scale-161",
      kind: "lroFail",
      message: "Injected failure.",
    });
    const s = await stack(program({ targetResourceId: target, retentionPolicy: { days: 4 } }));
    const failed = await failureOf(s.up(), "the create should have failed");
    assert.match(failed.message, /Enabling flow logs on \S*vnet-scale-161: .*Injected failure/s);
    // Azure keeps a flowLogs resource whose first PUT failed; the provider removed the one it made.
    assert.equal(await azure.probe.flowLogOf(target), undefined);
    assert.equal(settingsIn(await s.state()).length, 0);

    const rerun = await s.up();
    assert.equal(rerun.result.summary.resourceChanges?.create, 1);
    const live = await azure.probe.flowLogOf(target);
    assert.deepEqual(
      [live?.enabled, live?.retentionPolicy.days, live?.provisioningState],
      [true, 4, "Succeeded"],
    );
    await assertNoSecrets(azure.emulator, s, [failed, rerun]);
  });

  it("failed operations: a failed update keeps Azure's previous settings (marked Failed) and state as they were", async () => {
    const target = ids.scaleVnet(162);
    const s = await stack(program({ targetResourceId: target, retentionPolicy: { days: 4 } }));
    await s.up();
    const recorded = async () => settingsIn(await s.state()).map((r) => [r.inputs, r.outputs]);
    const before = await recorded();
    s.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 8 } }));
    await azure.emulator.admin.injectFault({
      operation: "flowLogs.put",
      pathContains: "vnet-scale-162",
      kind: "lroFail",
      message: "Injected failure.",
    });
    const failed = await failureOf(s.up(), "the update should have failed");
    assert.match(failed.message, /Updating flow logs on \S*vnet-scale-162: .*Injected failure/s);
    const live = await azure.probe.flowLogOf(target);
    assert.deepEqual(
      [live?.enabled, live?.retentionPolicy.days, live?.provisioningState],
      [true, 4, "Failed"],
    );
    assert.deepEqual(await recorded(), before);
    await s.up();
    assert.deepEqual((await azure.probe.flowLogOf(target))?.retentionPolicy.days, 8);
    await assertNoSecrets(azure.emulator, s, [failed]);
  });

  it("timeouts: customTimeouts bounds the whole create, every call and wait included, not each call", async () => {
    const target = ids.scaleVnet(163);
    // Preview's reads wait out their own throttling (preview is not the create). The create's PUT is
    // throttled three times for 2 s each: every wait is under the 5 s bound, together they pass it, so the
    // deadline ends the create before the PUT lands.
    await azure.emulator.admin.injectFault(
      [
        { operation: "networkWatchers.list", count: 2 },
        { operation: "resources.get", count: 2 },
        { operation: "flowLogs.put", count: 3 },
      ].map((rule) => ({ ...rule, kind: "status" as const, status: 429, retryAfterSeconds: 2 })),
    );
    const s = await stack(program({ targetResourceId: target }, "web", { customTimeouts: { create: "5s" } }));
    const timedOut = await failureOf(s.up(), "the create outlived its customTimeouts");
    assert.match(timedOut.message, /did not finish within the operation's limit of 5 s/);
    assert.match(timedOut.message, /customTimeouts/);
    assert.equal((await azure.probe.flowLogOf(target))?.enabled ?? false, false);
    assert.equal(settingsIn(await s.state()).length, 0);

    await azure.emulator.admin.clearFaults();
    s.setProgram(program({ targetResourceId: target }, "web", { customTimeouts: { create: "10m" } }));
    const rerun = await s.up();
    assert.equal(rerun.result.summary.resourceChanges?.create, 1);
    assert.equal((await azure.probe.flowLogOf(target))?.enabled, true);
    await assertNoSecrets(azure.emulator, s, [timedOut, rerun]);
  });
});
