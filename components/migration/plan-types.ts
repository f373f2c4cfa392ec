// The migration plan as `flowlogs migrate plan --format json` prints it, and as NsgFlowLogMigration
// takes it: plain JSON whose `args` use the FlowLog component's field names (components/args.ts).

import type { RecordType } from "../azure/types";
export type MigrationScope = "auto" | "vnet" | "subnet" | "nic";

/** FlowLog arguments as plain values; fields a flow log does not set are left out. */
export interface PlannedFlowLogArgs {
  targetResourceId: string;
  storageAccountId: string;
  enabled: boolean;
  retentionPolicy: { enabled: boolean; days: number };
  format: { type: "JSON"; version: 1 | 2 };
  trafficAnalytics?: {
    enabled: boolean;
    workspaceResourceId: string;
    workspaceId?: string;
    workspaceRegion?: string;
    intervalInMinutes: 10 | 60;
  };
  tags?: Record<string, string>;
  identity?: string;
  enabledFilteringCriteria?: string;
  recordTypes?: RecordType[];
  flowLogName: string;
  networkWatcher: { resourceGroupName: string; name: string };
}

/** A VNet, subnet or NIC flow log to create. */
export interface PlannedFlowLog {
  /** Unique in the plan; also the flowLogs child's name (`flowLogName`). */
  name: string;
  args: PlannedFlowLogArgs;
  /** IDs of the NICs whose traffic it logs. */
  covers: string[];
  reason: string;
}

/** An NSG flow log to disable once every flow log in `after` is enabled and Succeeded. */
export interface PlannedDisable {
  /** The NSG's ID. */
  targetResourceId: string;
  flowLogResourceId: string;
  /** Names of `create` entries covering the NSG's NICs; empty when existing flow logs already cover them all. */
  after: string[];
  /**
   * IDs of the existing VNet, subnet and NIC flow logs that log the NSG's NICs too: the handover reads
   * them again at `up` and leaves the NSG flow log on unless each is enabled and Succeeded then.
   */
  coveredByExisting: string[];
  reason: string;
}

export interface NicCoverage {
  nicId: string;
  /** Names of `create` entries, or IDs of existing VNet/subnet/NIC flow logs, that will log this NIC. */
  coveredBy: string[];
}

export interface CoverageGap {
  nicId: string;
  reason: string;
}

export interface CoverageOverlap {
  nicId: string;
  coveredBy: string[];
  reason: string;
}

export interface SettingsConflict {
  nicId: string;
  /** The NSG flow logs that log this NIC today with different settings. */
  flowLogResourceIds: string[];
  /** The one whose settings the plan copies for this NIC. */
  chosen: string;
  reason: string;
}

export interface MigrationPlan {
  subscriptionId: string;
  region: string;
  scope: MigrationScope;
  create: PlannedFlowLog[];
  disable: PlannedDisable[];
  coverage: {
    nics: NicCoverage[];
    gaps: CoverageGap[];
    overlaps: CoverageOverlap[];
    conflicts: SettingsConflict[];
  };
}
