// Desired vs recorded flow-log settings. Pure. Everything Azure can change in place is an update;
// only a new target, a new Network Watcher or a new flowLogName replaces. IDs compare
// case-insensitively, and old state gets today's defaults first, so neither Azure's casing nor an
// upgrade of this package shows a diff.
import { isDeepStrictEqual } from "node:util";
import { defaultFlowLogName, parseResourceId, resourceName, sameResourceId } from "../azure/resource-id";
import type { FlowLogInputs, FlowLogOutputs, TrafficAnalyticsInputs } from "./inputs";
import { isUnknown, NO_IDENTITY, recordedOnDestroy, withDefaults } from "./inputs";

/** Diffs that change only what this package records, never Azure: update writes nothing for them. */
export const STATE_ONLY_DIFFS = ["onDestroy"];

/** A provider's answer to the engine's diff (FlowLog and handover alike). */
export interface ResourceDiff {
  changes: boolean;
  /** Changed top-level properties, as a person reads them in `pulumi preview --diff`. */
  diffs: string[];
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** Equal but for case, as Azure compares IDs, names and regions; a value unknown during preview differs. */
function sameIgnoringCase(a: unknown, b: unknown): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  return sameResourceId(a as string, b as string);
}

function sameTrafficAnalytics(old?: TrafficAnalyticsInputs, next?: TrafficAnalyticsInputs): boolean {
  if (!old || !next) return !old === !next;
  return (
    old.enabled === next.enabled &&
    old.intervalInMinutes === next.intervalInMinutes &&
    sameIgnoringCase(old.workspaceResourceId, next.workspaceResourceId) &&
    // Looked up when not given, so only a value the program states can differ.
    (next.workspaceId === undefined || sameIgnoringCase(old.workspaceId, next.workspaceId)) &&
    (next.workspaceRegion === undefined || sameIgnoringCase(old.workspaceRegion, next.workspaceRegion))
  );
}

/** True when the program names a watcher other than the one the flow log lives in. */
function watcherMoved(oldWatcherId: string | undefined, next: FlowLogInputs): boolean {
  if (!next.networkWatcher || !oldWatcherId) return false;
  const { resourceGroupName, name } = next.networkWatcher;
  if (isUnknown(resourceGroupName) || isUnknown(name)) return true;
  const old = parseResourceId(oldWatcherId);
  return (
    !old ||
    !sameIgnoringCase(old.resourceGroupName, resourceGroupName) ||
    !sameIgnoringCase(old.names[0], name)
  );
}

function sameText(a: unknown, b: unknown): boolean {
  return !isUnknown(a) && !isUnknown(b) && (a ?? "") === (b ?? "");
}

/**
 * Two flat records (retention policy, format) hold the same keys and values: what isDeepStrictEqual
 * says of them, at a fraction of its cost, which every flow log's diff pays in a refresh.
 */
function sameFields(a: object, b: unknown): boolean {
  if (typeof b !== "object" || b === null) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && Object.is(x[k], y[k]))
  );
}

/** Record types compare as sets: Azure may answer in another order. */
function sameRecordTypes(a: string[] | undefined, b: string[] | undefined): boolean {
  if (isUnknown(a) || isUnknown(b) || [...(a ?? []), ...(b ?? [])].some(isUnknown)) return false;
  return isDeepStrictEqual([...(a ?? [])].sort(), [...(b ?? [])].sort());
}

function identityKey(identity: string | undefined): string {
  return (identity ?? NO_IDENTITY).toLowerCase();
}

function sameIdentity(a: string | undefined, b: string | undefined): boolean {
  return !isUnknown(a) && !isUnknown(b) && identityKey(a) === identityKey(b);
}

function sameTags(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (isUnknown(a) || isUnknown(b) || Object.values({ ...a, ...b }).some(isUnknown)) return false;
  return isDeepStrictEqual(a, b);
}

/** The name of the flow log this resource manages: from its ID once Azure gave one, else as the program set it. */
function recordedName(recorded: Partial<FlowLogOutputs>): string | undefined {
  return resourceName(recorded.flowLogResourceId) ?? recorded.flowLogName;
}

/** True when the program names the flow log other than it is called (leaving the name out keeps it). */
function renamed(recorded: Partial<FlowLogOutputs>, next: FlowLogInputs): boolean {
  if (next.flowLogName === undefined) return false;
  if (isUnknown(next.flowLogName)) return true;
  const name = recordedName(recorded);
  return name !== undefined && name.toLowerCase() !== next.flowLogName.toLowerCase();
}

/**
 * A replacement that cannot make the new flow log before the old one is gone: Azure keeps one flow log
 * per target, and one resource per name in a watcher (a PUT to the same name would retarget the old
 * one rather than make a second).
 */
export function removesOldFirst(
  recorded: Partial<FlowLogOutputs>,
  next: FlowLogInputs,
  replaces: string[],
): boolean {
  if (replaces.length === 0) return false;
  if (sameIgnoringCase(recorded.targetResourceId, next.targetResourceId)) return true;
  if (replaces.includes("networkWatcher") || isUnknown(next.targetResourceId)) return false;
  const oldName = recordedName(recorded);
  const newName =
    next.flowLogName ?? (parseResourceId(next.targetResourceId) && defaultFlowLogName(next.targetResourceId));
  return oldName !== undefined && !isUnknown(newName) && oldName.toLowerCase() === newName?.toLowerCase();
}

/** The diff is an in-place update that changes what Azure holds (not only what this package records). */
export function writesToAzure({ diffs, replaces }: Pick<ResourceDiff, "diffs" | "replaces">): boolean {
  return replaces.length === 0 && diffs.some((d) => !STATE_ONLY_DIFFS.includes(d));
}

export function diffFlowLog(recorded: Partial<FlowLogOutputs>, next: FlowLogInputs): ResourceDiff {
  const old = withDefaults(recorded as Record<string, unknown>);
  const diffs: string[] = [];
  const replaces: string[] = [];

  if (!sameIgnoringCase(old.targetResourceId, next.targetResourceId)) replaces.push("targetResourceId");
  if (watcherMoved(recorded.networkWatcherId, next)) replaces.push("networkWatcher");
  if (renamed(recorded, next)) replaces.push("flowLogName");
  if (old.enabled !== next.enabled) diffs.push("enabled");
  if (!sameIgnoringCase(old.storageAccountId, next.storageAccountId)) diffs.push("storageAccountId");
  if (!sameFields(old.retentionPolicy, next.retentionPolicy)) diffs.push("retentionPolicy");
  if (!sameFields(old.format, next.format)) diffs.push("format");
  if (!sameTrafficAnalytics(old.trafficAnalytics, next.trafficAnalytics)) diffs.push("trafficAnalytics");
  if (!sameText(old.enabledFilteringCriteria, next.enabledFilteringCriteria))
    diffs.push("enabledFilteringCriteria");
  if (!sameRecordTypes(old.recordTypes, next.recordTypes)) diffs.push("recordTypes");
  if (!sameIdentity(old.identity, next.identity)) diffs.push("identity");
  if (!sameTags(old.tags, next.tags)) diffs.push("tags");
  if (recordedOnDestroy(recorded) !== recordedOnDestroy(next)) diffs.push("onDestroy");
  // Refresh found the flow log taken over by another resource: shown until the program decides (see update).
  if (recorded.foreignOwnerId) diffs.push("foreignOwnerId");

  diffs.push(...replaces);
  return {
    changes: diffs.length > 0,
    diffs,
    replaces,
    deleteBeforeReplace: removesOldFirst(recorded, next, replaces),
  };
}
