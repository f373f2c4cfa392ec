// Which VNet, subnet and NIC flow logs replace the NSG flow logs, and why. Scope auto goes up from NIC
// to subnet to VNet only while every NIC and subnet below is logged today with equal settings and by
// nothing else; a forced scope takes one flow log per VNet, subnet or NIC with the settings most of its
// NICs have. Scale-set NICs take no NIC flow log, so they are always covered at subnet level.
import { resourceName, type TargetKind } from "../azure/resource-id";
import type { TopologySubnet, TopologyVirtualNetwork } from "../azure/topology";
import { type Estate, type NicToday, subnetNsgFlowLog } from "./coverage-today";
import type { MigrationScope, SettingsConflict } from "./plan-types";
import { copiedSettings, describeDifference, describeSettings, settingsKey } from "./settings";

type Settings = NonNullable<NicToday["settings"]>;

export interface ChosenTarget {
  kind: Exclude<TargetKind, "networkSecurityGroup">;
  id: string;
  nics: NicToday[];
  settings: Settings;
  reason: string;
  conflicts: SettingsConflict[];
}

/** One thing below a candidate target: a NIC, or a subnet without NICs that its NSG's flow log covers. */
interface Member {
  label: string;
  settings?: Settings;
  blocker?: string;
}

const KIND_WORDS = { virtualNetwork: "VNet", subnet: "subnet", networkInterface: "NIC" };
const lower = (id: string | undefined) => (id ?? "").toLowerCase();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function nicMember(n: NicToday): Member {
  const label = `NIC ${n.nic.name}`;
  if (n.existing.length)
    return { label, blocker: `${label} is already logged by flow log ${n.existing[0].name}` };
  if (!n.settings) return { label, blocker: `${label} is not logged today (${n.unloggedBecause})` };
  return { label, settings: n.settings };
}

function subnetMembers(estate: Estate, subnet: TopologySubnet, nics: NicToday[]): Member[] {
  if (nics.length) return nics.map(nicMember);
  const log = subnetNsgFlowLog(estate, subnet);
  const label = `subnet ${subnet.name}`;
  if (!log)
    return [
      {
        label,
        blocker: `${label} has no NIC and no NSG flow log, and a wider flow log would start logging it`,
      },
    ];
  const values = copiedSettings(log);
  return [{ label, settings: { values, key: settingsKey(values), from: log } }];
}

/** Equal settings on every member and nothing in the way: those settings; else why not. */
function uniform(members: Member[]): { settings?: Settings; why: string } {
  const blocked = members.find((m) => m.blocker);
  if (blocked) return { why: blocked.blocker! };
  const first = members[0];
  if (!first?.settings) return { why: "nothing below it is logged today" };
  const other = members.find((m) => m.settings!.key !== first.settings!.key);
  if (other)
    return {
      why: `${first.label} and ${other.label} are logged with different settings (${describeDifference(first.settings.values, other.settings!.values)})`,
    };
  return { settings: first.settings, why: "" };
}

function sources(nics: NicToday[], settings: Settings): string {
  const nsgs = new Set(nics.flatMap((n) => n.nsgFlowLogs.map((f) => resourceName(f.targetResourceId))));
  if (!nsgs.size) nsgs.add(resourceName(settings.from.targetResourceId));
  return `${[...nsgs].join(", ")} (${describeSettings(settings.values)})`;
}

/** One flow log over all of `nics`, with the settings most of them have; the others listed as conflicts. */
function wholeTarget(
  kind: ChosenTarget["kind"],
  id: string,
  nics: NicToday[],
  why: string,
): ChosenTarget | undefined {
  const candidates = nics.filter((n) => n.settings && !n.existing.length);
  if (!candidates.length) return undefined;
  const counts = new Map<string, number>();
  for (const n of candidates) counts.set(n.settings!.key, (counts.get(n.settings!.key) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const settings = candidates.find((n) => counts.get(n.settings!.key) === top)!.settings!;
  const conflicts = candidates
    .filter((n) => n.settings!.key !== settings.key)
    .map((n) => ({
      nicId: n.nic.id,
      flowLogResourceIds: [n.settings!.from.id, settings.from.id],
      chosen: settings.from.id,
      reason: `one flow log on ${resourceName(id)} logs it with the settings most of its NICs have, from ${resourceName(settings.from.targetResourceId)}; its own NSG flow log differs (${describeDifference(settings.values, n.settings!.values)})`,
    }));
  const unlogged = nics.filter((n) => !n.settings && !n.existing.length);
  const newly = unlogged.length
    ? `; it also starts logging ${plural(unlogged.length, "NIC")} not logged today (${unlogged.map((n) => n.nic.name).join(", ")})`
    : "";
  const reason = `${why}: one ${KIND_WORDS[kind]} flow log copies ${sources(candidates, settings)}${newly}`;
  return { kind, id, nics, settings, reason, conflicts };
}

function uniformTarget(
  kind: ChosenTarget["kind"],
  id: string,
  nics: NicToday[],
  settings: Settings,
  why: string,
): ChosenTarget {
  return { kind, id, nics, settings, reason: `${why} ${sources(nics, settings)}`, conflicts: [] };
}

interface Scan {
  estate: Estate;
  nicsOf(subnet: TopologySubnet): NicToday[];
}

/** NIC flow logs for a subnet's NICs; a subnet flow log instead when it holds scale-set NICs to cover. */
function nicLevel(scan: Scan, subnet: TopologySubnet, why: string): ChosenTarget[] {
  const nics = scan.nicsOf(subnet);
  const needed = nics.filter((n) => n.settings && !n.existing.length);
  const scaleSet = needed.filter((n) => n.nic.scaleSet);
  if (scaleSet.length) {
    const target = wholeTarget(
      "subnet",
      subnet.id,
      nics,
      `subnet ${subnet.name} holds ${plural(scaleSet.length, "scale-set NIC")}, which take no NIC flow log, so the subnet is logged as a whole`,
    );
    return target ? [target] : [];
  }
  return needed.map((n) =>
    uniformTarget(
      "networkInterface",
      n.nic.id,
      [n],
      n.settings!,
      `${why}; NIC ${n.nic.name} is logged alone, like today, by`,
    ),
  );
}

function autoScope(scan: Scan, vnet: TopologyVirtualNetwork): ChosenTarget[] {
  const subnets = vnet.subnets.map((s) => ({ subnet: s, nics: scan.nicsOf(s) }));
  const whole = uniform(subnets.flatMap((s) => subnetMembers(scan.estate, s.subnet, s.nics)));
  if (whole.settings) {
    const nics = subnets.flatMap((s) => s.nics);
    const why = `every subnet of ${vnet.name} (${plural(subnets.length, "subnet")}, ${plural(nics.length, "NIC")}) is logged today with equal settings, by`;
    return [uniformTarget("virtualNetwork", vnet.id, nics, whole.settings, why)];
  }
  return subnets.flatMap(({ subnet, nics }) => {
    const one = uniform(subnetMembers(scan.estate, subnet, nics));
    if (one.settings && (nics.length || subnetNsgFlowLog(scan.estate, subnet))) {
      const why = `${vnet.name} cannot take one flow log because ${whole.why}; every NIC of subnet ${subnet.name} (${plural(nics.length, "NIC")}) is logged alike today, by`;
      return [uniformTarget("subnet", subnet.id, nics, one.settings, why)];
    }
    return nicLevel(scan, subnet, `subnet ${subnet.name} cannot take one flow log because ${one.why}`);
  });
}

function forcedScope(scan: Scan, vnet: TopologyVirtualNetwork, scope: MigrationScope): ChosenTarget[] {
  if (scope === "vnet") {
    const nics = vnet.subnets.flatMap((s) => scan.nicsOf(s));
    const target = wholeTarget(
      "virtualNetwork",
      vnet.id,
      nics,
      `scope vnet: ${vnet.name} takes one flow log`,
    );
    return target ? [target] : [];
  }
  return vnet.subnets.flatMap((subnet) => {
    if (scope === "nic") return nicLevel(scan, subnet, "scope nic");
    const target = wholeTarget(
      "subnet",
      subnet.id,
      scan.nicsOf(subnet),
      `scope subnet: ${subnet.name} takes one flow log`,
    );
    return target ? [target] : [];
  });
}

/** The flow logs to create for the region's networks, at the scope asked for. */
export function chooseTargets(estate: Estate, scope: MigrationScope): ChosenTarget[] {
  const bySubnet = new Map<string, NicToday[]>();
  for (const n of estate.nics) {
    const key = lower(n.subnet?.id);
    bySubnet.set(key, [...(bySubnet.get(key) ?? []), n]);
  }
  const scan: Scan = { estate, nicsOf: (subnet) => bySubnet.get(lower(subnet.id)) ?? [] };
  const networks = [...estate.topology.virtualNetworks].sort((a, b) =>
    lower(a.id).localeCompare(lower(b.id)),
  );
  return networks.flatMap((vnet) =>
    scope === "auto" ? autoScope(scan, vnet) : forcedScope(scan, vnet, scope),
  );
}
