// Every azure-native virtual network in the stack is logged, every network interface of it: by a FlowLog on
// the network itself, on each of its subnets, or on each network interface, and one that sees every flow
// (a filter or a subset of record types is partial coverage, reported as such).
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
import { lengthAt, sameId, stringAt, valueAt } from "./values";

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

/** Subnet names of the network's own `subnets` input (subnets declared inline). */
function inlineSubnetsOf(vnet: PolicyResource): string[] {
  const count = lengthAt(vnet.props, "subnets");
  if (typeof count !== "number") return [];
  return Array.from({ length: count }, (_, i) => stringAt(vnet.props, "subnets", i, "name")).filter(
    (name) => name !== undefined,
  );
}

const ALL_RECORD_TYPES = ["B", "C", "E", "D"];

/**
 * What keeps a flow log from seeing every flow: a filter, or record types short of all four; undefined
 * when it sees them all (or preview cannot tell yet).
 */
export function restrictionOf(target: FlowLogTarget): string | undefined {
  const props = target.flowLog.props;
  const limits: string[] = [];
  const filter = stringAt(props, "enabledFilteringCriteria");
  if (filter?.trim()) limits.push(`filters flows (enabledFilteringCriteria ${JSON.stringify(filter)})`);
  const count = lengthAt(props, "recordTypes");
  if (typeof count === "number") {
    const types = Array.from({ length: count }, (_, i) => stringAt(props, "recordTypes", i));
    const known = types.filter((t) => t !== undefined).map((t) => t.toUpperCase());
    if (known.length === count && !ALL_RECORD_TYPES.every((t) => known.includes(t)))
      limits.push(`logs only record types [${known.join(", ")}]`);
  }
  return limits.length ? limits.join(" and ") : undefined;
}

export interface Coverage {
  /** Parts of the network whose flows no flow log sees in full: subnets and network interfaces. */
  unlogged: string[];
  /** Flow logs on those parts that see only some flows, and why. */
  partial: string[];
}

/**
 * Whether every network interface's flows in `vnet` are logged: by a flow log on the network, on the
 * interface's subnet, or on the interface. Every subnet of the network counts, also one with no interface
 * in the stack (one placed there later, by another stack or a scale set, would be unlogged). A flow log
 * with a filter or fewer than all four record types is partial coverage, never coverage.
 */
export function coverageOf(
  vnet: PolicyResource,
  resources: PolicyResource[],
  flowLogs: FlowLogTarget[] = flowLogTargets(resources).filter(isEnabled),
): Coverage {
  const partial: string[] = [];
  /** Whether one of these flow logs sees every flow; when none does, the restricted ones are noted. */
  const full = (logs: FlowLogTarget[], on: string) => {
    if (logs.some((log) => restrictionOf(log) === undefined)) return true;
    for (const log of logs) partial.push(`FlowLog "${log.flowLog.name}" on ${on} ${restrictionOf(log)}`);
    return false;
  };
  const on = (r: PolicyResource) => flowLogs.filter((f) => targets(f, r));
  const onId = (id: string | undefined) => flowLogs.filter((f) => sameId(f.targetId, id));
  if (full(on(vnet), `network "${vnet.name}"`)) return { unlogged: [], partial: [] };

  const subnets = subnetsOf(vnet, resources);
  const nics = interfacesOf(vnet, subnets, resources);
  const inSubnet = (nic: PolicyResource, subnet: PolicyResource) =>
    dependsThrough(nic, "ipConfigurations", subnet) ||
    subnetIdsOf(nic).some((id) => sameId(id, armIdOf(subnet)));
  const loggedNics = new Set(
    nics.filter(
      (nic) =>
        full(on(nic), `network interface "${nic.name}"`) ||
        subnets.some((s) => inSubnet(nic, s) && full(on(s), `subnet "${s.name}"`)) ||
        subnetIdsOf(nic).some((id) => full(onId(id), `subnet ${id}`)),
    ),
  );
  const unlogged: string[] = [];
  const vnetId = armIdOf(vnet);
  const subnetGroups = [
    ...subnets.map((s) => ({ name: s.name, logs: on(s), nics: nics.filter((n) => inSubnet(n, s)) })),
    ...inlineSubnetsOf(vnet).map((name) => {
      const id = vnetId && `${vnetId}/subnets/${name}`;
      return { name, logs: onId(id), nics: nics.filter((n) => subnetIdsOf(n).some((s) => sameId(s, id))) };
    }),
  ];
  for (const subnet of subnetGroups) {
    if (subnet.nics.length > 0 || full(subnet.logs, `subnet "${subnet.name}"`)) continue;
    unlogged.push(`subnet "${subnet.name}" (no network interface of it in the stack)`);
  }
  for (const nic of nics) if (!loggedNics.has(nic)) unlogged.push(`network interface "${nic.name}"`);
  const elsewhere = flowLogs.filter((f) => isBelow(f.targetId, vnetId));
  if (!subnetGroups.length && !nics.length && !full(elsewhere, "a subnet"))
    unlogged.push("the network: no FlowLog on it, on a subnet of it or on a network interface in it");
  return { unlogged, partial: unlogged.length ? partial : [] };
}

export const coveragePolicy: StackValidationPolicy = {
  name: COVERAGE_POLICY,
  description:
    "Every NIC of every azure-native virtual network has its flows logged, by a FlowLog without filter or record-type limits on the network, its subnet or the NIC.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const flowLogs = flowLogTargets(args.resources).filter(isEnabled);
    for (const vnet of args.resources.filter((r) => isVirtualNetwork(r.type))) {
      const { unlogged, partial } = coverageOf(vnet, args.resources, flowLogs);
      if (!unlogged.length) continue;
      const partly = partial.length
        ? ` Partial coverage only: ${partial.join("; ")}; coverage needs every flow (no filter, record types B, C, E and D).`
        : "";
      reportViolation(
        `Virtual network "${vnet.name}" breaks ${COVERAGE_POLICY}: no enabled FlowLog logging every flow covers ` +
          `${unlogged.join(", ")}.${partly} Add a FlowLog whose targetResourceId is the network, or each ` +
          "subnet, or each network interface.",
        vnet.urn,
      );
    }
  },
};
