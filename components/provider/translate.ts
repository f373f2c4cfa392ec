// Between the provider's inputs/outputs and the Azure layer's flow-log shapes. Pure.
import type { FlowLogConfig, FlowLogState, NetworkWatcherRef, RecordType, TrafficAnalytics } from "../azure";
import { OWNER_TAG } from "../azure/normalize";
import { sameResourceId } from "../azure/resource-id";
import { type FlowLogInputs, type FlowLogOutputs, NO_IDENTITY, type TrafficAnalyticsInputs } from "./inputs";

/** The user-assigned identity asked for, or undefined for none. */
function identityId(identity: string | undefined): string | undefined {
  return identity && identity.toLowerCase() !== NO_IDENTITY ? identity : undefined;
}

/**
 * The tags to write besides the owner tag: the program's; or, when it stopped setting tags, the flow
 * log's tags less the ones it had set (`recorded`); or undefined, which keeps the tags as they are.
 */
export function tagsToWrite(
  next: FlowLogInputs,
  recorded?: Pick<FlowLogInputs, "tags">,
  live?: Pick<FlowLogState, "tags">,
): Record<string, string> | undefined {
  if (next.tags) return next.tags;
  if (!recorded?.tags || !live?.tags) return undefined;
  const dropped = new Set(Object.keys(recorded.tags));
  return Object.fromEntries(Object.entries(live.tags).filter(([name]) => !dropped.has(name)));
}

/** The configuration Azure is asked to apply; traffic analytics must already carry its workspace GUID and region. */
export function toConfig(
  inputs: FlowLogInputs,
  trafficAnalytics?: TrafficAnalytics,
  tags = inputs.tags,
): FlowLogConfig {
  const userAssignedIdentityId = identityId(inputs.identity);
  return {
    targetResourceId: inputs.targetResourceId,
    storageId: inputs.storageAccountId,
    enabled: inputs.enabled,
    retentionPolicy: { ...inputs.retentionPolicy },
    format: { type: "JSON", version: inputs.format.version as 1 | 2 },
    ...(trafficAnalytics ? { trafficAnalytics } : {}),
    ...(inputs.enabledFilteringCriteria ? { enabledFilteringCriteria: inputs.enabledFilteringCriteria } : {}),
    ...(inputs.recordTypes ? { recordTypes: inputs.recordTypes as RecordType[] } : {}),
    ...(userAssignedIdentityId ? { userAssignedIdentityId } : {}),
    ...(tags ? { tags } : {}),
    ...(inputs.flowLogName ? { flowLogName: inputs.flowLogName } : {}),
  };
}

/** The flow log's tags other than the owner tag. */
function userTags(tags: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags ?? {}).filter(([name]) => name.toLowerCase() !== OWNER_TAG.toLowerCase()),
  );
}

/** The settings only the newer flow-log API has, as Azure has them; tags only when the program sets them. */
function livePeerSettings(recorded: FlowLogInputs, live: FlowLogState): Partial<FlowLogInputs> {
  const identity = live.userAssignedIdentityId
    ? keepCasing(recorded.identity, live.userAssignedIdentityId)
    : identityId(recorded.identity) === undefined
      ? recorded.identity
      : NO_IDENTITY;
  return {
    ...(live.enabledFilteringCriteria ? { enabledFilteringCriteria: live.enabledFilteringCriteria } : {}),
    ...(live.recordTypes ? { recordTypes: [...live.recordTypes] } : {}),
    ...(identity ? { identity } : {}),
    ...(recorded.tags ? { tags: userTags(live.tags) } : {}),
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
  const { enabledFilteringCriteria: _f, recordTypes: _r, identity: _i, tags: _t, ...kept } = recorded;
  const inputs: FlowLogInputs = {
    ...kept,
    storageAccountId: keepCasing(recorded.storageAccountId, live.storageId),
    enabled: live.enabled,
    retentionPolicy: { ...live.retentionPolicy },
    format: { ...live.format },
    ...livePeerSettings(recorded, live),
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
