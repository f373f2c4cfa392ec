// Issue #21 item 1 through the real engine: the engine alone SIGKILLed (an out-of-memory kill in a
// pipeline) leaves its dynamic-provider host running. The orphan is paused at the kill and let go only
// after the README's recovery run, the worst moment for it to write; it must end without writing.
import * as assert from "node:assert/strict";
import { OWNER_TAG } from "../../components/azure";
import { EmulatorLog } from "../support/emulated-azure";
import { emulatedStacks, failureOf, settingsIn } from "../support/emulated-stacks";
import { flowLogProgram as program, WRITE_OPERATIONS } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import { endAll, ended, killEngineAlone, type Orphans, resume } from "../support/processes";
import * as ids from "../support/seed-ids";

describe("orphaned provider hosts (engine + emulator)", function () {
  // Several engine runs per case on a busy two-core machine; waits are on conditions.
  this.timeout(10 * 60_000);
  const log = new EmulatorLog();
  // Operations outlast the client's first poll, so the kill lands while Azure is still working.
  const suite = emulatedStacks({
    latency: { responseMs: 0, operationMs: 1500, retryAfterSeconds: 1 },
    log: log.write,
  });
  const orphans: Orphans[] = [];

  afterEach(() => {
    for (const o of orphans.splice(0)) endAll(o.left);
  });

  /** Lets the paused orphan go on (nothing else runs then); resolves with the writes Azure took from it. */
  async function letGo(orphan: Orphans): Promise<string[]> {
    const mark = await suite.probe.requestCount();
    const wrote = log.next(new RegExp(` (${WRITE_OPERATIONS.join("|")}) -> 2\\d\\d`));
    resume(orphan);
    await Promise.race([ended(orphan.host.pid), wrote]);
    return suite.probe.writesSince(mark);
  }

  it("item 1: an orphaned provider host does not write after its engine is gone: a throttled enabled: false never lands after the recovery run", async () => {
    const target = ids.scaleVnet(151);
    const s = await suite.stack(program({ targetResourceId: target, enabled: true }));
    await s.up();
    s.setProgram(program({ targetResourceId: target, enabled: false }));
    // Throttled until the test lifts it: the orphan waits out Retry-After, as under a subscription's write throttling.
    await suite.emulator.admin.injectFault({
      operation: "flowLogs.put",
      pathContains: "vnet-scale-151",
      kind: "status",
      status: 429,
      retryAfterSeconds: 5,
      count: 100_000,
    });
    const throttled = log.next(/PUT \S*vnet-scale-151\S* flowLogs\.put -> 429/);
    const running = s.up();
    await throttled;
    const outcome = failureOf(running, "the up survived the kill");
    const orphan = await killEngineAlone();
    orphans.push(orphan);
    const killed = await outcome;

    // The README's recovery, with the program reverted: release the lock, refresh, up (no changes).
    await s.stack.cancel();
    s.setProgram(program({ targetResourceId: target, enabled: true }));
    const refreshed = await s.refresh();
    const recovered = await s.up();
    assert.equal(recovered.result.summary.resourceChanges?.update ?? 0, 0);
    await suite.emulator.admin.clearFaults();

    assert.deepEqual(await letGo(orphan), [], "the orphan wrote after the recovery run");
    await ended(orphan.host.pid);
    assert.equal((await suite.probe.flowLogOf(target))?.enabled, true);
    assert.equal(settingsIn(await s.state())[0].outputs?.enabled, true);
    await assertNoSecrets(suite.emulator, s, [killed, refreshed, recovered]);
  });

  it("item 1: an orphaned provider host does not write after its engine is gone: a killed NSG create's orphan leaves the re-run's owner tag", async () => {
    const target = ids.NSG_WITH_DISABLED_LOG;
    const s = await suite.stack(program({ targetResourceId: target, retentionPolicy: { days: 6 } }));
    const configured = log.next(/POST \S*configureFlowLog configureFlowLog -> 202/);
    const running = s.up();
    await configured;
    const outcome = failureOf(running, "the up survived the kill");
    const orphan = await killEngineAlone();
    orphans.push(orphan);
    const killed = await outcome;

    await s.stack.cancel();
    const refreshed = await s.refresh({ clearPendingCreates: true });
    // The killed create's owner ID never reached state: the re-run takes its flow log back on purpose
    // (README, When a run is killed or fails).
    s.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 6 }, adoptExisting: true }));
    const rerun = await s.up();
    assert.equal(rerun.result.summary.resourceChanges?.create, 1);
    const owner = settingsIn(await s.state())[0].outputs?.ownerId;
    const ownerTag = async () => {
      const live = await suite.probe.flowLogOf(target);
      return (await suite.emulator.admin.getResource(live!.id)).tags?.[OWNER_TAG];
    };
    assert.equal(await ownerTag(), owner, "the re-run tagged the flow log for itself");

    assert.deepEqual(await letGo(orphan), [], "the orphan wrote after the re-run");
    await ended(orphan.host.pid);
    assert.equal(await ownerTag(), owner);
    // Still this stack's flow log: an update goes through.
    s.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 7 } }));
    const updated = await s.up();
    assert.equal((await suite.probe.flowLogOf(target))?.retentionPolicy.days, 7);
    await assertNoSecrets(suite.emulator, s, [killed, refreshed, rerun, updated]);
  });
});
