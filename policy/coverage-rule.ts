// Every azure-native virtual network in the stack is logged: by a FlowLog on the network itself, on one
// of its subnets, or on every one of its network interfaces.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  armIdOf,
  dependsThrough,
  type FlowLogTarget,
  flowLogTargets,
  isEnabled,
  targets,
} from "./flow-log-targets";
import { isNetworkInterface, isSubnet, isVirtualNetwork } from "./resource-types";
import { sameId, stringAt, valueAt } from "./values";

export const COVERAGE_POLICY = "vnet-flow-log-coverage";

/** The child IDs (subnets, in practice) below a known virtual network ID. */
function isBelow(id: string | undefined, vnetId: string | undefined): boolean {
  return id !== undefined && vnetId !== undefined && id.toLowerCase().startsWith(`${vnetId.toLowerCase()}/`);
}

/** Subnet resources of the stack that belong to `vnet`: through its name input, or by ID once known. */
function subnetsOf(vnet: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
  const vnetName = stringAt(vnet.props, "name");
  return resources.filter(
    (r) =>
      isSubnet(r.type) &&
      (dependsThrough(r, "virtualNetworkName", vnet) ||
        isBelow(armIdOf(r), armIdOf(vnet)) ||
        (vnetName !== undefined &&
          stringAt(r.props, "virtualNetworkName") === vnetName &&
          stringAt(r.props, "resourceGroupName") === stringAt(vnet.props, "resourceGroupName"))),
  );
}

/** Subnet IDs the interface's IP configurations name, when known. */
function subnetIdsOf(nic: PolicyResource): string[] {
  const configs = valueAt(nic.props, "ipConfigurations");
  if (!Array.isArray(configs)) return [];
  return configs.map((_, i) => stringAt(configs, i, "subnet", "id")).filter((id) => id !== undefined);
}

/** Network interfaces of the stack placed in `vnet` (directly, or in one of `subnets`). */
function interfacesOf(vnet: PolicyResource, subnets: PolicyResource[], resources: PolicyResource[]) {
  return resources.filter(
    (r) =>
      isNetworkInterface(r.type) &&
      ([vnet, ...subnets].some((on) => dependsThrough(r, "ipConfigurations", on)) ||
        subnetIdsOf(r).some(
          (id) => isBelow(id, armIdOf(vnet)) || subnets.some((s) => sameId(id, armIdOf(s))),
        )),
  );
}

/** Why `vnet` counts as logged, or undefined when it does not. */
export function coverageOf(
  vnet: PolicyResource,
  resources: PolicyResource[],
  flowLogs: FlowLogTarget[] = flowLogTargets(resources).filter(isEnabled),
): string | undefined {
  const logged = (r: PolicyResource) => flowLogs.some((f) => targets(f, r));
  if (logged(vnet)) return "a flow log on the network";
  const subnets = subnetsOf(vnet, resources);
  if (subnets.some(logged) || flowLogs.some((f) => isBelow(f.targetId, armIdOf(vnet)))) {
    return "a flow log on one of its subnets";
  }
  const nics = interfacesOf(vnet, subnets, resources);
  if (nics.length > 0 && nics.every(logged)) return "flow logs on all its network interfaces";
  return undefined;
}

export const coveragePolicy: StackValidationPolicy = {
  name: COVERAGE_POLICY,
  description:
    "Every azure-native virtual network has a flow log: on itself, on one of its subnets, or on all its network interfaces.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const flowLogs = flowLogTargets(args.resources).filter(isEnabled);
    for (const vnet of args.resources.filter((r) => isVirtualNetwork(r.type))) {
      if (coverageOf(vnet, args.resources, flowLogs)) continue;
      reportViolation(
        `Virtual network "${vnet.name}" breaks ${COVERAGE_POLICY}: no enabled FlowLog covers it. Add a FlowLog ` +
          "whose targetResourceId is the network, one of its subnets, or each of its network interfaces.",
        vnet.urn,
      );
    }
  },
};
