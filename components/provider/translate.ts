// Between the provider's inputs/outputs and the Azure layer's flow-log shapes. Pure.
import type { FlowLogConfig, FlowLogState, NetworkWatcherRef, TrafficAnalytics } from "../azure";
import { sameResourceId } from "../azure/resource-id";
import type { FlowLogInputs, FlowLogOutputs, TrafficAnalyticsInputs } from "./inputs";

/** The configuration Azure is asked to apply; traffic analytics must already carry its workspace GUID and region. */
export function toConfig(inputs: FlowLogInputs, trafficAnalytics?: TrafficAnalytics): FlowLogConfig {
  return {
    targetResourceId: inputs.targetResourceId,
    storageId: inputs.storageAccountId,
    enabled: inputs.enabled,
    retentionPolicy: { ...inputs.retentionPolicy },
    format: { type: "JSON", version: inputs.format.version as 1 | 2 },
    ...(trafficAnalytics ? { trafficAnalytics } : {}),
  };
}

/** Keeps the program's spelling of an ID when Azure's differs only in case (no phantom diffs). */
function keepCasing(recorded: string | undefined, live: string): string {
  return recorded !== undefined && sameResourceId(recorded, live) ? recorded : live;
}

function liveTrafficAnalytics(
  recorded: TrafficAnalyticsInputs | undefined,
  live: TrafficAnalytics | undefined,
): TrafficAnalyticsInputs | undefined {
  if (!live) return undefined;
  return {
    enabled: live.enabled,
    workspaceResourceId: keepCasing(recorded?.workspaceResourceId, live.workspaceResourceId),
    workspaceId: live.workspaceId,
    workspaceRegion: live.workspaceRegion,
    intervalInMinutes: live.intervalInMinutes,
  };
}

/** The inputs as Azure has them now: what `refresh` records so the next preview shows any drift. */
export function liveInputs(recorded: FlowLogInputs, live: FlowLogState): FlowLogInputs {
  const trafficAnalytics = liveTrafficAnalytics(recorded.trafficAnalytics, live.trafficAnalytics);
  const inputs: FlowLogInputs = {
    ...recorded,
    storageAccountId: keepCasing(recorded.storageAccountId, live.storageId),
    enabled: live.enabled,
    retentionPolicy: { ...live.retentionPolicy },
    format: { ...live.format },
  };
  delete inputs.trafficAnalytics;
  return trafficAnalytics ? { ...inputs, trafficAnalytics } : inputs;
}

/** Everything recorded in state after create, update or read. */
export function toOutputs(
  inputs: FlowLogInputs,
  watcher: Pick<NetworkWatcherRef, "id">,
  live: FlowLogState,
  flowLogResourceId: string,
): FlowLogOutputs {
  return {
    ...liveInputs(inputs, live),
    networkWatcherId: watcher.id,
    flowLogResourceId,
    provisioningState: live.provisioningState ?? "Succeeded",
    ...(live.targetResourceGuid ? { targetResourceGuid: live.targetResourceGuid } : {}),
  };
}
