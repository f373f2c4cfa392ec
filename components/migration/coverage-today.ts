// How each NIC is logged before the migration: by which enabled NSG flow logs (its own NSG's, its
// subnet's NSG's), by which existing VNet, subnet or NIC flow logs, and which settings a new flow log
// should copy for it.
import { resourceName, sameResourceId } from "../azure/resource-id";
import type {
  NetworkTopology,
  TopologyFlowLog,
  TopologyNic,
  TopologySubnet,
  TopologyVirtualNetwork,
} from "../azure/topology";
import type { SettingsConflict } from "./plan-types";
import { type CopiedSettings, copiedSettings, describeDifference, settingsKey } from "./settings";

export interface NicToday {
  nic: TopologyNic;
  subnet?: TopologySubnet;
  virtualNetwork?: TopologyVirtualNetwork;
  /** Enabled NSG flow logs that log this NIC now. */
  nsgFlowLogs: TopologyFlowLog[];
  /** Enabled VNet, subnet or NIC flow logs that already log it. */
  existing: TopologyFlowLog[];
  /** What a new flow log copies for it: from its only NSG flow log, or its own NSG's when they differ. */
  settings?: { values: CopiedSettings; key: string; from: TopologyFlowLog };
  conflict?: SettingsConflict;
  /** Why no NSG flow log logs it, when none does. */
  unloggedBecause?: string;
}

export interface Estate {
  topology: NetworkTopology;
  nics: NicToday[];
  /** Enabled NSG flow logs by NSG ID (lower case). */
  nsgFlowLogs: Map<string, TopologyFlowLog>;
  /** Every NSG flow log by NSG ID (lower case), enabled or not. */
  anyNsgFlowLog: Map<string, TopologyFlowLog>;
  subnetOf: Map<string, TopologySubnet>;
}

const lower = (id: string | undefined) => (id ?? "").toLowerCase();

function whyUnlogged(estate: Omit<Estate, "nics">, nic: TopologyNic, subnet?: TopologySubnet): string {
  const nsgs = [nic.nsgId, subnet?.nsgId].filter((id): id is string => Boolean(id));
  if (!nsgs.length) return "no NSG on the NIC or its subnet, so no NSG flow log logs it today";
  const disabled = nsgs.filter((id) => estate.anyNsgFlowLog.has(lower(id)));
  if (disabled.length)
    return `the flow log of ${disabled.map(resourceName).join(" and ")} is disabled, so nothing logs it today`;
  return `${nsgs.map(resourceName).join(" and ")} ${nsgs.length > 1 ? "have" : "has"} no flow log, so nothing logs it today`;
}

function existingCovering(flowLogs: TopologyFlowLog[], nic: TopologyNic, subnet?: TopologySubnet) {
  return flowLogs.filter(
    (f) =>
      f.enabled &&
      f.targetKind !== "networkSecurityGroup" &&
      (sameResourceId(f.targetResourceId, nic.id) ||
        sameResourceId(f.targetResourceId, subnet?.id) ||
        sameResourceId(f.targetResourceId, subnet?.virtualNetworkId)),
  );
}

/** The settings to copy for a NIC; when its NSG flow logs disagree, its own NSG's (the narrower rule set). */
function chooseSettings(nic: TopologyNic, logs: TopologyFlowLog[]): Pick<NicToday, "settings" | "conflict"> {
  if (!logs.length) return {};
  const own = logs.find((f) => sameResourceId(f.targetResourceId, nic.nsgId)) ?? logs[0];
  const values = copiedSettings(own);
  const settings = { values, key: settingsKey(values), from: own };
  const differing = logs.filter((f) => settingsKey(copiedSettings(f)) !== settings.key);
  if (!differing.length) return { settings };
  const differences = differing.map((f) => describeDifference(values, copiedSettings(f))).join("; ");
  return {
    settings,
    conflict: {
      nicId: nic.id,
      flowLogResourceIds: logs.map((f) => f.id),
      chosen: own.id,
      reason: `logged today by the flow logs of its NIC's NSG and its subnet's NSG with different settings (${differences}); the plan copies the NIC's own NSG flow log, the narrower rule set`,
    },
  };
}

export function analyseEstate(topology: NetworkTopology): Estate {
  const nsgFlowLogs = new Map<string, TopologyFlowLog>();
  const anyNsgFlowLog = new Map<string, TopologyFlowLog>();
  for (const f of topology.flowLogs.filter((f) => f.targetKind === "networkSecurityGroup")) {
    anyNsgFlowLog.set(lower(f.targetResourceId), f);
    if (f.enabled) nsgFlowLogs.set(lower(f.targetResourceId), f);
  }
  const subnetOf = new Map<string, TopologySubnet>();
  const networkOf = new Map<string, TopologyVirtualNetwork>();
  for (const vnet of topology.virtualNetworks) {
    networkOf.set(lower(vnet.id), vnet);
    for (const subnet of vnet.subnets) subnetOf.set(lower(subnet.id), subnet);
  }
  const base = { topology, nsgFlowLogs, anyNsgFlowLog, subnetOf };
  const nics = [...topology.nics]
    .sort((a, b) => lower(a.id).localeCompare(lower(b.id)))
    .map((nic): NicToday => {
      const subnet = subnetOf.get(lower(nic.subnetId));
      const nsgIds = [...new Set([nic.nsgId, subnet?.nsgId].filter(Boolean).map(lower))];
      const logs = nsgIds.map((id) => nsgFlowLogs.get(id)).filter((f): f is TopologyFlowLog => !!f);
      return {
        nic,
        subnet,
        virtualNetwork: subnet && networkOf.get(lower(subnet.virtualNetworkId)),
        nsgFlowLogs: logs,
        existing: existingCovering(topology.flowLogs, nic, subnet),
        ...chooseSettings(nic, logs),
        ...(logs.length ? {} : { unloggedBecause: whyUnlogged(base, nic, subnet) }),
      };
    });
  return { ...base, nics };
}

/** The enabled NSG flow log on a subnet's own NSG, if any. */
export function subnetNsgFlowLog(estate: Estate, subnet: TopologySubnet): TopologyFlowLog | undefined {
  return estate.nsgFlowLogs.get(lower(subnet.nsgId));
}
