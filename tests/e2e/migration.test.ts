// NsgFlowLogMigration through the real engine against the emulator: preview writes nothing, up hands
// each NSG flow log over only after its covering flow logs run, a failure half way converges on the
// next up, and rollback enables again exactly what the migration disabled. The emulator reports every
// committed flow-log change in order; replaying them shows no NIC logged at the start is ever unlogged.
import * as assert from "node:assert/strict";
import { FlowLog } from "../../components";
import { logs } from "../support/coverage-timeline";
import { failureOf } from "../support/emulated-stacks";
import { stackOutput, stepOps, type TestStack } from "../support/engine";
import {
  assertNicsLoggedBeforeNsgOff,
  migration,
  NIC_WEB_02,
  nicLog,
  SUBNET_WEB,
  seedPerTest,
  subnetLog,
  upFailingAtNicWeb02,
} from "../support/migration-seed";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

describe("NsgFlowLogMigration (engine + emulator)", function () {
  // Several engine runs per case on a busy two-core machine; waits are on the engine's answers.
  this.timeout(10 * 60_000);
  const seed = seedPerTest();

  /** nsg-web migrated to a subnet flow log, then its flow log switched on again in the portal. */
  async function migratedThenSwitchedOnAgain(): Promise<TestStack> {
    const s = await seed.stack(
      migration({
        flowLogs: [subnetLog("web", SUBNET_WEB)],
        nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["web"] }],
      }),
    );
    await s.up();
    const nsgLog = await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG);
    await seed.emulator.admin.patchResource(nsgLog!.id, { properties: { enabled: true } });
    return s;
  }

  it("preview shows the whole plan and writes nothing; up hands over after Succeeded; rollback re-enables only what it disabled", async () => {
    const plan = {
      create: [subnetLog("web", SUBNET_WEB), subnetLog("app", ids.SUBNET_APP)],
      disable: [
        { targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["web"], reason: "covered by web" },
        // Its flow log is off already: the migration leaves it off, and so does the rollback.
        { targetResourceId: ids.NSG_WITH_DISABLED_LOG, after: ["app"], reason: "covered by app" },
      ],
    };
    const s = await seed.stack(migration({ flowLogs: plan.create, nsgFlowLogs: plan.disable }));

    const mark = await seed.probe.requestCount();
    const preview = await s.preview();
    assert.deepEqual(await seed.probe.writesSince(mark), [], "preview wrote to Azure");
    const planned = [...stepOps(preview.events).entries()]
      .filter(([, op]) => op === "create")
      .map(([urn]) => urn);
    for (const name of ["move-web", "move-app", "move-rg-network-nsg-web", "move-rg-network-nsg-app"])
      assert.ok(
        planned.some((urn) => urn.endsWith(`::${name}`)),
        `${name} is not in the preview: ${planned.join(", ")}`,
      );
    assert.match(preview.stdout, /NsgFlowLogHandover/);

    const up = await s.up();
    assert.deepEqual(stackOutput(up, "disabled"), [ids.NSG_WITH_ENABLED_LOG]);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, false);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_DISABLED_LOG))?.enabled, false);
    for (const subnet of [SUBNET_WEB, ids.SUBNET_APP]) {
      const live = await seed.probe.flowLogOf(subnet);
      assert.deepEqual([live?.enabled, live?.provisioningState], [true, "Succeeded"]);
    }
    const subnetOn = seed.timeline.indexOf(SUBNET_WEB, logs);
    const nsgOff = seed.timeline.indexOf(ids.NSG_WITH_ENABLED_LOG, (f) => !f.enabled);
    assert.ok(
      subnetOn >= 0 && subnetOn < nsgOff,
      "the NSG flow log went off before its subnet's flow log ran",
    );
    assert.equal(
      seed.timeline.indexOf(ids.NSG_WITH_DISABLED_LOG, () => true),
      -1,
      "the disabled NSG flow log was written",
    );

    const again = await s.preview();
    assert.deepEqual(
      [...stepOps(again.events).values()].filter((op) => op !== "same"),
      [],
      "a second preview shows changes",
    );

    const rollbackFrom = seed.timeline.changes.length;
    s.setProgram(async () => ({}));
    const rollback = await s.up();
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, true);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_DISABLED_LOG))?.enabled, false);
    const nsgOn = seed.timeline.indexOf(ids.NSG_WITH_ENABLED_LOG, (f) => f.enabled, rollbackFrom);
    const subnetOff = seed.timeline.indexOf(SUBNET_WEB, (f) => !logs(f), rollbackFrom);
    assert.ok(
      nsgOn >= 0 && nsgOn < subnetOff,
      "the subnet's flow log went before the NSG flow log was back on",
    );
    assert.equal(
      seed.timeline.indexOf(ids.NSG_WITH_DISABLED_LOG, () => true, rollbackFrom),
      -1,
    );
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [preview, up, rollback]);
  });

  it("a flow log failing half way keeps the NSG flow log on; the next up converges, never a NIC unlogged", async () => {
    const s = await seed.stack(
      migration({
        flowLogs: [nicLog("nic-1", ids.NIC_WEB), nicLog("nic-2", NIC_WEB_02)],
        nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["nic-1", "nic-2"] }],
      }),
    );
    const failed = await upFailingAtNicWeb02(seed, s);

    const rerun = await s.up();
    assert.deepEqual(stackOutput(rerun, "disabled"), [ids.NSG_WITH_ENABLED_LOG]);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, false);
    assertNicsLoggedBeforeNsgOff(seed.timeline);
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [failed, rerun]);
  });

  it("refresh finds the NSG flow log switched on again in the portal; the next up hands it over again", async () => {
    const s = await migratedThenSwitchedOnAgain();
    await s.refresh();
    const mark = await seed.probe.requestCount();
    const up = await s.up();
    assert.deepEqual(await seed.probe.writesSince(mark), ["configureFlowLog"]);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, false);
    // Still its own to give back: the rollback turns it on.
    s.setProgram(async () => ({}));
    await s.up();
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, true);
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [up]);
  });

  it("refuses to hand over while a covering flow log is not Succeeded, and changes nothing", async () => {
    const s = await migratedThenSwitchedOnAgain();
    // The subnet's flow log broken since: the handover must wait for it.
    const subnetLogId = (await seed.probe.flowLogOf(SUBNET_WEB))!.id;
    await seed.emulator.admin.patchResource(subnetLogId, { properties: { provisioningState: "Failed" } });
    await s.refresh();
    const mark = await seed.probe.requestCount();
    const refused = await failureOf(s.up(), "the handover should have waited");
    assert.match(
      refused.message,
      /the flow log of \S*nsg-web stays enabled until every flow log it waits for is enabled and Succeeded \(web: provisioning state Failed\)/,
    );
    assert.deepEqual(await seed.probe.writesSince(mark), []);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, true);
    await assertNoSecrets(seed.emulator, s, [refused]);
  });

  it("leaves an NSG flow log a FlowLog manages alone: in the same program at preview, in another stack at up", async () => {
    const plan = {
      flowLogs: [subnetLog("app", ids.SUBNET_APP)],
      nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_DISABLED_LOG, after: ["app"] }],
    };
    const managed = { targetResourceId: ids.NSG_WITH_DISABLED_LOG, storageAccountId: ids.STORAGE_WEU };
    const both = await seed.stack(async () => {
      new FlowLog("nsg-app", managed);
      await migration(plan)();
    });
    const mark = await seed.probe.requestCount();
    const clash = await failureOf(both.preview(), "a FlowLog and a migration on one NSG were accepted");
    assert.match(clash.message, /nsg-app is also the target of/);
    assert.deepEqual(await seed.probe.writesSince(mark), []);

    // Another stack's FlowLog turns the NSG flow log on and tags it: the migration refuses to disable it.
    await (await seed.stack(async () => new FlowLog("nsg-app", managed))).up();
    const s = await seed.stack(migration(plan));
    const refused = await failureOf(s.up(), "the migration disabled a managed NSG flow log");
    assert.match(refused.message, /nsg-app is managed by a FlowLog resource \(owner tag [0-9a-f.]+\)/);
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_DISABLED_LOG))?.enabled, true);
    await assertNoSecrets(seed.emulator, s, [clash, refused]);
  });
});
