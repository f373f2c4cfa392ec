// Azure's flow-log answers in one shape, with the service's defaults filled in, so callers comparing
// desired and actual settings never see a difference Azure did not make.
import type { FlowLogConfig, FlowLogState, RecordType, TrafficAnalytics } from "./types";

/** Tag on the flowLogs resource naming the Pulumi resource that manages it. */
export const OWNER_TAG = "pulumi-azure-flowlogs-owner";

interface WireTrafficAnalytics {
  networkWatcherFlowAnalyticsConfiguration?: {
    enabled?: boolean;
    workspaceId?: string;
    workspaceRegion?: string;
    workspaceResourceId?: string;
    trafficAnalyticsInterval?: number;
  };
}

/** The fields FlowLogInformation (actions) and FlowLog (child resource) share, as the SDK flattens them. */
export interface WireFlowLog {
  id?: string;
  targetResourceId?: string;
  targetResourceGuid?: string;
  storageId?: string;
  enabled?: boolean;
  retentionPolicy?: { days?: number; enabled?: boolean };
  format?: { type?: string; version?: number };
  flowAnalyticsConfiguration?: WireTrafficAnalytics;
  provisioningState?: string;
  location?: string;
  tags?: Record<string, string>;
  enabledFilteringCriteria?: string;
  /** Comma-separated flow states, e.g. "B,E". */
  recordTypes?: string;
  identity?: WireIdentity;
}

/** ManagedServiceIdentity as the flow log carries it; the keys of `userAssignedIdentities` are identity IDs. */
export interface WireIdentity {
  type?: string;
  userAssignedIdentities?: Record<string, { principalId?: string; clientId?: string }>;
}

/**
 * The user-assigned identity's ID, in the casing Azure echoes (the casing it was sent in). Azure answers
 * a PUT of `UserAssigned` with `userAssigned` (recorded, API 2024-01-01), so the type compares
 * case-insensitively; "SystemAssigned, UserAssigned" counts too.
 */
function userAssignedIdentityOf(identity: WireIdentity | undefined): string | undefined {
  if (!identity?.type?.toLowerCase().includes("userassigned")) return undefined;
  return Object.keys(identity.userAssignedIdentities ?? {})[0];
}

function recordTypesOf(wire: string | undefined): RecordType[] | undefined {
  if (!wire?.trim()) return undefined;
  return wire.split(",").map((t) => t.trim().toUpperCase() as RecordType);
}

function trafficAnalytics(wire?: WireTrafficAnalytics): TrafficAnalytics | undefined {
  const ta = wire?.networkWatcherFlowAnalyticsConfiguration;
  if (!ta?.workspaceResourceId) return undefined;
  return {
    enabled: ta.enabled ?? false,
    workspaceId: ta.workspaceId ?? "",
    workspaceRegion: ta.workspaceRegion ?? "",
    workspaceResourceId: ta.workspaceResourceId,
    intervalInMinutes: (ta.trafficAnalyticsInterval ?? 60) as 10 | 60,
  };
}

export function normalizeFlowLog(wire: WireFlowLog): FlowLogState {
  const ta = trafficAnalytics(wire.flowAnalyticsConfiguration);
  const recordTypes = recordTypesOf(wire.recordTypes);
  const identity = userAssignedIdentityOf(wire.identity);
  return {
    targetResourceId: wire.targetResourceId ?? "",
    storageId: wire.storageId ?? "",
    enabled: wire.enabled ?? false,
    retentionPolicy: {
      days: wire.retentionPolicy?.days ?? 0,
      enabled: wire.retentionPolicy?.enabled ?? false,
    },
    // Azure fills version 1 when none is sent; the spec's default of 0 means the same.
    format: { type: "JSON", version: (wire.format?.version || 1) as 1 | 2 },
    ...(ta ? { trafficAnalytics: ta } : {}),
    ...(wire.enabledFilteringCriteria ? { enabledFilteringCriteria: wire.enabledFilteringCriteria } : {}),
    ...(recordTypes ? { recordTypes } : {}),
    ...(identity ? { userAssignedIdentityId: identity } : {}),
    ...(wire.id ? { flowLogResourceId: wire.id } : {}),
    ...(wire.provisioningState ? { provisioningState: wire.provisioningState } : {}),
    ...(wire.targetResourceGuid ? { targetResourceGuid: wire.targetResourceGuid } : {}),
    ...(wire.tags?.[OWNER_TAG] ? { owner: wire.tags[OWNER_TAG] } : {}),
    ...(wire.location ? { location: wire.location } : {}),
    ...(wire.tags ? { tags: wire.tags } : {}),
  };
}

/**
 * The identity to send: the user-assigned one asked for, "None" to remove the one the flow log has now
 * (`current`), or nothing when there is none either way.
 */
function wireIdentity(wanted: string | undefined, current: string | undefined): WireIdentity | undefined {
  if (wanted) return { type: "UserAssigned", userAssignedIdentities: { [wanted]: {} } };
  return current ? { type: "None" } : undefined;
}

/** The request body fields for both the configureFlowLog action and the flowLogs child. */
export function toWire(config: FlowLogConfig, currentIdentity?: string) {
  const ta = config.trafficAnalytics;
  const identity = wireIdentity(config.userAssignedIdentityId, currentIdentity);
  return {
    targetResourceId: config.targetResourceId,
    storageId: config.storageId,
    enabled: config.enabled,
    retentionPolicy: { ...config.retentionPolicy },
    format: { ...config.format },
    ...(config.enabledFilteringCriteria ? { enabledFilteringCriteria: config.enabledFilteringCriteria } : {}),
    ...(config.recordTypes?.length ? { recordTypes: config.recordTypes.join(",") } : {}),
    ...(identity ? { identity } : {}),
    ...(ta
      ? {
          flowAnalyticsConfiguration: {
            networkWatcherFlowAnalyticsConfiguration: {
              enabled: ta.enabled,
              workspaceId: ta.workspaceId,
              workspaceRegion: ta.workspaceRegion,
              workspaceResourceId: ta.workspaceResourceId,
              trafficAnalyticsInterval: ta.intervalInMinutes,
            },
          },
        }
      : {}),
  };
}
