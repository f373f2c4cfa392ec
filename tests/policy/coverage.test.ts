// vnet-flow-log-coverage on stacks of azure-native networks, whose provider cannot be installed here:
// once as Pulumi's mocks register a program using azure-native's own resource classes (IDs known, as
// after `up`), once as the engine hands a preview to the pack (IDs unknown, links through dependencies).
import * as assert from "node:assert/strict";
import * as network from "@pulumi/azure-native/network";
import type { PolicyResource } from "@pulumi/policy";
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog, type FlowLogArgs } from "../../components";
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
    const flowLog = (
      name: string,
      target: pulumi.Input<string>,
      enabled = true,
      limits: Pick<FlowLogArgs, "enabledFilteringCriteria" | "recordTypes"> = {},
    ) => new FlowLog(name, { targetResourceId: target, storageAccountId: STORAGE, enabled, ...limits });

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
        /^Virtual network "vnet-bare" breaks vnet-flow-log-coverage: no enabled FlowLog logging every flow covers the network: no FlowLog on it/,
      );
    });

    it("item 14: a flow log on an empty subnet does not cover the network interfaces of its other subnets", async () => {
      const net = vnet("vnet-three");
      const [empty, web, app] = ["empty", "web", "app"].map((name) => subnet(name, net));
      const nics = [nic("nic-web", web.id), nic("nic-app", app.id)];
      const violations = await violationsAfter([net, empty, web, app, ...nics], [flowLog("empty", empty.id)]);
      assert.equal(violations.length, 1);
      assert.match(
        violations[0].message,
        /^Virtual network "vnet-three" breaks vnet-flow-log-coverage: no enabled FlowLog logging every flow covers network interface "nic-web", network interface "nic-app"\. Add a FlowLog/,
      );

      // Logged subnet by subnet (or NIC by NIC), it passes; an empty subnet without one does not.
      stack = [];
      const whole = vnet("vnet-whole");
      const [quiet, front] = ["quiet", "front"].map((name) => subnet(name, whole));
      const frontNic = nic("nic-front", front.id);
      const logs = [flowLog("front", front.id)];
      assert.deepEqual(
        (await violationsAfter([whole, quiet, front, frontNic], logs)).map((v) => v.message),
        [
          'Virtual network "vnet-whole" breaks vnet-flow-log-coverage: no enabled FlowLog logging every flow covers subnet "quiet" (no network interface of it in the stack). Add a FlowLog whose targetResourceId is the network, or each subnet, or each network interface.',
        ],
      );
      stack = [];
      const both = vnet("vnet-both");
      const [one, two] = ["one", "two"].map((name) => subnet(name, both));
      const twoNic = nic("nic-two", two.id);
      assert.deepEqual(
        await violationsAfter(
          [both, one, two, twoNic],
          [flowLog("one", one.id), flowLog("nic-two", twoNic.id)],
        ),
        [],
      );
    });

    it("item 14: a filter or a subset of record types is partial coverage, reported as such", async () => {
      const filtered = vnet("vnet-filtered");
      const limits = { enabledFilteringCriteria: "SrcIP=10.0.0.4", recordTypes: ["D" as const] };
      const byNic = vnet("vnet-nic-types");
      const nicSubnet = subnet("nics", byNic);
      const only = nic("nic-only", nicSubnet.id);
      const logs = [
        flowLog("filtered", filtered.id, true, limits),
        flowLog("nic-only", only.id, true, { recordTypes: ["B", "E"] }),
      ];
      const violations = await violationsAfter([filtered, byNic, nicSubnet, only], logs);
      assert.deepEqual(
        violations.map((v) => v.message),
        [
          'Virtual network "vnet-filtered" breaks vnet-flow-log-coverage: no enabled FlowLog logging every flow covers the network: no FlowLog on it, on a subnet of it or on a network interface in it. Partial coverage only: FlowLog "filtered" on network "vnet-filtered" filters flows (enabledFilteringCriteria "SrcIP=10.0.0.4") and logs only record types [D]; coverage needs every flow (no filter, record types B, C, E and D). Add a FlowLog whose targetResourceId is the network, or each subnet, or each network interface.',
          'Virtual network "vnet-nic-types" breaks vnet-flow-log-coverage: no enabled FlowLog logging every flow covers network interface "nic-only". Partial coverage only: FlowLog "nic-only" on network interface "nic-only" logs only record types [B, E]; coverage needs every flow (no filter, record types B, C, E and D). Add a FlowLog whose targetResourceId is the network, or each subnet, or each network interface.',
        ],
      );

      // All four record types, in any order, are every flow.
      stack = [];
      const full = vnet("vnet-full");
      const all = { recordTypes: ["D" as const, "E" as const, "C" as const, "B" as const] };
      assert.deepEqual(await violationsAfter([full], [flowLog("full", full.id, true, all)]), []);
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
