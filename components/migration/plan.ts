// The migration plan for one subscription and region, from its network as read through ARM: the flow
// logs to create (each with a reason), the NSG flow logs to disable after them, and the coverage check
// (every NIC logged exactly once; gaps, overlaps and settings conflicts with their reasons). Pure: no
// ARM, no Pulumi, so every choice is unit-tested.
import { resourceName, sameResourceId } from "../azure/resource-id";
import type { NetworkTopology, TopologyFlowLog } from "../azure/topology";
import { analyseEstate, type Estate } from "./coverage-today";
import { FlowLogNames } from "./naming";
import type {
  CoverageGap,
  CoverageOverlap,
  MigrationPlan,
  MigrationScope,
  NicCoverage,
  PlannedDisable,
  PlannedFlowLog,
} from "./plan-types";
import { type ChosenTarget, chooseTargets } from "./targets";

export const MIGRATION_SCOPES: readonly MigrationScope[] = ["auto", "vnet", "subnet", "nic"];

function toPlanned(estate: Estate, target: ChosenTarget, names: FlowLogNames): PlannedFlowLog {
  const { watcher } = estate.topology;
  // A target can hold one flow log: one that exists (disabled, or the plan would not pick it) is updated.
  const existing = estate.topology.flowLogs.find((f) => sameResourceId(f.targetResourceId, target.id));
  const name = existing?.name ?? names.next(target.id);
  return {
    name,
    args: {
      targetResourceId: target.id,
      ...target.settings.values,
      flowLogName: name,
      networkWatcher: { resourceGroupName: watcher.resourceGroupName, name: watcher.name },
    },
    covers: target.nics.map((n) => n.nic.id),
    reason: existing
      ? `${target.reason}; updates the disabled flow log ${existing.name} already on this target`
      : target.reason,
  };
}

function disableEntry(estate: Estate, nsgLog: TopologyFlowLog, create: PlannedFlowLog[]): PlannedDisable {
  const nsg = resourceName(nsgLog.targetResourceId);
  const logged = estate.nics.filter((n) => n.nsgFlowLogs.includes(nsgLog));
  const after = create.filter((c) => logged.some((n) => c.covers.includes(n.nic.id))).map((c) => c.name);
  const covering = [
    ...new Map(logged.flatMap((n) => n.existing.map((f) => [f.id.toLowerCase(), f]))).values(),
  ];
  const existing = covering.map((f) => f.name);
  const base = {
    targetResourceId: nsgLog.targetResourceId,
    flowLogResourceId: nsgLog.id,
    after,
    coveredByExisting: covering.map((f) => f.id),
  };
  if (!estate.topology.nsgs.some((n) => sameResourceId(n.id, nsgLog.targetResourceId)))
    return { ...base, reason: `${nsg} no longer exists in this region, so its flow log logs nothing` };
  if (!logged.length)
    return {
      ...base,
      reason: `${nsg} is attached to no subnet or NIC in this region, so its flow log logs nothing`,
    };
  const by = [
    ...(after.length ? [`${after.join(", ")} once they report Succeeded`] : []),
    ...(existing.length
      ? [`the existing flow log${existing.length > 1 ? "s" : ""} ${existing.join(", ")}`]
      : []),
  ];
  return {
    ...base,
    reason: `${logged.length === 1 ? "its NIC is" : `its ${logged.length} NICs are`} then logged by ${by.join(" and ")}; disabling it ends the duplicate logging (deleting it is a separate step)`,
  };
}

function coverage(
  estate: Estate,
  create: PlannedFlowLog[],
  conflicts: MigrationPlan["coverage"]["conflicts"],
) {
  const nics: NicCoverage[] = [];
  const gaps: CoverageGap[] = [];
  const overlaps: CoverageOverlap[] = [];
  for (const n of estate.nics) {
    const coveredBy = [
      ...n.existing.map((f) => f.id),
      ...create.filter((c) => c.covers.includes(n.nic.id)).map((c) => c.name),
    ];
    nics.push({ nicId: n.nic.id, coveredBy });
    if (!coveredBy.length)
      gaps.push({
        nicId: n.nic.id,
        reason: n.subnet
          ? `${n.unloggedBecause ?? "nothing logs it"}; the plan keeps it unlogged rather than add logging nobody asked for`
          : "its subnet is not in this region's virtual networks",
      });
    if (coveredBy.length > 1)
      overlaps.push({
        nicId: n.nic.id,
        coveredBy,
        reason: `logged by ${coveredBy.length} flow logs: each writes its records, so its traffic is stored and billed ${coveredBy.length} times`,
      });
  }
  return { nics, gaps, overlaps, conflicts };
}

export function planMigration(topology: NetworkTopology, scope: MigrationScope): MigrationPlan {
  const estate = analyseEstate(topology);
  const names = new FlowLogNames();
  for (const f of topology.flowLogs) names.reserve(f.name);
  const targets = chooseTargets(estate, scope);
  const create = targets.map((t) => toPlanned(estate, t, names));
  const nicConflicts = estate.nics.flatMap((n) => (n.conflict ? [n.conflict] : []));
  const disable = [...estate.nsgFlowLogs.values()]
    .sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()))
    .map((f) => disableEntry(estate, f, create));
  return {
    subscriptionId: topology.subscriptionId,
    region: topology.region,
    scope,
    create,
    disable,
    coverage: coverage(estate, create, [...nicConflicts, ...targets.flatMap((t) => t.conflicts)]),
  };
}
