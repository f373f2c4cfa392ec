// The migration planner on small topologies: which flow logs it creates at each scope and why, what it
// disables after them, and the coverage check.
import * as assert from "node:assert/strict";
import { OWNER_TAG } from "../../components/azure/normalize";
import { planMigration } from "../../components/migration";
import type { MigrationPlan } from "../../components/migration/plan-types";
import {
  nicId,
  nsgId,
  STORAGE_B,
  scaleSetNicId,
  subnetId,
  TopologyBuilder,
  vnetId,
  WATCHER,
  WORKSPACE,
} from "./topology-builder";

const targets = (plan: MigrationPlan) => plan.create.map((c) => c.args.targetResourceId);
const coveredOnce = (plan: MigrationPlan) => plan.coverage.nics.every((n) => n.coveredBy.length === 1);

describe("migration planner", () => {
  it("takes one VNet flow log when every subnet is logged alike, and disables the NSG logs after it", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-web", {})
        .nsg("nsg-app", {})
        .vnet("vnet-a", ["web:nsg-web", "app:nsg-app"])
        .nic("web-1", "vnet-a/web")
        .nic("app-1", "vnet-a/app")
        .build(),
      "auto",
    );
    assert.deepEqual(targets(plan), [vnetId("vnet-a")]);
    const [vnet] = plan.create;
    assert.equal(vnet.name, "vnet-a-rg-net-flowlog");
    assert.deepEqual(vnet.covers.sort(), [nicId("app-1"), nicId("web-1")]);
    assert.match(
      vnet.reason,
      /every subnet of vnet-a \(2 subnets, 2 NICs\) is logged today with equal settings, by nsg-web, nsg-app/,
    );
    assert.deepEqual(vnet.args.networkWatcher, {
      resourceGroupName: "NetworkWatcherRG",
      name: "NetworkWatcher_westeurope",
    });
    assert.equal(vnet.args.flowLogName, vnet.name);
    assert.deepEqual(
      plan.disable.map((d) => [d.targetResourceId, d.after]),
      [
        [nsgId("nsg-app"), [vnet.name]],
        [nsgId("nsg-web"), [vnet.name]],
      ],
    );
    assert.ok(coveredOnce(plan));
    assert.deepEqual([plan.coverage.gaps, plan.coverage.overlaps, plan.coverage.conflicts], [[], [], []]);
  });

  it("stops at the subnet when another subnet differs, naming the difference", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-web", {})
        .nsg("nsg-app", { retentionPolicy: { enabled: true, days: 30 } })
        .vnet("vnet-a", ["web:nsg-web", "app:nsg-app"])
        .nic("web-1", "vnet-a/web")
        .nic("web-2", "vnet-a/web")
        .nic("app-1", "vnet-a/app")
        .build(),
      "auto",
    );
    assert.deepEqual(targets(plan), [subnetId("vnet-a", "web"), subnetId("vnet-a", "app")]);
    assert.equal(plan.create[0].name, "vnet-a-web-rg-net-flowlog");
    assert.match(plan.create[0].reason, /retention 90 days vs 30 days/);
    assert.equal(plan.create[1].args.retentionPolicy.days, 30);
    assert.ok(coveredOnce(plan));
  });

  it("keeps NIC-level NSG logs at NIC level, and lists a NIC nothing logs as a gap", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-1", {})
        .nsg("nsg-2", { format: { type: "JSON", version: 1 } })
        .nsg("nsg-3")
        .vnet("vnet-a", ["default"])
        .nic("nic-1", "vnet-a/default", "nsg-1")
        .nic("nic-2", "vnet-a/default", "nsg-2")
        .nic("nic-3", "vnet-a/default", "nsg-3")
        .build(),
      "auto",
    );
    assert.deepEqual(targets(plan), [nicId("nic-1"), nicId("nic-2")]);
    assert.equal(plan.create[1].args.format.version, 1);
    assert.match(
      plan.create[0].reason,
      /subnet default cannot take one flow log because NIC nic-3 is not logged today \(nsg-3 has no flow log, so nothing logs it today\); NIC nic-1 is logged alone, like today, by nsg-1 \(retention 90 days, format version 2/,
    );
    assert.deepEqual(
      plan.coverage.gaps.map((g) => g.nicId),
      [nicId("nic-3")],
    );
    assert.match(
      plan.coverage.gaps[0].reason,
      /nsg-3 has no flow log, so nothing logs it today; the plan keeps it unlogged/,
    );
  });

  it("aggregates NICs with equal NIC-level logs into a subnet flow log", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-1", {})
        .nsg("nsg-2", {})
        .vnet("vnet-a", ["default", "empty"])
        .nic("nic-1", "vnet-a/default", "nsg-1")
        .nic("nic-2", "vnet-a/default", "nsg-2")
        .build(),
      "auto",
    );
    assert.deepEqual(targets(plan), [subnetId("vnet-a", "default")]);
    assert.match(
      plan.create[0].reason,
      /subnet empty has no NIC and no NSG flow log, and a wider flow log would start logging it/,
    );
  });

  it("settles a NIC whose own NSG and subnet NSG disagree on its own NSG's settings, as a conflict", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-subnet", {})
        .nsg("nsg-nic", { storageId: STORAGE_B })
        .vnet("vnet-a", ["default:nsg-subnet"])
        .nic("nic-1", "vnet-a/default")
        .nic("nic-2", "vnet-a/default", "nsg-nic")
        .build(),
      "auto",
    );
    assert.deepEqual(targets(plan), [nicId("nic-1"), nicId("nic-2")]);
    assert.equal(plan.create[1].args.storageAccountId, STORAGE_B);
    assert.deepEqual(
      plan.coverage.conflicts.map((c) => [c.nicId, c.chosen]),
      [[nicId("nic-2"), `${WATCHER}/flowLogs/Microsoft.Networkrg-netnsg-nic`]],
    );
    assert.match(
      plan.coverage.conflicts[0].reason,
      /\(storage logsb vs logsa\); the plan copies the NIC's own NSG flow log/,
    );
    assert.deepEqual(
      plan.disable.find((d) => d.targetResourceId === nsgId("nsg-subnet"))?.after.sort(),
      plan.create.map((c) => c.name).sort(),
    );
    assert.ok(coveredOnce(plan));
  });

  it("covers scale-set NICs at subnet level, never with a NIC flow log", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-vmss", {})
        .nsg("nsg-other", { retentionPolicy: { enabled: true, days: 7 } })
        .vnet("vnet-a", ["vmss", "other:nsg-other"])
        .scaleSetNic("vmss-1", 0, "vnet-a/vmss", "nsg-vmss")
        .scaleSetNic("vmss-1", 1, "vnet-a/vmss", "nsg-vmss")
        .nic("nic-1", "vnet-a/vmss", "nsg-other")
        .build(),
      "nic",
    );
    assert.deepEqual(targets(plan), [subnetId("vnet-a", "vmss")]);
    assert.deepEqual(
      plan.create[0].covers.sort(),
      [nicId("nic-1"), scaleSetNicId("vmss-1", 0), scaleSetNicId("vmss-1", 1)].sort(),
    );
    assert.match(plan.create[0].reason, /holds 2 scale-set NICs, which take no NIC flow log/);
    assert.deepEqual(
      plan.coverage.conflicts.map((c) => c.nicId),
      [nicId("nic-1")],
    );
    assert.ok(coveredOnce(plan));
  });

  it("creates nothing where an existing VNet flow log already logs every NIC, yet still disables the NSG log", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-hub", {})
        .vnet("vnet-hub", ["shared:nsg-hub"])
        .nic("hub-1", "vnet-hub/shared")
        .flowLog(vnetId("vnet-hub"), "virtualNetwork", "hub-platform")
        .build(),
      "auto",
    );
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.disable[0].after, []);
    assert.match(plan.disable[0].reason, /logged by the existing flow log hub-platform/);
    assert.deepEqual(plan.coverage.nics[0].coveredBy, [`${WATCHER}/flowLogs/hub-platform`]);
  });

  it("item 3: names the existing flow logs covering an NSG's NICs, for the handover to read again", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-hub", {})
        .vnet("vnet-hub", ["shared:nsg-hub", "apps:nsg-hub"])
        .nic("hub-1", "vnet-hub/shared")
        .nic("hub-2", "vnet-hub/apps")
        .flowLog(subnetId("vnet-hub", "shared"), "subnet", "hub-shared")
        .flowLog(subnetId("vnet-hub", "apps"), "subnet", "hub-apps")
        .build(),
      "auto",
    );
    assert.deepEqual(plan.disable[0].after, []);
    assert.deepEqual(plan.disable[0].coveredByExisting.sort(), [
      `${WATCHER}/flowLogs/hub-apps`,
      `${WATCHER}/flowLogs/hub-shared`,
    ]);
  });

  it("at scope vnet, lists NICs an existing subnet flow log also logs as overlaps, and says whom it starts logging", () => {
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-app", {})
        .vnet("vnet-a", ["ops", "app:nsg-app", "jobs"])
        .nic("ops-1", "vnet-a/ops")
        .nic("app-1", "vnet-a/app")
        .nic("jobs-1", "vnet-a/jobs")
        .flowLog(subnetId("vnet-a", "ops"), "subnet", "ops-log")
        .build(),
      "vnet",
    );
    assert.deepEqual(targets(plan), [vnetId("vnet-a")]);
    assert.match(
      plan.create[0].reason,
      /scope vnet: vnet-a takes one flow log: .*starts logging 1 NIC not logged today \(jobs-1\)/,
    );
    assert.deepEqual(
      plan.coverage.overlaps.map((o) => [o.nicId, o.coveredBy]),
      [[nicId("ops-1"), [`${WATCHER}/flowLogs/ops-log`, plan.create[0].name]]],
    );
    assert.deepEqual(plan.coverage.gaps, []);
  });

  it("copies storage, retention, format and traffic analytics, and keeps tags, identity and filtering", () => {
    const identity =
      "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/fl";
    const plan = planMigration(
      new TopologyBuilder()
        .nsg("nsg-1", {
          retentionPolicy: { enabled: false, days: 0 },
          trafficAnalytics: {
            enabled: true,
            workspaceResourceId: WORKSPACE,
            workspaceId: "guid",
            workspaceRegion: "westeurope",
            intervalInMinutes: 10,
          },
          tags: { env: "prod", [OWNER_TAG]: "urn:pulumi:old" },
          identity,
          enabledFilteringCriteria: "DstPort=443",
          recordTypes: ["E", "B"],
        })
        .vnet("vnet-a", ["default:nsg-1"])
        .nic("nic-1", "vnet-a/default")
        .build(),
      "subnet",
    );
    const { flowLogName, networkWatcher, targetResourceId, ...copied } = plan.create[0].args;
    assert.deepEqual(copied, {
      storageAccountId: `${WORKSPACE.split("/providers/")[0]}/providers/Microsoft.Storage/storageAccounts/logsa`,
      enabled: true,
      retentionPolicy: { enabled: false, days: 0 },
      format: { type: "JSON", version: 2 },
      trafficAnalytics: {
        enabled: true,
        workspaceResourceId: WORKSPACE,
        workspaceId: "guid",
        workspaceRegion: "westeurope",
        intervalInMinutes: 10,
      },
      tags: { env: "prod" },
      identity,
      enabledFilteringCriteria: "DstPort=443",
      recordTypes: ["B", "E"],
    });
    assert.deepEqual(
      [flowLogName, networkWatcher.name, targetResourceId],
      [plan.create[0].name, "NetworkWatcher_westeurope", subnetId("vnet-a", "default")],
    );
  });

  it("names flow logs <target>-<rg>-flowlog within 80 characters, unique, and reuses a disabled flow log on the target", () => {
    const long = "v".repeat(90);
    const builder = new TopologyBuilder()
      .nsg("nsg-1", {})
      .nsg("nsg-2", { format: { type: "JSON", version: 1 } });
    builder.vnet(long, ["a:nsg-1", "b:nsg-2"]).nic("n1", `${long}/a`).nic("n2", `${long}/b`);
    builder.vnet("vnet-b", ["default:nsg-1"]).nic("n3", "vnet-b/default");
    builder.flowLog(subnetId("vnet-b", "default"), "subnet", "old-disabled", { enabled: false });
    const plan = planMigration(builder.build(), "subnet");
    const names = plan.create.map((c) => c.name);
    assert.ok(
      names.every((n) => n.length <= 80),
      names.join(),
    );
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(names, [
      "old-disabled",
      `${"v".repeat(80 - "-flowlog".length)}-flowlog`,
      `${"v".repeat(80 - "-2-flowlog".length)}-2-flowlog`,
    ]);
    assert.match(plan.create[0].reason, /updates the disabled flow log old-disabled already on this target/);
  });

  it("explains NICs behind a disabled NSG log, NSGs attached to nothing, and flow logs of deleted NSGs", () => {
    const builder = new TopologyBuilder()
      .nsg("nsg-off", { enabled: false })
      .nsg("nsg-orphan", {})
      .vnet("vnet-a", ["db:nsg-off"])
      .nic("db-1", "vnet-a/db")
      .flowLog(nsgId("nsg-gone"), "networkSecurityGroup", "gone");
    const plan = planMigration(builder.build(), "auto");
    assert.deepEqual(plan.create, []);
    assert.match(plan.coverage.gaps[0].reason, /the flow log of nsg-off is disabled/);
    assert.deepEqual(
      plan.disable.map((d) => [d.targetResourceId, d.after]),
      [
        [nsgId("nsg-gone"), []],
        [nsgId("nsg-orphan"), []],
      ],
    );
    assert.match(plan.disable[0].reason, /nsg-gone no longer exists in this region/);
    assert.match(
      plan.disable[1].reason,
      /attached to no subnet or NIC in this region, so its flow log logs nothing/,
    );
  });
});
