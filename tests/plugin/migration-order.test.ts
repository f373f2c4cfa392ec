// NsgFlowLogMigration as a remote component, constructed by the provider plugin: the same NIC-by-NIC order
// as the TypeScript path (tests/e2e/migration.test.ts). The emulator reports every committed flow-log
// change in order; replaying them shows that each NSG flow log goes off only after the NIC and subnet
// flow logs it waits for run, that rollback turns it back on before they go, and that no NIC logged at
// the start is ever unlogged, even when a flow log fails half way.
import * as assert from "node:assert/strict";
import type { NsgFlowLogMigrationArgs } from "../../components";
import { logs } from "../support/coverage-timeline";
import { stackOutput } from "../support/engine";
import {
  assertNicsLoggedBeforeNsgOff,
  NIC_WEB_02,
  nicLog,
  SUBNET_WEB,
  seedPerTest,
  subnetLog,
  upFailingAtNicWeb02,
} from "../support/migration-seed";
import { assertNoSecrets } from "../support/no-secrets";
import { pluginEnv, RemoteNsgFlowLogMigration, typesByName } from "../support/plugin";
import * as ids from "../support/seed-ids";

function remoteMigration(args: NsgFlowLogMigrationArgs) {
  return async () => {
    const m = new RemoteNsgFlowLogMigration("move", args);
    return { disabled: m.disabledNsgFlowLogs };
  };
}

describe("NsgFlowLogMigration through the provider plugin: the order, NIC by NIC (engine + emulator)", function () {
  this.timeout(10 * 60_000);
  const seed = seedPerTest();

  it("a NIC flow log failing half way keeps the NSG flow log on; the rerun hands over after both NICs' logs run; rollback turns it on before they go", async () => {
    const s = await seed.stack(
      remoteMigration({
        flowLogs: [
          nicLog("nic-1", ids.NIC_WEB),
          nicLog("nic-2", NIC_WEB_02),
          subnetLog("app", ids.SUBNET_APP),
        ],
        nsgFlowLogs: [
          { targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: ["nic-1", "nic-2"] },
          { targetResourceId: ids.NSG_WITH_DISABLED_LOG, after: ["app"] },
        ],
      }),
      pluginEnv(seed.emulator),
    );
    const failed = await upFailingAtNicWeb02(seed, s);

    const rerun = await s.up();
    assert.deepEqual(stackOutput(rerun, "disabled"), [ids.NSG_WITH_ENABLED_LOG]);
    const types = typesByName((await s.state()).resources);
    assert.equal(types["move-nic-1"], "azure-flowlogs:index:FlowLogSettings");
    assert.equal(types["move-rg-network-nsg-web"], "azure-flowlogs:index:NsgFlowLogHandover");
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, false);
    assert.equal(await seed.probe.flowLogOf(SUBNET_WEB), undefined, "only the NICs' flow logs replace it");
    assertNicsLoggedBeforeNsgOff(seed.timeline);
    assert.equal(
      seed.timeline.indexOf(ids.NSG_WITH_DISABLED_LOG, () => true),
      -1,
      "the disabled NSG flow log was written",
    );

    const rollbackFrom = seed.timeline.changes.length;
    s.setProgram(async () => ({}));
    const rollback = await s.up();
    assert.equal((await seed.probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.enabled, true);
    const nsgOn = seed.timeline.indexOf(ids.NSG_WITH_ENABLED_LOG, (f) => f.enabled, rollbackFrom);
    const nicsOff = [ids.NIC_WEB, NIC_WEB_02].map((nic) =>
      seed.timeline.indexOf(nic, (f) => !logs(f), rollbackFrom),
    );
    assert.ok(
      nsgOn >= 0 && nicsOff.every((i) => i > nsgOn),
      `NSG on at ${nsgOn}, NIC logs gone at ${nicsOff}`,
    );
    assert.deepEqual(seed.timeline.gaps, []);
    await assertNoSecrets(seed.emulator, s, [failed, rerun, rollback]);
  });
});
