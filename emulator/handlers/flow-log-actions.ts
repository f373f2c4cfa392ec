// Network Watcher's legacy flow-log actions: configureFlowLog (long-running, answered 202 + Location
// as real traffic shows, or 200 in "sync" mode) and queryFlowLogStatus (always a synchronous 200).
import type { EmulatorContext } from "../context";
import { armErrors } from "../errors";
import {
  findFlowLogOf,
  notFound,
  resolveIdentity,
  saveFlowLog,
  snapshotOf,
  targetKindOf,
  validateFlowLog,
} from "../flow-log-rules";
import { type EmuRequest, json, type Route } from "../http";
import { describeId, type Resource } from "../store";
import { operationUrl, ruleContext, startChange } from "./changes";
import { rejectUnknownFields } from "./strict";

const WATCHER = String.raw`(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/networkWatchers\/[^/]+)`;

interface ConfigureBody {
  targetResourceId?: string;
  properties?: {
    storageId?: string;
    enabled?: unknown;
    retentionPolicy?: object;
    format?: object;
    enabledFilteringCriteria?: unknown;
    recordTypes?: unknown;
  };
  flowAnalyticsConfiguration?: { networkWatcherFlowAnalyticsConfiguration?: Record<string, unknown> };
  identity?: unknown;
}

/**
 * What the Location poll of an async configureFlowLog ends with: real traffic shows a partial
 * FlowLogInformation, without storageId and traffic analytics even when both are set.
 */
function partialFlowLogInformation(flowLog: Resource): Record<string, unknown> {
  const { targetResourceId, enabled, retentionPolicy, format } = flowLog.properties;
  return { targetResourceId, properties: { enabled, retentionPolicy, format } };
}

/**
 * FlowLogInformation: the actions' shape, traffic analytics and identity outside `properties`, and
 * the filter and record types inside it (FlowLogProperties), as the spec has them.
 */
export function flowLogInformation(flowLog: Resource): Record<string, unknown> {
  const { targetResourceId, flowAnalyticsConfiguration, enabledFilteringCriteria, recordTypes } =
    flowLog.properties;
  const { storageId, enabled, retentionPolicy, format } = flowLog.properties;
  return {
    targetResourceId,
    properties: {
      storageId,
      enabled,
      retentionPolicy,
      format,
      ...(enabledFilteringCriteria ? { enabledFilteringCriteria } : {}),
      ...(recordTypes ? { recordTypes } : {}),
    },
    ...(flowAnalyticsConfiguration ? { flowAnalyticsConfiguration } : {}),
    ...(flowLog.identity ? { identity: flowLog.identity } : {}),
  };
}

function targetFor(ctx: EmulatorContext, id: string | undefined): Resource {
  if (!id) throw armErrors.invalidRequestContent("targetResourceId is required");
  const target = ctx.store.get(id) ?? notFound(id);
  if (targetKindOf(target) !== "networkSecurityGroup" && !ctx.options.loose)
    throw armErrors.unsupportedTarget(target.id);
  return target;
}

function configure(req: EmuRequest, ctx: EmulatorContext, watcherId: string) {
  const watcher = ctx.store.get(watcherId) ?? notFound(watcherId);
  const body = (req.body ?? {}) as ConfigureBody;
  if (!ctx.options.loose) {
    rejectUnknownFields(
      body,
      ["targetResourceId", "properties", "flowAnalyticsConfiguration", "identity"],
      "",
    );
    rejectUnknownFields(
      body.properties ?? {},
      ["storageId", "enabled", "retentionPolicy", "format", "enabledFilteringCriteria", "recordTypes"],
      "properties.",
    );
  }
  if (!body.properties) throw armErrors.invalidRequestContent("properties is required");
  const target = targetFor(ctx, body.targetResourceId);
  const existing = findFlowLogOf(ctx.store, watcher.id, target.id);
  const { properties } = validateFlowLog(
    ruleContext(ctx),
    watcher,
    {
      targetResourceId: target.id,
      storageId: body.properties.storageId ?? "",
      enabled: body.properties.enabled,
      retentionPolicy: body.properties.retentionPolicy,
      format: body.properties.format,
      flowAnalyticsConfiguration: body.flowAnalyticsConfiguration,
      enabledFilteringCriteria: body.properties.enabledFilteringCriteria,
      recordTypes: body.properties.recordTypes,
    },
    existing,
  );
  const identity = resolveIdentity(ctx.store, body.identity, existing);
  const name = existing?.name ?? `Microsoft.Network${describeId(target.id).resourceGroup}${target.name}`;
  const sync = ctx.options.configureFlowLogMode === "sync";
  const commit = () => {
    const saved = saveFlowLog(ctx.store, watcher, name, properties, existing, undefined, identity);
    ctx.options.onFlowLogChange(snapshotOf(ctx.store, saved));
    return sync ? flowLogInformation(saved) : partialFlowLogInformation(saved);
  };
  if (sync) return json(200, commit());
  const operation = startChange(req, ctx, { watcher, target, operationName: "configureFlowLog", commit });
  const location = operationUrl(ctx, req, operation, "operationResults");
  return json(202, null, {
    Location: location,
    "Retry-After": String(ctx.options.latency.retryAfterSeconds),
  });
}

function queryStatus(req: EmuRequest, ctx: EmulatorContext, watcherId: string) {
  const watcher = ctx.store.get(watcherId) ?? notFound(watcherId);
  const body = (req.body ?? {}) as { targetResourceId?: string };
  if (!ctx.options.loose) rejectUnknownFields(body, ["targetResourceId"], "");
  const target = targetFor(ctx, body.targetResourceId);
  const flowLog = findFlowLogOf(ctx.store, watcher.id, target.id);
  // Not documented for a target without a flow log; the emulator answers "disabled, no storage" (inferred).
  if (!flowLog)
    return json(200, { targetResourceId: target.id, properties: { storageId: "", enabled: false } });
  return json(200, flowLogInformation(flowLog));
}

export const flowLogActionRoutes: Route[] = [
  {
    method: "POST",
    pattern: new RegExp(`^${WATCHER}/configureFlowLog$`, "i"),
    operation: "configureFlowLog",
    access: "arm",
    handle: (req, ctx, m) => configure(req, ctx, m[1]),
  },
  {
    method: "POST",
    pattern: new RegExp(`^${WATCHER}/queryFlowLogStatus$`, "i"),
    operation: "queryFlowLogStatus",
    access: "arm",
    handle: (req, ctx, m) => queryStatus(req, ctx, m[1]),
  },
];
