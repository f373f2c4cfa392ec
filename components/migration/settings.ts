// What a new flow log copies from an NSG flow log: storage, retention, format and traffic analytics as
// Microsoft's script does, and (unlike it) tags, identity and filtering. Two NSG flow logs can share one
// VNet or subnet flow log only when all of these are equal.
import { OWNER_TAG } from "../azure/normalize";
import { resourceName } from "../azure/resource-id";
import type { TopologyFlowLog } from "../azure/topology";
import { RECORD_TYPES } from "../azure/types";
import type { PlannedFlowLogArgs } from "./plan-types";

export type CopiedSettings = Omit<PlannedFlowLogArgs, "targetResourceId" | "flowLogName" | "networkWatcher">;

export function copiedSettings(nsgFlowLog: TopologyFlowLog): CopiedSettings {
  const ta = nsgFlowLog.trafficAnalytics;
  // The owner tag names the Pulumi resource of the NSG flow log; the new flow log gets its own.
  const tags = Object.entries(nsgFlowLog.tags ?? {}).filter(([key]) => key !== OWNER_TAG);
  const recordTypes = RECORD_TYPES.filter((t) => nsgFlowLog.recordTypes?.includes(t));
  return {
    storageAccountId: nsgFlowLog.storageId,
    enabled: true,
    retentionPolicy: { ...nsgFlowLog.retentionPolicy },
    format: { ...nsgFlowLog.format },
    ...(ta
      ? {
          trafficAnalytics: {
            enabled: ta.enabled,
            workspaceResourceId: ta.workspaceResourceId,
            ...(ta.workspaceId ? { workspaceId: ta.workspaceId } : {}),
            ...(ta.workspaceRegion ? { workspaceRegion: ta.workspaceRegion } : {}),
            intervalInMinutes: ta.intervalInMinutes,
          },
        }
      : {}),
    ...(tags.length ? { tags: Object.fromEntries(tags.sort(([a], [b]) => a.localeCompare(b))) } : {}),
    ...(nsgFlowLog.identity ? { identity: nsgFlowLog.identity } : {}),
    ...(nsgFlowLog.enabledFilteringCriteria
      ? { enabledFilteringCriteria: nsgFlowLog.enabledFilteringCriteria }
      : {}),
    // All four is Azure's default; listing them would only differ in form.
    ...(recordTypes.length && recordTypes.length < 4 ? { recordTypes } : {}),
  };
}

/** The settings as readable parts; `exact` spells IDs out in lower case, as ARM compares them. */
function parts(s: CopiedSettings, exact = false): Record<string, string> {
  const ta = s.trafficAnalytics;
  const id = (value: string) => (exact ? value.toLowerCase() : resourceName(value));
  return {
    storage: id(s.storageAccountId),
    retention: s.retentionPolicy.enabled ? `${s.retentionPolicy.days} days` : "kept forever",
    format: `version ${s.format.version}`,
    "traffic analytics": ta
      ? `${ta.enabled ? "on" : "off"}, every ${ta.intervalInMinutes} min into ${id(ta.workspaceResourceId)}`
      : "none",
    tags: JSON.stringify(s.tags ?? {}),
    identity: s.identity ? id(s.identity) : "none",
    filter: s.enabledFilteringCriteria ?? "every flow",
    "record types": (s.recordTypes ?? RECORD_TYPES).join(","),
  };
}

/** Equal settings give equal keys. */
export function settingsKey(s: CopiedSettings): string {
  return JSON.stringify(parts(s, true));
}

/** "retention 90 days vs 30 days; format version 2 vs version 1", or "" when equal. */
export function describeDifference(a: CopiedSettings, b: CopiedSettings): string {
  const left = parts(a);
  const right = parts(b);
  return Object.keys(left)
    .filter((k) => left[k] !== right[k])
    .map((k) => `${k} ${left[k]} vs ${right[k]}`)
    .join("; ");
}

/** A one-line summary for reasons and the table. */
export function describeSettings(s: CopiedSettings): string {
  const p = parts(s);
  return `retention ${p.retention}, format ${p.format}, traffic analytics ${p["traffic analytics"] === "none" ? "none" : p["traffic analytics"].split(",")[0]}`;
}
