// Desired vs recorded flow-log settings. Pure. Everything Azure can change in place is an update;
// only a new target or a new Network Watcher replaces. IDs compare case-insensitively, and old state
// gets today's defaults first, so neither Azure's casing nor an upgrade of this package shows a diff.
import { isDeepStrictEqual } from "node:util";
import { parseResourceId, sameResourceId } from "../azure/resource-id";
import type { FlowLogInputs, FlowLogOutputs, TrafficAnalyticsInputs } from "./inputs";
import { isUnknown, withDefaults } from "./inputs";

export interface FlowLogDiff {
  changes: boolean;
  /** Changed top-level properties, as a person reads them in `pulumi preview --diff`. */
  diffs: string[];
  replaces: string[];
  deleteBeforeReplace: boolean;
}

function sameId(a: unknown, b: unknown): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  return sameResourceId(a as string, b as string);
}

function sameTrafficAnalytics(old?: TrafficAnalyticsInputs, next?: TrafficAnalyticsInputs): boolean {
  if (!old || !next) return !old === !next;
  return (
    old.enabled === next.enabled &&
    old.intervalInMinutes === next.intervalInMinutes &&
    sameId(old.workspaceResourceId, next.workspaceResourceId) &&
    // Looked up when not given, so only a value the program states can differ.
    (next.workspaceId === undefined || sameId(old.workspaceId, next.workspaceId)) &&
    (next.workspaceRegion === undefined || sameId(old.workspaceRegion, next.workspaceRegion))
  );
}

/** True when the program names a watcher other than the one the flow log lives in. */
function watcherMoved(oldWatcherId: string | undefined, next: FlowLogInputs): boolean {
  if (!next.networkWatcher || !oldWatcherId) return false;
  const { resourceGroupName, name } = next.networkWatcher;
  if (isUnknown(resourceGroupName) || isUnknown(name)) return true;
  const old = parseResourceId(oldWatcherId);
  return !old || !sameId(old.resourceGroupName, resourceGroupName) || !sameId(old.names[0], name);
}

export function diffFlowLog(recorded: Partial<FlowLogOutputs>, next: FlowLogInputs): FlowLogDiff {
  const old = withDefaults(recorded as Record<string, unknown>);
  const diffs: string[] = [];
  const replaces: string[] = [];

  if (!sameId(old.targetResourceId, next.targetResourceId)) replaces.push("targetResourceId");
  if (watcherMoved(recorded.networkWatcherId, next)) replaces.push("networkWatcher");
  if (old.enabled !== next.enabled) diffs.push("enabled");
  if (!sameId(old.storageAccountId, next.storageAccountId)) diffs.push("storageAccountId");
  if (!isDeepStrictEqual(old.retentionPolicy, next.retentionPolicy)) diffs.push("retentionPolicy");
  if (!isDeepStrictEqual(old.format, next.format)) diffs.push("format");
  if (!sameTrafficAnalytics(old.trafficAnalytics, next.trafficAnalytics)) diffs.push("trafficAnalytics");
  // Refresh found the flow log taken over by another resource: shown until the program decides (see update).
  if (recorded.foreignOwnerId) diffs.push("foreignOwnerId");

  diffs.push(...replaces);
  return {
    changes: diffs.length > 0,
    diffs,
    replaces,
    // One flow log per target: the old one must go before a new one can be made for the same target.
    deleteBeforeReplace: replaces.length > 0 && sameId(old.targetResourceId, next.targetResourceId),
  };
}
