// vnet-flow-log-coverage on stacks of azure-native networks, whose provider cannot be installed here:
// once as Pulumi's mocks register a program using azure-native's own resource classes (IDs known, as
// after `up`), once as the engine hands a preview to the pack (IDs unknown, links through dependencies).
import * as assert from "node:assert/strict";
import * as network from "@pulumi/azure-native/network";
import type { PolicyResource } from "@pulumi/policy";
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog } from "../../components";
import { coveragePolicy } from "../../policy/coverage-rule";
import { isVirtualNetwork } from "../../policy/resource-types";
import { installMocks, value } from "../support/mocks";
import { policyResource, stackViolations, UNKNOWN_STRING } from "./stack-resources";

const RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net";
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/flowlogsweu`;

/** The outputs azure-native reports: the inputs, the resource's Azure name and its ARM ID. */
function azureOutputs(type: string, name: string, inputs: Record<string, string>) {
  const net = `${RG}/providers/Microsoft.Network`;
  const [azureName, id] = type.endsWith(":VirtualNetwork")
    ? [inputs.virtualNetworkName, `${net}/virtualNetworks/${inputs.virtualNetworkName}`]
    : type.endsWith(":Subnet")
      ? [
          inputs.subnetName,
          `${net}/virtualNetworks/${inputs.virtualNetworkName}/subnets/${inputs.subnetName}`,
        ]
      : type.endsWith(":NetworkInterface")
        ? [inputs.networkInterfaceName, `${net}/networkInterfaces/${inputs.networkInterfaceName}`]
        : [name, `${name}-id`];
  return { ...inputs, name: azureName, id };
}

describe("vnet-flow-log-coverage", () => {
  describe("on a program of azure-native resources under Pulumi's mocks", () => {
    let stack: PolicyResource[] = [];

    before(() => {
      // Each file installs its own mocks, so files sharing a worker process do not see each other's.
      installMocks((args) => {
        const state = azureOutputs(args.type, args.name, args.inputs);
        stack.push(policyResource({ type: args.type, name: args.name, props: state }));
        return { id: state.id, state };
      });
    });

    beforeEach(() => {
      stack = [];
    });

    const vnet = (name: string, subnets?: { name: string }[]) =>
      new network.VirtualNetwork(name, {
        resourceGroupName: "rg-net",
        virtualNetworkName: name,
        addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
        subnets,
      });
    const subnet = (name: string, of: network.VirtualNetwork) =>
      new network.Subnet(name, {
        resourceGroupName: "rg-net",
        virtualNetworkName: of.name,
        subnetName: name,
        addressPrefix: "10.0.1.0/24",
      });
    const nic = (name: string, subnetId: pulumi.Input<string>) =>
      new network.NetworkInterface(name, {
        resourceGroupName: "rg-net",
        networkInterfaceName: name,
        ipConfigurations: [{ name: "ipconfig1", subnet: { id: subnetId } }],
      });
    const flowLog = (name: string, target: pulumi.Input<string>, enabled = true) =>
      new FlowLog(name, { targetResourceId: target, storageAccountId: STORAGE, enabled });

    /** Waits until every resource of the program is registered, then runs the rule on them. */
    async function violationsAfter(resources: pulumi.CustomResource[], flowLogs: FlowLog[]) {
      await Promise.all([...resources.map((r) => value(r.id)), ...flowLogs.map((f) => value(f.enabled))]);
      return stackViolations(coveragePolicy, stack);
    }

    it("accepts networks logged on themselves, on a subnet, on an inline subnet or on every interface", async () => {
      const own = vnet("vnet-own");
      const bySubnet = vnet("vnet-by-subnet");
      const app = subnet("app", bySubnet);
      const inline = vnet("vnet-inline", [{ name: "web" }]);
      const byNics = vnet("vnet-by-nics");
      const nicSubnet = subnet("nics", byNics);
      const nics = [nic("nic-1", nicSubnet.id), nic("nic-2", nicSubnet.id)];
      const logs = [
        flowLog("own", own.id),
        flowLog("app", app.id),
        flowLog(
          "inline-web",
          inline.id.apply((id) => `${id}/subnets/web`),
        ),
        flowLog("nic-1", nics[0].id),
        flowLog("nic-2", nics[1].id),
      ];
      const violations = await violationsAfter(
        [own, bySubnet, app, inline, byNics, nicSubnet, ...nics],
        logs,
      );
      assert.deepEqual(violations, []);
      assert.equal(stack.filter((r) => isVirtualNetwork(r.type)).length, 4, "azure-native's type token");
    });

    it("denies networks with no flow log, a disabled one, or interfaces left out, naming each", async () => {
      const bare = vnet("vnet-bare");
      const off = vnet("vnet-off");
      const partly = vnet("vnet-partly");
      const partlySubnet = subnet("partly", partly);
      const nics = [nic("nic-a", partlySubnet.id), nic("nic-b", partlySubnet.id)];
      const logs = [flowLog("off", off.id, false), flowLog("nic-a", nics[0].id)];
      const violations = await violationsAfter([bare, off, partly, partlySubnet, ...nics], logs);
      assert.deepEqual(
        violations.map((v) => v.urn?.replace(/.*::/, "")),
        ["vnet-bare", "vnet-off", "vnet-partly"],
      );
      assert.match(
        violations[0].message,
        /^Virtual network "vnet-bare" breaks vnet-flow-log-coverage: no enabled FlowLog covers it/,
      );
    });
  });

  describe("on a preview, where the IDs of new resources are unknown", () => {
    const unknownId = { id: UNKNOWN_STRING };
    const vnet = (name: string) =>
      policyResource({ type: "azure-native:network:VirtualNetwork", name, props: unknownId });
    const flowLog = (name: string, target: PolicyResource) =>
      policyResource({
        type: "pulumi-nodejs:dynamic/azure-flowlogs:FlowLogSettings",
        name,
        props: { targetResourceId: UNKNOWN_STRING, enabled: true },
        propertyDependencies: { targetResourceId: [target] },
      });

    it("follows the dependencies from FlowLogs to networks, subnets and interfaces", async () => {
      const own = vnet("vnet-own");
      const withSubnet = vnet("vnet-subnet");
      const app = policyResource({
        type: "azure-native:network:Subnet",
        name: "app",
        props: { ...unknownId, virtualNetworkName: UNKNOWN_STRING },
        propertyDependencies: { virtualNetworkName: [withSubnet] },
      });
      const withNic = vnet("vnet-nic");
      const nic = policyResource({
        type: "azure-native:network:NetworkInterface",
        name: "nic",
        props: { ...unknownId, ipConfigurations: [{ name: "ipconfig1", subnet: { id: UNKNOWN_STRING } }] },
        propertyDependencies: { ipConfigurations: [withNic] },
      });
      const pinned = policyResource({
        type: "azure-native:network/v20240301:VirtualNetwork",
        name: "vnet-pinned",
        props: unknownId,
      });
      const resources = [own, withSubnet, app, withNic, nic, pinned];
      resources.push(flowLog("own", own), flowLog("app", app), flowLog("nic", nic));
      const violations = await stackViolations(coveragePolicy, resources);
      assert.deepEqual(
        violations.map((v) => v.urn),
        [pinned.urn],
      );
      assert.match(violations[0].message, /"vnet-pinned" breaks vnet-flow-log-coverage/);
    });
  });
});
