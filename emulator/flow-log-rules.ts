// What Network Watcher checks before it changes a flow log, and how it stores one. Shared by the
// configureFlowLog action and the flowLogs child resource, which read and write the same object.
import type { Clock } from "./clock";
import type { FlowLogSnapshot } from "./config";
import { armErrors } from "./errors";
import { armBoolean, armInteger } from "./lenient-json";
import { describeId, newEtag, type Resource, type ResourceStore } from "./store";

/** NSG flow logs: no new ones from this day on (existing ones may still change until they retire). */
export const NSG_CREATION_BLOCKED_FROM = new Date("2025-06-30T00:00:00Z");

const TARGET_KINDS: Record<string, FlowLogSnapshot["targetKind"]> = {
  "microsoft.network/networksecuritygroups": "networkSecurityGroup",
  "microsoft.network/virtualnetworks": "virtualNetwork",
  "microsoft.network/virtualnetworks/subnets": "subnet",
  "microsoft.network/networkinterfaces": "networkInterface",
};

/**
 * A flow log's settings in the child resource's shape (traffic analytics inside properties), as the
 * request sent them: booleans and integers may still be strings, which ARM converts.
 */
export interface FlowLogSettings {
  targetResourceId: string;
  storageId: string;
  enabled: unknown;
  retentionPolicy?: { days?: unknown; enabled?: unknown };
  format?: { type?: unknown; version?: unknown };
  flowAnalyticsConfiguration?: { networkWatcherFlowAnalyticsConfiguration?: Record<string, unknown> };
  enabledFilteringCriteria?: unknown;
  recordTypes?: unknown;
}

export interface RuleContext {
  store: ResourceStore;
  clock: Clock;
  nsgCreationBlock: boolean;
  insightsRegistered(subscriptionId: string): boolean;
}

export function targetKindOf(resource: Resource): FlowLogSnapshot["targetKind"] | undefined {
  return TARGET_KINDS[resource.type.toLowerCase()];
}

function locationOf(store: ResourceStore, resource: Resource): string {
  // Subnets have no location of their own; they live where their virtual network does.
  if (resource.location) return resource.location;
  return store.get(resource.id.replace(/\/subnets\/[^/]+$/i, ""))?.location ?? "";
}

/** ARM's 404, naming the resource by its whole path under the provider (parents included). */
export function notFound(id: string): never {
  const { resourceGroup } = describeId(id);
  const parts = id.split("/").filter(Boolean);
  const providers = parts.findIndex((p) => p.toLowerCase() === "providers");
  throw armErrors.resourceNotFound(parts.slice(providers + 1).join("/"), resourceGroup ?? "");
}

export function findFlowLogOf(
  store: ResourceStore,
  watcherId: string,
  targetId: string,
): Resource | undefined {
  return store
    .children(watcherId, "flowLogs")
    .find((f) => String(f.properties.targetResourceId).toLowerCase() === targetId.toLowerCase());
}

/** Checks settings as the service does and returns them normalised (defaults filled, IDs in stored casing). */
export function validateFlowLog(
  ctx: RuleContext,
  watcher: Resource,
  settings: FlowLogSettings,
  existing: Resource | undefined,
) {
  const target = ctx.store.get(settings.targetResourceId ?? "") ?? notFound(settings.targetResourceId ?? "");
  const kind = targetKindOf(target);
  if (!kind) throw armErrors.invalidRequestContent(`targetResourceId ${target.id} cannot have a flow log`);
  const storage = ctx.store.get(settings.storageId ?? "") ?? notFound(settings.storageId ?? "");
  const targetRegion = locationOf(ctx.store, target);
  if (storage.location !== targetRegion)
    throw armErrors.storageRegionMismatch(storage.id, storage.location ?? "", targetRegion);

  const enabled = armBoolean(settings.enabled, "properties.enabled") ?? false;
  const days = armInteger(settings.retentionPolicy?.days, "properties.retentionPolicy.days") ?? 0;
  if (!Number.isInteger(days) || days < 0 || days > 365) throw armErrors.retentionOutOfRange(days);
  const retained = armBoolean(settings.retentionPolicy?.enabled, "properties.retentionPolicy.enabled");
  const type = settings.format?.type ?? "JSON";
  if (typeof type !== "string" || type.toUpperCase() !== "JSON") throw armErrors.formatTypeInvalid(type);
  const version = armInteger(settings.format?.version, "properties.format.version") || 1;
  if (version !== 1 && version !== 2) throw armErrors.formatVersionInvalid(version);

  const ta = settings.flowAnalyticsConfiguration?.networkWatcherFlowAnalyticsConfiguration;
  let analytics: Record<string, unknown> | undefined;
  if (ta) {
    const field = "flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration";
    analytics = { ...ta, enabled: armBoolean(ta.enabled, `${field}.enabled`) ?? false };
    if (analytics.enabled) {
      const missing = ["workspaceId", "workspaceRegion", "workspaceResourceId"].filter((k) => !ta[k]);
      if (missing.length) throw armErrors.workspaceFieldsMissing(missing);
      const interval = armInteger(ta.trafficAnalyticsInterval, `${field}.trafficAnalyticsInterval`) ?? 60;
      if (interval !== 10 && interval !== 60) throw armErrors.intervalInvalid(interval);
      const workspace =
        ctx.store.get(String(ta.workspaceResourceId)) ?? notFound(String(ta.workspaceResourceId));
      if (regionKey(String(ta.workspaceRegion)) !== regionKey(workspace.location ?? "")) {
        throw armErrors.workspaceRegion(String(ta.workspaceRegion), workspace.id, workspace.location ?? "");
      }
      analytics = { ...analytics, workspaceResourceId: workspace.id, trafficAnalyticsInterval: interval };
    }
  }

  const filtering = filteringCriteriaOf(settings.enabledFilteringCriteria);
  const recordTypes = recordTypesOf(settings.recordTypes);
  const subscriptionId = describeId(watcher.id).subscriptionId;
  if (enabled && !ctx.insightsRegistered(subscriptionId))
    throw armErrors.insightsNotRegistered(subscriptionId);
  if (
    !existing &&
    kind === "networkSecurityGroup" &&
    ctx.nsgCreationBlock &&
    ctx.clock.now() >= NSG_CREATION_BLOCKED_FROM
  ) {
    throw armErrors.nsgFlowLogCreationBlocked();
  }
  return {
    target,
    kind,
    properties: {
      targetResourceId: target.id,
      targetResourceGuid: target.properties.resourceGuid ?? "",
      storageId: storage.id,
      enabled,
      retentionPolicy: { days, enabled: retained ?? false },
      format: { type: "JSON", version },
      ...(filtering ? { enabledFilteringCriteria: filtering } : {}),
      ...(recordTypes ? { recordTypes } : {}),
      ...(analytics
        ? { flowAnalyticsConfiguration: { networkWatcherFlowAnalyticsConfiguration: analytics } }
        : {}),
    } as Record<string, unknown>,
  };
}

/** The filter expression as the spec describes it (a string); the service's 1000-character limit and no brackets. */
function filteringCriteriaOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw armErrors.filteringCriteriaInvalid("it must be a string");
  if (value.length > 1000)
    throw armErrors.filteringCriteriaInvalid(`it is ${value.length} characters long; the limit is 1000`);
  if (/[()[\]{}]/.test(value)) throw armErrors.filteringCriteriaInvalid("brackets are not supported");
  return value;
}

/** "Any comma separated combination string of letters B,C,E or D" (the spec), echoed as sent. */
function recordTypesOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw armErrors.recordTypesInvalid(value);
  const letters = value.split(",").map((t) => t.trim().toUpperCase());
  if (letters.some((t) => !["B", "C", "E", "D"].includes(t))) throw armErrors.recordTypesInvalid(value);
  return value;
}

/**
 * The identity to store from a request's `identity` (ManagedServiceIdentity): user-assigned ones as
 * ARM renders them, principalId and clientId filled from the identity resources (read-only); undefined
 * for "None". No identity in the request keeps the one the flow log has. System-assigned is refused.
 */
export function resolveIdentity(
  store: ResourceStore,
  requested: unknown,
  previous: Resource | undefined,
): Record<string, unknown> | undefined {
  if (requested === undefined || requested === null) return previous?.identity;
  const { type, userAssignedIdentities } = requested as {
    type?: unknown;
    userAssignedIdentities?: Record<string, unknown>;
  };
  if (type === "None") return undefined;
  if (type === "SystemAssigned" || type === "SystemAssigned, UserAssigned")
    throw armErrors.cannotSetResourceIdentity(type);
  if (type !== "UserAssigned")
    throw armErrors.invalidRequestContent(
      `identity.type ${JSON.stringify(type)} is not one of SystemAssigned, UserAssigned, 'SystemAssigned, UserAssigned', None`,
    );
  const ids = Object.keys(userAssignedIdentities ?? {});
  if (ids.length === 0)
    throw armErrors.invalidRequestContent(
      "identity.userAssignedIdentities is required for type UserAssigned",
    );
  const rendered = ids.map((id) => {
    const identity = store.get(id);
    if (identity?.type.toLowerCase() !== "microsoft.managedidentity/userassignedidentities")
      throw armErrors.identityNotFound(id);
    const { principalId, clientId } = identity.properties;
    return [identity.id, { principalId, clientId }];
  });
  return { type: "UserAssigned", userAssignedIdentities: Object.fromEntries(rendered) };
}

/** Stores a flow log (new or changed) and returns it. */
export function saveFlowLog(
  store: ResourceStore,
  watcher: Resource,
  name: string,
  properties: Record<string, unknown>,
  previous: Resource | undefined,
  tags?: Record<string, string>,
  identity?: Record<string, unknown>,
): Resource {
  // A new etag on every write; real traffic shows the watcher's etag equal to its flow log's after one.
  const etag = newEtag();
  const current = store.get(watcher.id) ?? watcher;
  store.put({ ...current, etag });
  const flowLog: Resource = {
    id: previous?.id ?? `${watcher.id}/flowLogs/${name}`,
    name: previous?.name ?? name,
    type: "Microsoft.Network/networkWatchers/flowLogs",
    location: watcher.location,
    etag,
    tags: tags ?? previous?.tags ?? {},
    ...(identity ? { identity } : {}),
    properties: { ...properties, provisioningState: "Succeeded" },
  };
  store.put(flowLog);
  return flowLog;
}

export function snapshotOf(store: ResourceStore, flowLog: Resource): FlowLogSnapshot {
  const p = flowLog.properties;
  const target = store.get(String(p.targetResourceId));
  return {
    id: flowLog.id,
    name: flowLog.name,
    location: flowLog.location ?? "",
    targetResourceId: String(p.targetResourceId),
    targetKind: (target && targetKindOf(target)) ?? "networkSecurityGroup",
    targetResourceGuid: String(p.targetResourceGuid ?? ""),
    storageId: String(p.storageId),
    enabled: Boolean(p.enabled),
    retentionPolicy: p.retentionPolicy as FlowLogSnapshot["retentionPolicy"],
    format: p.format as FlowLogSnapshot["format"],
    ...(p.flowAnalyticsConfiguration
      ? { trafficAnalytics: p.flowAnalyticsConfiguration as Record<string, unknown> }
      : {}),
    ...(p.enabledFilteringCriteria ? { enabledFilteringCriteria: String(p.enabledFilteringCriteria) } : {}),
    ...(p.recordTypes ? { recordTypes: String(p.recordTypes) } : {}),
    ...(flowLog.identity ? { identity: flowLog.identity } : {}),
    ...(flowLog.tags && Object.keys(flowLog.tags).length ? { tags: flowLog.tags } : {}),
    provisioningState: String(p.provisioningState ?? "Succeeded"),
  };
}

function regionKey(region: string): string {
  return region.replace(/\s+/g, "").toLowerCase();
}
