// Azure's flow-log answers in one shape, with the service's defaults filled in, so callers comparing
// desired and actual settings never see a difference Azure did not make.
import type { FlowLogState, TrafficAnalytics } from "./types";

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
    ...(wire.id ? { flowLogResourceId: wire.id } : {}),
    ...(wire.provisioningState ? { provisioningState: wire.provisioningState } : {}),
    ...(wire.targetResourceGuid ? { targetResourceGuid: wire.targetResourceGuid } : {}),
    ...(wire.tags?.[OWNER_TAG] ? { owner: wire.tags[OWNER_TAG] } : {}),
    ...(wire.location ? { location: wire.location } : {}),
    ...(wire.tags ? { tags: wire.tags } : {}),
  };
}

/** The request body fields for both the configureFlowLog action and the flowLogs child. */
export function toWire(config: {
  targetResourceId: string;
  storageId: string;
  enabled: boolean;
  retentionPolicy: { days: number; enabled: boolean };
  format: { type: "JSON"; version: number };
  trafficAnalytics?: TrafficAnalytics;
}) {
  const ta = config.trafficAnalytics;
  return {
    targetResourceId: config.targetResourceId,
    storageId: config.storageId,
    enabled: config.enabled,
    retentionPolicy: { ...config.retentionPolicy },
    format: { ...config.format },
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
