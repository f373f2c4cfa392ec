// NSG associations in the emulator as ARM models them, read through the official SDK against the estate
// seed: subnets and NICs name their NSG, the NSG names them back, scale-set NICs come from the
// Microsoft.Compute paths, and the lists a migration plan reads.
import * as assert from "node:assert/strict";
import type { NetworkManagementClient } from "@azure/arm-network";
import type { RunningEmulator } from "../../emulator";
import { startEmulatedAzure } from "../support/emulated-azure";
import * as estate from "../support/estate-ids";
import { arm, networkClient } from "./raw-arm";

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const lower = (ids: (string | undefined)[]) => ids.map((id) => id?.toLowerCase()).sort();

describe("emulator: NSG associations and the reads of a migration plan (estate seed)", () => {
  let emu: RunningEmulator;
  let client: NetworkManagementClient;

  before(async () => {
    emu = await startEmulatedAzure({ seed: "estate" });
    client = networkClient(emu, estate.ESTATE_SUBSCRIPTION);
  });
  after(() => emu.stop());

  it("lists the subscription's NSGs with the subnets and NICs attached to each", async () => {
    const nsgs = await all(client.networkSecurityGroups.listAll());
    assert.ok(nsgs.length >= 20, `tens of NSGs, got ${nsgs.length}`);
    const shared = nsgs.find((n) => n.name === "nsg-shared-weu")!;
    assert.deepEqual(
      lower(shared.subnets!.map((s) => s.id)),
      lower([
        estate.subnet("rg-app-weu", "vnet-app-weu", "frontend"),
        estate.subnet("rg-app-weu", "vnet-app-weu", "backend"),
        estate.subnet("rg-app-weu", "vnet-batch-weu", "default"),
      ]),
    );
    assert.equal(shared.networkInterfaces, undefined, "ARM leaves out empty back-references");
    const vmss = nsgs.find((n) => n.name === "nsg-vmss-weu")!;
    assert.deepEqual(
      lower(vmss.networkInterfaces!.map((n) => n.id)),
      lower([0, 1, 2].map((i) => estate.scaleSetNic("rg-app-weu", "vmss-app-weu", i))),
    );
    assert.equal(vmss.flowLogs?.length, 1);
    const inGroup = await all(client.networkSecurityGroups.list("rg-legacy-weu"));
    assert.equal(inGroup.length, 10);
  });

  it("shows subnets inline in their VNet and on their own, with their NSG and the NICs placed in them", async () => {
    const vnets = await all(client.virtualNetworks.listAll());
    const app = vnets.find((v) => v.name === "vnet-app-weu")!;
    assert.deepEqual(app.subnets!.map((s) => s.name).sort(), ["backend", "frontend", "scaleset"]);
    const scaleset = app.subnets!.find((s) => s.name === "scaleset")!;
    assert.equal(scaleset.networkSecurityGroup, undefined);
    assert.equal(scaleset.ipConfigurations?.length, 3);
    assert.match(
      scaleset.ipConfigurations![0].id!,
      /virtualMachineScaleSets\/vmss-app-weu\/virtualMachines\/\d\/networkInterfaces\//,
    );
    const backend = await client.subnets.get("rg-app-weu", "vnet-app-weu", "backend");
    assert.equal(backend.networkSecurityGroup?.id, estate.nsg("rg-app-weu", "nsg-shared-weu"));
    assert.deepEqual(
      lower(backend.ipConfigurations!.map((c) => c.id!.replace(/\/ipConfigurations\/.*$/, ""))),
      lower([estate.nic("rg-app-weu", "nic-app-be-01"), estate.nic("rg-app-weu", "nic-app-be-02")]),
    );
    const listed = await all(client.subnets.list("rg-app-weu", "vnet-batch-weu"));
    assert.deepEqual(listed.map((s) => s.name).sort(), ["default", "jobs"]);
  });

  it("lists NICs with their NSG and subnet, leaving scale-set NICs to their scale set's list", async () => {
    const nics = await all(client.networkInterfaces.listAll());
    assert.ok(
      nics.every((n) => !/virtualMachineScaleSets/i.test(n.id!)),
      "no scale-set NIC in the subscription list",
    );
    const be02 = nics.find((n) => n.name === "nic-app-be-02")!;
    assert.equal(be02.networkSecurityGroup?.id, estate.nsg("rg-app-weu", "nsg-app-be-02"));
    assert.equal(
      be02.ipConfigurations?.[0].subnet?.id,
      estate.subnet("rg-app-weu", "vnet-app-weu", "backend"),
    );
    const one = await client.networkInterfaces.get("rg-legacy-weu", "nic-legacy-03");
    assert.equal(one.networkSecurityGroup?.id, estate.nsg("rg-legacy-weu", "nsg-legacy-03"));
    assert.match(one.macAddress!, /^00-22-48-E5-[0-9A-F]{2}-[0-9A-F]{2}$/);
  });

  it("serves scale-set NICs on the Microsoft.Compute paths, typed as network interfaces", async () => {
    const all3 = await all(
      client.networkInterfaces.listVirtualMachineScaleSetNetworkInterfaces("rg-app-weu", "vmss-app-weu"),
    );
    assert.deepEqual(
      lower(all3.map((n) => n.id)),
      lower([0, 1, 2].map((i) => estate.scaleSetNic("rg-app-weu", "vmss-app-weu", i))),
    );
    assert.ok(all3.every((n) => n.type === "Microsoft.Network/networkInterfaces"));
    const instance = await all(
      client.networkInterfaces.listVirtualMachineScaleSetVMNetworkInterfaces(
        "rg-prod-neu",
        "vmss-neu-api",
        "1",
      ),
    );
    assert.deepEqual(
      instance.map((n) => n.id),
      [estate.scaleSetNic("rg-prod-neu", "vmss-neu-api", 1)],
    );
    const got = await client.networkInterfaces.getVirtualMachineScaleSetNetworkInterface(
      "rg-app-weu",
      "vmss-app-weu",
      "2",
      "vmss-app-weu-nic",
    );
    assert.equal(got.networkSecurityGroup?.id, estate.nsg("rg-app-weu", "nsg-vmss-weu"));
    const missing = await arm(
      emu,
      "GET",
      `${estate.scaleSet("rg-app-weu", "vmss-none")}/networkInterfaces?api-version=2018-10-01`,
    );
    assert.equal(missing.status, 404);
    // Azure takes no NIC flow log on a scale-set NIC; a plan covers them at subnet level.
    const onScaleSetNic = await arm(
      emu,
      "PUT",
      `${estate.watcher("westeurope")}/flowLogs/vmss-nic?api-version=2025-05-01`,
      {
        location: "westeurope",
        properties: {
          targetResourceId: estate.scaleSetNic("rg-app-weu", "vmss-app-weu", 0),
          storageId: estate.storage("estateweu001"),
          enabled: true,
        },
      },
    );
    assert.deepEqual([onScaleSetNic.status, onScaleSetNic.body.error.code], [400, "InvalidRequestContent"]);
  });

  it("lists the watchers and their flow logs: NSG logs with differing settings and a VNet flow log", async () => {
    const watchers = await all(client.networkWatchers.listAll());
    assert.deepEqual(watchers.map((w) => w.location).sort(), ["northeurope", "westeurope"]);
    const logs = await all(client.flowLogs.list("NetworkWatcherRG", "NetworkWatcher_westeurope"));
    const nsgLogs = logs.filter((f) => /networkSecurityGroups/i.test(f.targetResourceId!));
    assert.ok(nsgLogs.length >= 15);
    assert.ok(new Set(nsgLogs.map((f) => f.retentionPolicy?.days)).size >= 4, "retention differs");
    assert.ok(
      nsgLogs.some((f) => f.format?.version === 1) && nsgLogs.some((f) => f.flowAnalyticsConfiguration),
    );
    assert.deepEqual(
      logs.filter((f) => /virtualNetworks\/[^/]+$/i.test(f.targetResourceId!)).map((f) => f.name),
      ["vnet-hub-weu-platform"],
    );
  });

  it("answers lists of an unknown resource group with ResourceGroupNotFound", async () => {
    const response = await arm(
      emu,
      "GET",
      `/subscriptions/${estate.ESTATE_SUBSCRIPTION}/resourceGroups/rg-nope/providers/Microsoft.Network/networkInterfaces?api-version=2025-05-01`,
    );
    assert.deepEqual([response.status, response.body.error.code], [404, "ResourceGroupNotFound"]);
  });
});
