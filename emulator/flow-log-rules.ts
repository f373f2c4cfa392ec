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
export interface RequestedFlowLog {
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

const FORMAT_TYPES = ["JSON", "FlowLogJSON"];

/**
 * The format to store. A VNet, subnet or NIC flow log made without one is `{FlowLogJSON, 2}`, an NSG's
 * `{JSON, 1}`; a type sent is echoed, `FlowLogJSON` included (recorded, see README "Recorded answers").
 */
function formatOf(format: RequestedFlowLog["format"], kind: FlowLogSnapshot["targetKind"]) {
  if (format === undefined || format === null)
    return kind === "networkSecurityGroup"
      ? { type: "JSON", version: 1 }
      : { type: "FlowLogJSON", version: 2 };
  const type = format.type ?? "JSON";
  const known = typeof type === "string" && FORMAT_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
  if (!known) throw armErrors.formatTypeInvalid(type);
  const version = armInteger(format.version, "properties.format.version") || 1;
  if (version !== 1 && version !== 2) throw armErrors.formatVersionInvalid(version);
  return { type: known, version };
}

/**
 * Checks settings as the service does and returns them normalised: defaults filled, the target and
 * storage IDs in stored casing, the workspace ID as sent. VNet, subnet and NIC flow logs always carry
 * `enabledFilteringCriteria` ("" for none) and `flowAnalyticsConfiguration` (`{}` for none), as recorded.
 */
export function validateFlowLog(
  ctx: RuleContext,
  watcher: Resource,
  settings: RequestedFlowLog,
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
  const format = formatOf(settings.format, kind);

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
      analytics = { ...analytics, trafficAnalyticsInterval: interval };
    }
  }

  const vnetGeneration = kind !== "networkSecurityGroup";
  const filtering =
    filteringCriteriaOf(settings.enabledFilteringCriteria) ?? (vnetGeneration ? "" : undefined);
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
      format,
      ...(filtering !== undefined ? { enabledFilteringCriteria: filtering } : {}),
      ...(recordTypes ? { recordTypes } : {}),
      ...(analytics
        ? { flowAnalyticsConfiguration: { networkWatcherFlowAnalyticsConfiguration: analytics } }
        : vnetGeneration
          ? { flowAnalyticsConfiguration: {} }
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

/** Azure's answer to a PUT of `UserAssigned` (recorded, API 2024-01-01). */
const USER_ASSIGNED = "userAssigned";

/** The identity as the PUT's own answer shows it: principalId and clientId not yet filled in. */
export function identityInFlight(identity: Record<string, unknown>): Record<string, unknown> {
  const assigned = (identity.userAssignedIdentities ?? {}) as Record<string, unknown>;
  const blank = Object.keys(assigned).map((id) => [id, { principalId: "", clientId: "" }]);
  return { ...identity, userAssignedIdentities: Object.fromEntries(blank) };
}

/**
 * The identity to store from a request's `identity` (ManagedServiceIdentity), as Azure answers it:
 * type `userAssigned` whatever the casing sent, each identity under the ID as sent, principalId and
 * clientId filled from the identity resources (read-only); undefined for "None". No identity in the
 * request keeps the one the flow log has. System-assigned is refused.
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
  const kind = typeof type === "string" ? type.toLowerCase() : "";
  if (kind === "none") return undefined;
  if (kind === "systemassigned" || kind === "systemassigned, userassigned")
    throw armErrors.cannotSetResourceIdentity(String(type));
  if (kind !== "userassigned")
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
    return [id, { principalId, clientId }];
  });
  return { type: USER_ASSIGNED, userAssignedIdentities: Object.fromEntries(rendered) };
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
  const etag = renewWatcherEtag(store, watcher.id);
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

/**
 * Every write to a flow log gives its watcher a new etag, and every flow log shows its watcher's
 * current etag (recorded: all of a watcher's flow logs in a list carry the watcher's etag).
 */
export function renewWatcherEtag(store: ResourceStore, watcherId: string): string {
  const etag = newEtag();
  const watcher = store.get(watcherId);
  if (watcher) store.put({ ...watcher, etag });
  return etag;
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
    ...(hasTrafficAnalytics(p.flowAnalyticsConfiguration)
      ? { trafficAnalytics: p.flowAnalyticsConfiguration as Record<string, unknown> }
      : {}),
    ...(p.enabledFilteringCriteria ? { enabledFilteringCriteria: String(p.enabledFilteringCriteria) } : {}),
    ...(p.recordTypes ? { recordTypes: String(p.recordTypes) } : {}),
    ...(flowLog.identity ? { identity: flowLog.identity } : {}),
    ...(flowLog.tags && Object.keys(flowLog.tags).length ? { tags: flowLog.tags } : {}),
    provisioningState: String(p.provisioningState ?? "Succeeded"),
  };
}

/** `{}` is how Azure says "no traffic analytics". */
function hasTrafficAnalytics(value: unknown): boolean {
  return Boolean(
    (value as { networkWatcherFlowAnalyticsConfiguration?: unknown })
      ?.networkWatcherFlowAnalyticsConfiguration,
  );
}

function regionKey(region: string): string {
  return region.replace(/\s+/g, "").toLowerCase();
}
