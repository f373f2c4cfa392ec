// Issue #21 items 2 to 4 through the real engine: NsgFlowLogMigration after a killed run, with a plan
// gone stale, and with a covering flow log renamed. The emulator's ordered flow-log changes, replayed
// NIC by NIC, show whether a NIC logged at the start was ever left unlogged.
import * as assert from "node:assert/strict";
import type { MigrationFlowLog } from "../../components";
import { EmulatorLog } from "../support/emulated-azure";
import { failureOf } from "../support/emulated-stacks";
import { stackOutput } from "../support/engine";
import { flowLogProgram } from "../support/flow-log-program";
import { migration, SUBNET_WEB, seedPerTest, subnetLog } from "../support/migration-seed";
import { assertNoSecrets } from "../support/no-secrets";
import { ENGINE, killDescendant } from "../support/processes";
import * as ids from "../support/seed-ids";

describe("NsgFlowLogMigration after kills, stale plans and renames (engine + emulator)", function () {
  // Several engine runs per case on a busy two-core machine; waits are on conditions.
  this.timeout(10 * 60_000);
  const log = new EmulatorLog();
  // Operations outlast the client's first poll, so a kill lands while Azure is still working.
  const seed = seedPerTest({
    latency: { responseMs: 0, operationMs: 1500, retryAfterSeconds: 1 },
    log: log.write,
  });

  it("item 2: a migration rolled back after a kill and a re-run enables again every NSG flow log it disabled", async () => {
    const s = await seed.stack(
      migration({
        flowLogs: [subnetLog("web", SUBNET_WEB)],
        nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["web"] }],
      }),
    );
    // The handover's disable reaches Azure, which finishes it after the engine and its provider host are gone.
    const disabling = log.next(/POST \S*configureFlowLog configureFlowLog -> 202/);
    const running = s.up();
    await disabling;
    killDescendant(ENGINE, { tree: true });
    const killed = await failureOf(running, "the up survived the kill");

    await s.stack.cancel();
    const refreshed = await s.refresh({ clearPendingCreates: true });
    const rerun = await s.up();
    assert.deepEqual(stackOutput(rerun, "disabled"), [ids.NSG_WITH_ENABLED_LOG]);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, false);

    s.setProgram(async () => ({}));
    const rollback = await s.up();
    const nsgLog = await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG);
    assert.equal(nsgLog?.enabled, true);
    assert.deepEqual(
      Object.keys((await seed.emulator.admin.getResource(nsgLog!.id)).tags ?? {}),
      [],
      "the handover's tag is left on the NSG flow log",
    );
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [killed, refreshed, rerun, rollback]);
  });

  it("item 3: a handover with an empty after reads the existing covering flow logs again: disabled or Failed is no coverage", async () => {
    // A subnet flow log made elsewhere covers nsg-web's NICs when the plan is made.
    const existing = await seed.stack(flowLogProgram({ targetResourceId: SUBNET_WEB }, "existing"));
    const subnetLogId = stackOutput(await existing.up(), "flowLogId") as string;
    const s = await seed.stack(
      migration({
        flowLogs: [],
        nsgFlowLogs: [
          { targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: [], coveredByExisting: [subnetLogId] },
        ],
      }),
    );
    // Switched off while the plan waited in a pull request.
    await seed.emulator.admin.patchResource(subnetLogId, { properties: { enabled: false } });
    const mark = await seed.probe.requestCount();
    const off = await failureOf(s.up(), "the handover disabled the NSG flow log with its coverage off");
    const waiting = (why: string) =>
      new RegExp(
        `the flow log of \\S*nsg-web stays enabled until every flow log it waits for is enabled and Succeeded \\(\\S*${why}\\)`,
      );
    assert.match(off.message, waiting("flowLogs/[^:]+: disabled"));
    await seed.emulator.admin.patchResource(subnetLogId, {
      properties: { enabled: true, provisioningState: "Failed" },
    });
    const failed = await failureOf(s.up(), "the handover trusted a Failed flow log");
    assert.match(failed.message, waiting("flowLogs/[^:]+: provisioning state Failed"));
    assert.deepEqual(await seed.probe.writesSince(mark), []);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, true);

    await seed.emulator.admin.patchResource(subnetLogId, { properties: { provisioningState: "Succeeded" } });
    const up = await s.up();
    assert.deepEqual(stackOutput(up, "disabled"), [ids.NSG_WITH_ENABLED_LOG]);
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [off, failed, up]);
  });

  it("item 4: a new flowLogName for a flow log an NSG flow log was handed over to is refused at preview, never deleted first", async () => {
    const web: MigrationFlowLog = subnetLog("web", SUBNET_WEB);
    const plan = (flowLog: MigrationFlowLog) =>
      migration({
        flowLogs: [flowLog],
        nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["web"] }],
      });
    const s = await seed.stack(plan(web));
    await s.up();
    const before = await seed.probe.flowLogOf(SUBNET_WEB);
    s.setProgram(plan({ ...web, args: { ...web.args, flowLogName: "web-renamed" } }));
    const mark = await seed.probe.requestCount();
    const refused = await failureOf(s.preview(), "the rename was previewed as a replacement");
    assert.match(
      refused.message,
      /flowLogName: this change replaces a flow log of an NsgFlowLogMigration \(flowLogName\).*Nothing was changed.*remove it from `flowLogs` and the NSGs that wait for it from `nsgFlowLogs`/s,
    );
    const failed = await failureOf(s.up(), "the rename replaced the flow log");
    assert.match(failed.message, /flowLogName: this change replaces a flow log of an NsgFlowLogMigration/);
    assert.deepEqual(await seed.probe.writesSince(mark), []);
    assert.deepEqual(await seed.probe.flowLogOf(SUBNET_WEB), before);
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [refused, failed]);
  });
});
