// A region's network as a flow-log migration sees it, read through ARM: NSGs, virtual networks with
// their subnets, NICs (scale-set NICs too, which only their scale set's list names), where each NSG is
// attached, and the region's flow logs with every setting a migration carries over.
import type { ArmSession } from "./arm-session";
import { normalizeRegion } from "./arm-session";
import { normalizeFlowLog, type WireFlowLog } from "./normalize";
import { parseResourceId, type TargetKind, targetKind } from "./resource-id";
import type { FlowLogState, NetworkWatcherRef } from "./types";

/** The Network SDK reads scale-set NICs from Microsoft.Compute at this api-version. */
const SCALE_SET_NIC_API_VERSION = "2018-10-01";

export interface TopologyNsg {
  id: string;
  name: string;
  resourceGroupName: string;
}

export interface TopologySubnet {
  id: string;
  name: string;
  virtualNetworkId: string;
  nsgId?: string;
}

export interface TopologyVirtualNetwork {
  id: string;
  name: string;
  resourceGroupName: string;
  subnets: TopologySubnet[];
}

export interface TopologyNic {
  id: string;
  name: string;
  /** The subnet of its primary IP configuration. */
  subnetId?: string;
  nsgId?: string;
  /** A scale-set instance's NIC: Azure takes no NIC flow log on it, so it is covered at subnet level. */
  scaleSet: boolean;
}

/** A flow log with what the migration copies: the settings, and the tags, identity and filtering it keeps. */
export interface TopologyFlowLog extends FlowLogState {
  id: string;
  name: string;
  targetKind: TargetKind;
  /** ARM ID of its user-assigned identity, when it has one. */
  identity?: string;
}

export interface NetworkTopology {
  subscriptionId: string;
  region: string;
  watcher: NetworkWatcherRef;
  nsgs: TopologyNsg[];
  virtualNetworks: TopologyVirtualNetwork[];
  nics: TopologyNic[];
  flowLogs: TopologyFlowLog[];
}

interface WireResource {
  id: string;
  name: string;
  location?: string;
}

interface WireSubnet extends WireResource {
  properties?: { networkSecurityGroup?: { id: string }; ipConfigurations?: { id: string }[] };
}

interface WireNic extends WireResource {
  networkSecurityGroup?: { id: string };
  ipConfigurations?: { properties?: { primary?: boolean; subnet?: { id: string } } }[];
}

type WireChild = WireFlowLog & WireResource;

const SCALE_SET_IN_ID =
  /^(.*\/providers\/Microsoft\.Compute\/virtualMachineScaleSets\/[^/]+)\/virtualMachines\//i;

function inRegion(region: string) {
  return (r: WireResource) => normalizeRegion(r.location ?? "") === normalizeRegion(region);
}

function toNic(wire: WireNic, scaleSet: boolean): TopologyNic {
  const configs = wire.ipConfigurations ?? [];
  const primary = configs.find((c) => c.properties?.primary) ?? configs[0];
  return {
    id: wire.id,
    name: wire.name,
    subnetId: primary?.properties?.subnet?.id,
    nsgId: wire.networkSecurityGroup?.id,
    scaleSet,
  };
}

function toFlowLog(wire: WireChild): TopologyFlowLog | undefined {
  const kind = targetKind(wire.targetResourceId ?? "");
  if (!kind) return undefined;
  const state = normalizeFlowLog(wire);
  return {
    ...state,
    id: wire.id,
    name: wire.name,
    targetKind: kind,
    ...(state.userAssignedIdentityId ? { identity: state.userAssignedIdentityId } : {}),
  };
}

/** Reads what a migration plan needs for one subscription and region, with a handful of list calls. */
export async function readNetworkTopology(
  service: ArmSession,
  subscriptionId: string,
  region: string,
): Promise<NetworkTopology> {
  const list = <T>(path: string, apiVersion?: string) => service.list<T>(subscriptionId, path, apiVersion);
  const network = `/subscriptions/${subscriptionId}/providers/Microsoft.Network`;
  const watcher = await service.findNetworkWatcher(subscriptionId, region);
  const [children, nsgs, networks, nics] = await Promise.all([
    list<WireChild>(`${watcher.id}/flowLogs`),
    list<WireResource>(`${network}/networkSecurityGroups`),
    list<WireResource & { subnets?: WireSubnet[] }>(`${network}/virtualNetworks`),
    list<WireNic>(`${network}/networkInterfaces`),
  ]);
  const virtualNetworks = networks.filter(inRegion(region)).map((vnet) => ({
    id: vnet.id,
    name: vnet.name,
    resourceGroupName: parseResourceId(vnet.id)?.resourceGroupName ?? "",
    subnets: (vnet.subnets ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      virtualNetworkId: vnet.id,
      nsgId: s.properties?.networkSecurityGroup?.id,
    })),
  }));
  // The subscription's NIC list leaves scale-set NICs out; the subnets' IP configurations name their scale sets.
  const scaleSets = new Set<string>();
  for (const vnet of networks.filter(inRegion(region)))
    for (const subnet of vnet.subnets ?? [])
      for (const config of subnet.properties?.ipConfigurations ?? []) {
        const scaleSet = SCALE_SET_IN_ID.exec(config.id)?.[1];
        if (scaleSet) scaleSets.add(scaleSet);
      }
  const scaleSetNics = await Promise.all(
    [...scaleSets].map((id) => list<WireNic>(`${id}/networkInterfaces`, SCALE_SET_NIC_API_VERSION)),
  );
  return {
    subscriptionId,
    region: normalizeRegion(region),
    watcher,
    nsgs: nsgs.filter(inRegion(region)).map((n) => ({
      id: n.id,
      name: n.name,
      resourceGroupName: parseResourceId(n.id)?.resourceGroupName ?? "",
    })),
    virtualNetworks,
    nics: [
      ...nics.filter(inRegion(region)).map((n) => toNic(n, false)),
      ...scaleSetNics.flat().map((n) => toNic(n, true)),
    ],
    flowLogs: children.map(toFlowLog).filter((f): f is TopologyFlowLog => f !== undefined),
  };
}
