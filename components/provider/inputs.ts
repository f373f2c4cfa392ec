// The resolved (plain) inputs and outputs of the flow-log dynamic resource, and their defaults.
// Pure: no Pulumi runtime, no HTTP. The provider process and the component both use it.
import { targetKind } from "../azure/resource-id";
import { recordTypeList } from "./record-types";

/** The placeholder the engine sends for values not known until apply (e.g. IDs of resources in the same `up`). */
export const UNKNOWN_PLACEHOLDER = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_PLACEHOLDER;
}

export interface RetentionPolicyInputs {
  enabled: boolean;
  /** 0 keeps the logs forever. */
  days: number;
}

export interface FormatInputs {
  type: "JSON";
  version: number;
}

export interface TrafficAnalyticsInputs {
  enabled: boolean;
  workspaceResourceId: string;
  /** The workspace's GUID (customerId); looked up from the workspace when not given. */
  workspaceId?: string;
  /** The workspace's region; looked up from the workspace when not given. */
  workspaceRegion?: string;
  intervalInMinutes: number;
}

/** What destroy does to the flow log. */
export type OnDestroy = "disable" | "delete";

/** `identity` meaning "no managed identity". */
export const NO_IDENTITY = "none";

export interface NetworkWatcherInputs {
  resourceGroupName: string;
  name: string;
}

/** What the provider receives after `check`: every default applied. */
export interface FlowLogInputs {
  targetResourceId: string;
  storageAccountId: string;
  enabled: boolean;
  retentionPolicy: RetentionPolicyInputs;
  format: FormatInputs;
  trafficAnalytics?: TrafficAnalyticsInputs;
  networkWatcher?: NetworkWatcherInputs;
  /** Take over a target whose flow log is already enabled and not ours. Only consulted on create. */
  adoptExisting: boolean;
  /** Upper bound for one operation (create, update, delete, refresh), every Azure call and wait included. */
  timeoutMinutes: number;
  /**
   * The component's `customTimeouts`, in seconds; each, when given, bounds its operation instead of
   * `timeoutMinutes` (the provider cannot see the resource's options). Absent when none is given.
   */
  customTimeoutSeconds?: OperationTimeouts;
  /** Which flows to log; undefined logs every flow. */
  enabledFilteringCriteria?: string;
  /** Which flow states to log ("B", "C", "E", "D"); undefined logs all of them. */
  recordTypes?: string[];
  /** ARM ID of a user-assigned identity, or "none"; undefined means none too. */
  identity?: string;
  /** Tags the program sets besides the owner tag; undefined leaves the flow log's other tags alone. */
  tags?: Record<string, string>;
  /** Name of the flowLogs resource; undefined lets Azure's naming (or an existing flow log's name) stand. */
  flowLogName?: string;
  /** Resolved from the target when not given: "disable" for NSGs, "delete" otherwise. Unset while the target is unknown. */
  onDestroy?: OnDestroy;
  /** The component's URN: where the owner ID comes from, and how messages name this resource. */
  ownerUrn?: string;
  /**
   * Names this resource in the flow log's owner tag (see owner.ts): made at the first check and kept in
   * state. A create that finds its own tag goes on; a flow log tagged for another owner is never
   * changed or disabled by this one.
   */
  ownerId?: string;
}

export interface OperationTimeouts {
  create?: number;
  update?: number;
  delete?: number;
}

/** What the provider records in state: the inputs as applied, plus what Azure reports. */
export interface FlowLogOutputs extends FlowLogInputs {
  /** Only when the resource's ID does not say it (see recorded-outputs.ts). */
  networkWatcherId?: string;
  flowLogResourceId?: string;
  provisioningState: string;
  targetResourceGuid?: string;
  /** Set by refresh when the flow log's owner tag names another resource: ownership moved away. */
  foreignOwnerId?: string;
}

export const DEFAULT_RETENTION: RetentionPolicyInputs = { enabled: false, days: 0 };
export const DEFAULT_FORMAT: FormatInputs = { type: "JSON", version: 2 };
export const DEFAULT_TRAFFIC_ANALYTICS_INTERVAL = 60;
export const DEFAULT_TIMEOUT_MINUTES = 20;

type Raw = Record<string, unknown>;

/** Drops fields left undefined (say, a required field the program left out): the engine cannot serialize them. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutUndefined(v)])) as T;
}

function orDefault<T>(value: unknown, fallback: T): T {
  return value === undefined || value === null ? fallback : (value as T);
}

/** The keys that are set (not undefined or null), as they are. */
function optional(raw: Raw, keys: (keyof FlowLogInputs)[]): Partial<FlowLogInputs> {
  return Object.fromEntries(
    keys.filter((k) => raw[k] !== undefined && raw[k] !== null).map((k) => [k, raw[k]]),
  );
}

/**
 * Azure creates no new NSG flow logs, so an NSG's is disabled and kept; VNet, subnet and NIC flow logs
 * are deleted, as every peer tool does.
 */
export function defaultOnDestroy(targetResourceId: unknown): OnDestroy | undefined {
  if (typeof targetResourceId !== "string" || isUnknown(targetResourceId)) return undefined;
  const kind = targetKind(targetResourceId);
  if (!kind) return undefined;
  return kind === "networkSecurityGroup" ? "disable" : "delete";
}

/**
 * What destroy does, as recorded. Releases before `onDestroy` recorded none and promised to disable, so
 * a flow log they made keeps being disabled until the program says otherwise (see `check`).
 */
export function recordedOnDestroy(recorded: { onDestroy?: unknown }): OnDestroy {
  return (recorded.onDestroy as OnDestroy | undefined) ?? "disable";
}

function onDestroyOf(raw: Raw): { onDestroy?: OnDestroy } {
  return raw.onDestroy === undefined || raw.onDestroy === null
    ? {}
    : { onDestroy: raw.onDestroy as OnDestroy };
}

/**
 * Applies defaults to raw inputs as the engine hands them over (values may be unknown during preview).
 * Idempotent, so the same function serves old state written by earlier releases.
 */
export function withDefaults(raw: Raw): FlowLogInputs {
  const retention = orDefault<Raw>(raw.retentionPolicy, {});
  const format = orDefault<Raw>(raw.format, {});
  const ta = raw.trafficAnalytics as Raw | undefined | null;
  const days = orDefault(retention.days, DEFAULT_RETENTION.days);
  const inputs: FlowLogInputs = {
    targetResourceId: raw.targetResourceId as string,
    storageAccountId: raw.storageAccountId as string,
    enabled: orDefault(raw.enabled, true),
    retentionPolicy: {
      // A number of days on its own means "apply this policy".
      enabled: orDefault(retention.enabled, typeof days === "number" && days > 0),
      days,
    },
    format: {
      type: orDefault(format.type, DEFAULT_FORMAT.type),
      version: orDefault(format.version, DEFAULT_FORMAT.version),
    },
    adoptExisting: orDefault(raw.adoptExisting, false),
    timeoutMinutes: orDefault(raw.timeoutMinutes, DEFAULT_TIMEOUT_MINUTES),
    ...(raw.customTimeoutSeconds
      ? { customTimeoutSeconds: raw.customTimeoutSeconds as OperationTimeouts }
      : {}),
    ...optional(
      { ...raw, recordTypes: isUnknown(raw.recordTypes) ? raw.recordTypes : recordTypeList(raw.recordTypes) },
      ["enabledFilteringCriteria", "recordTypes", "identity", "tags", "flowLogName"],
    ),
    ...onDestroyOf(raw),
    ...(raw.ownerUrn ? { ownerUrn: raw.ownerUrn as string } : {}),
    ...(raw.ownerId ? { ownerId: raw.ownerId as string } : {}),
  };
  if (typeof inputs.format.type === "string" && !isUnknown(inputs.format.type)) {
    inputs.format.type = inputs.format.type.toUpperCase() as "JSON";
  }
  if (ta) {
    inputs.trafficAnalytics = {
      enabled: orDefault(ta.enabled, true),
      workspaceResourceId: ta.workspaceResourceId as string,
      intervalInMinutes: orDefault(ta.intervalInMinutes, DEFAULT_TRAFFIC_ANALYTICS_INTERVAL),
      ...(ta.workspaceId !== undefined ? { workspaceId: ta.workspaceId as string } : {}),
      ...(ta.workspaceRegion !== undefined ? { workspaceRegion: ta.workspaceRegion as string } : {}),
    };
  }
  const watcher = raw.networkWatcher as Raw | undefined | null;
  if (watcher) {
    inputs.networkWatcher = {
      resourceGroupName: watcher.resourceGroupName as string,
      name: watcher.name as string,
    };
  }
  return inputs;
}

/**
 * The inputs as the engine records them: without the owner ID (drawn by create, kept in outputs) and
 * without settings that only steer this provider while they hold their defaults, so a preview's diff
 * shows neither bookkeeping nor a default nobody wrote. `withDefaults` restores them.
 */
export function asRecorded(inputs: FlowLogInputs): Partial<FlowLogInputs> {
  const { ownerId: _owner, adoptExisting, timeoutMinutes, ...kept } = inputs;
  return {
    ...kept,
    ...(adoptExisting === false ? {} : { adoptExisting }),
    ...(timeoutMinutes === DEFAULT_TIMEOUT_MINUTES ? {} : { timeoutMinutes }),
  };
}

/** The bound of one operation in milliseconds: its custom timeout when given, else `timeoutMinutes`. */
export function operationTimeoutMs(inputs: FlowLogInputs, operation?: keyof OperationTimeouts): number {
  const custom = operation && inputs.customTimeoutSeconds?.[operation];
  return custom ? custom * 1000 : inputs.timeoutMinutes * 60_000;
}
