// The watcher's flowLogs child resource: list, get, create or update (201/200 + Azure-AsyncOperation +
// Retry-After), delete (202 with Azure-AsyncOperation, Location and Retry-After, or 204), and tag
// updates. Headers and bodies as recorded real traffic has them (see README, "Recorded answers").
import type { EmulatorContext } from "../context";
import { armErrors } from "../errors";
import {
  findFlowLogOf,
  identityInFlight,
  notFound,
  renewWatcherEtag,
  resolveIdentity,
  saveFlowLog,
  snapshotOf,
  validateFlowLog,
} from "../flow-log-rules";
import { type EmuRequest, json, type Route } from "../http";
import { newEtag, type Resource } from "../store";
import { operationUrl, ruleContext, startChange } from "./changes";
import { pageOf } from "./pages";
import { render } from "./resources";
import { rejectUnknownFields } from "./strict";

const WATCHER = String.raw`(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/networkWatchers\/([^/]+))`;
const SUBNET = /\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;
const READ_ONLY = ["id", "name", "type", "etag"];
const PROPERTIES = [
  "targetResourceId",
  "storageId",
  "enabled",
  "retentionPolicy",
  "format",
  "flowAnalyticsConfiguration",
  "enabledFilteringCriteria",
  "recordTypes",
];

interface FlowLogBody {
  location?: string;
  tags?: Record<string, string>;
  identity?: unknown;
  properties?: Record<string, unknown>;
}

/**
 * A flowLogs resource as ARM returns it: its identity (outside `properties`) included, and its
 * watcher's current etag, which every GET and list shows rather than the etag of its own last write.
 */
function renderFlowLog(ctx: EmulatorContext, flowLog: Resource): Record<string, unknown> {
  const watcher = ctx.store.get(flowLog.id.replace(/\/flowLogs\/[^/]+$/i, ""));
  return {
    ...render(ctx, flowLog),
    ...(watcher ? { etag: watcher.etag } : {}),
    ...(flowLog.identity ? { identity: flowLog.identity } : {}),
  };
}

function watcherOrParentMissing(ctx: EmulatorContext, id: string, name: string): Resource {
  const watcher = ctx.store.get(id);
  if (!watcher) throw armErrors.parentResourceNotFound(name);
  return watcher;
}

function flowLogOrNotFound(ctx: EmulatorContext, watcherId: string, name: string): Resource {
  return ctx.store.get(`${watcherId}/flowLogs/${name}`) ?? notFound(`${watcherId}/flowLogs/${name}`);
}

function put(req: EmuRequest, ctx: EmulatorContext, watcherId: string, watcherName: string, name: string) {
  const watcher = watcherOrParentMissing(ctx, watcherId, watcherName);
  const body = (req.body ?? {}) as FlowLogBody;
  if (!ctx.options.loose) {
    rejectUnknownFields(body, ["location", "tags", "identity", "properties", ...READ_ONLY], "");
    rejectUnknownFields(
      body.properties ?? {},
      [...PROPERTIES, "provisioningState", "targetResourceGuid"],
      "properties.",
    );
  }
  const p = body.properties ?? {};
  const previous = ctx.store.get(`${watcher.id}/flowLogs/${name}`);
  const target =
    ctx.store.get(String(p.targetResourceId ?? "")) ?? notFound(String(p.targetResourceId ?? ""));
  const other = findFlowLogOf(ctx.store, watcher.id, target.id);
  if (other && other.id.toLowerCase() !== previous?.id.toLowerCase()) {
    // One flow log per target (inferred code; Azure's text was not found).
    throw armErrors.invalidRequestContent(`target ${target.id} already has flow log ${other.id}`);
  }
  const { properties } = validateFlowLog(
    ruleContext(ctx),
    watcher,
    {
      targetResourceId: target.id,
      storageId: String(p.storageId ?? ""),
      enabled: p.enabled ?? true,
      retentionPolicy: p.retentionPolicy as object,
      format: p.format as object,
      flowAnalyticsConfiguration: p.flowAnalyticsConfiguration as never,
      enabledFilteringCriteria: p.enabledFilteringCriteria,
      recordTypes: p.recordTypes,
    },
    previous,
  );
  const identity = resolveIdentity(ctx.store, body.identity, previous);
  const commit = () => {
    const saved = saveFlowLog(ctx.store, watcher, name, properties, previous, body.tags, identity);
    ctx.options.onFlowLogChange(snapshotOf(ctx.store, saved));
    return undefined;
  };
  const unsaved: Resource = {
    id: `${watcher.id}/flowLogs/${name}`,
    name,
    type: "Microsoft.Network/networkWatchers/flowLogs",
    location: watcher.location,
    etag: newEtag(),
    // A create that fails leaves the resource as requested, tags included, in provisioning state Failed.
    tags: body.tags,
    ...(identity ? { identity } : {}),
    properties,
  };
  const markFailed = () => {
    const base = previous ?? unsaved;
    ctx.store.put({ ...base, properties: { ...base.properties, provisioningState: "Failed" } });
  };
  const operation = startChange(req, ctx, {
    watcher,
    target,
    operationName: "flowLogs.put",
    commit,
    onFailure: markFailed,
  });
  const shown = ctx.store.get(`${watcher.id}/flowLogs/${name}`) ?? unsaved;
  const inFlight =
    operation.status === "InProgress" ? "Updating" : String(shown.properties.provisioningState);
  // The answer shows the settings as sent, an etag of its own, and identities not yet filled in; a
  // filter the request left out is left out of it (2024), though later reads show "".
  const { enabledFilteringCriteria, ...answered } = properties;
  return json(
    previous ? 200 : 201,
    {
      ...renderFlowLog(ctx, shown),
      etag: unsaved.etag,
      ...(identity && inFlight === "Updating" ? { identity: identityInFlight(identity) } : {}),
      properties: {
        ...answered,
        ...(p.enabledFilteringCriteria !== undefined ? { enabledFilteringCriteria } : {}),
        provisioningState: inFlight,
      },
    },
    {
      "Azure-AsyncOperation": operationUrl(ctx, req, operation, "operations"),
      "azure-asyncnotification": "Enabled",
      "Retry-After": String(ctx.options.latency.retryAfterSeconds),
    },
  );
}

function remove(req: EmuRequest, ctx: EmulatorContext, watcherId: string, watcherName: string, name: string) {
  const watcher = watcherOrParentMissing(ctx, watcherId, watcherName);
  const flowLog = ctx.store.get(`${watcher.id}/flowLogs/${name}`);
  if (!flowLog) return { status: 204 };
  const targetId = String(flowLog.properties.targetResourceId);
  const target = ctx.store.get(targetId);
  // Azure refuses to delete a flow log whose subnet is gone, and keeps listing it (Azure/azure-cli#31506).
  // No such report was found for a gone VNet, NIC or NSG, so those deletes still succeed.
  if (!target && SUBNET.test(targetId)) throw armErrors.subnetNotFoundForFlowLog(targetId);
  const operation = startChange(req, ctx, {
    watcher,
    target: target ?? flowLog,
    operationName: "flowLogs.delete",
    commit: () => {
      ctx.store.delete(flowLog.id);
      ctx.options.onFlowLogChange({
        ...snapshotOf(ctx.store, flowLog),
        enabled: false,
        provisioningState: "Deleted",
      });
      return undefined;
    },
  });
  return json(202, undefined, {
    "Azure-AsyncOperation": operationUrl(ctx, req, operation, "operations"),
    Location: operationUrl(ctx, req, operation, "operationResults"),
    "Retry-After": String(ctx.options.latency.retryAfterSeconds),
    "azure-asyncnotification": "Enabled",
  });
}

export const flowLogChildRoutes: Route[] = [
  {
    method: "GET",
    pattern: new RegExp(`^${WATCHER}/flowLogs$`, "i"),
    operation: "flowLogs.list",
    access: "arm",
    handle: (req, ctx, m) => {
      const watcher = watcherOrParentMissing(ctx, m[1], m[2]);
      return pageOf(
        ctx,
        req,
        ctx.store.children(watcher.id, "flowLogs").map((f) => renderFlowLog(ctx, f)),
      );
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${WATCHER}/flowLogs/([^/]+)$`, "i"),
    operation: "flowLogs.get",
    access: "arm",
    handle: (_req, ctx, m) => json(200, renderFlowLog(ctx, flowLogOrNotFound(ctx, m[1], m[3]))),
  },
  {
    method: "PUT",
    pattern: new RegExp(`^${WATCHER}/flowLogs/([^/]+)$`, "i"),
    operation: "flowLogs.put",
    access: "arm",
    handle: (req, ctx, m) => put(req, ctx, m[1], m[2], m[3]),
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^${WATCHER}/flowLogs/([^/]+)$`, "i"),
    operation: "flowLogs.delete",
    access: "arm",
    handle: (req, ctx, m) => remove(req, ctx, m[1], m[2], m[3]),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^${WATCHER}/flowLogs/([^/]+)$`, "i"),
    operation: "flowLogs.updateTags",
    access: "arm",
    handle: (req, ctx, m) => {
      const flowLog = flowLogOrNotFound(ctx, m[1], m[3]);
      const tags = ((req.body ?? {}) as { tags?: Record<string, string> }).tags ?? {};
      const tagged = { ...flowLog, tags, etag: renewWatcherEtag(ctx.store, m[1]) };
      ctx.store.put(tagged);
      return json(200, renderFlowLog(ctx, tagged));
    },
  },
];
