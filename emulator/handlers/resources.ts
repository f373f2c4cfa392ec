// Reads of ARM resources (watchers, NSGs, virtual networks, subnets, NICs, storage accounts,
// workspaces, resource groups, subscriptions), provider registration, and storage account keys. Reads
// fill in what ARM derives: a VNet's subnets, an NSG's flow logs and attachments, a subnet's NICs.
import { apiVersionsOf } from "../api-versions";
import { isScaleSetNic, NIC_TYPE, nsgAttachments, subnetIpConfigurations } from "../associations";
import type { EmulatorContext } from "../context";
import { armErrors } from "../errors";
import { notFound } from "../flow-log-rules";
import { json, type Route } from "../http";
import type { SeedSubscription } from "../seed";
import { describeId, type Resource } from "../store";

/**
 * The read-only `flowLogs` list ARM derives on a target: the spec gives it to network security groups
 * and virtual networks ("A collection of references to flow log resources": @azure/arm-network 39's
 * VirtualNetworkPropertiesFormat, and pulumi/pulumi-azure-native's generated getVirtualNetwork.ts), not
 * to subnets or network interfaces (neither type has it there).
 */
function flowLogsOf(ctx: EmulatorContext, targetId: string): { id: string }[] {
  return ctx.store
    .all()
    .filter((r) => r.type === "Microsoft.Network/networkWatchers/flowLogs")
    .filter((f) => String(f.properties.targetResourceId).toLowerCase() === targetId.toLowerCase())
    .map((f) => ({ id: f.id }));
}

/** A resource as ARM returns it, with the parts ARM derives from other resources filled in. */
export function render(ctx: EmulatorContext, resource: Resource): Record<string, unknown> {
  const properties = { ...resource.properties };
  const type = resource.type.toLowerCase();
  if (type === "microsoft.network/virtualnetworks") {
    properties.subnets = ctx.store.children(resource.id, "subnets").map((s) => render(ctx, s));
    properties.flowLogs = flowLogsOf(ctx, resource.id);
  }
  if (type === "microsoft.network/networksecuritygroups") {
    properties.flowLogs = flowLogsOf(ctx, resource.id);
    Object.assign(properties, nsgAttachments(ctx.store, resource.id));
  }
  if (type === "microsoft.network/virtualnetworks/subnets") {
    const ipConfigurations = subnetIpConfigurations(ctx.store, resource.id);
    if (ipConfigurations.length) properties.ipConfigurations = ipConfigurations;
  }
  if (type === "microsoft.network/networkwatchers") {
    // Not in the swagger but in every recorded watcher; the emulator runs nothing there (inferred).
    properties.runningOperationIds ??= [];
  }
  return {
    id: resource.id,
    name: resource.name,
    type: isScaleSetNic(resource) ? NIC_TYPE : resource.type,
    ...(resource.location ? { location: resource.location } : {}),
    ...(resource.kind ? { kind: resource.kind } : {}),
    ...(resource.sku ? { sku: resource.sku } : {}),
    ...(type.startsWith("microsoft.resources/") ? {} : { etag: resource.etag }),
    ...(resource.tags && Object.keys(resource.tags).length ? { tags: resource.tags } : {}),
    properties,
  };
}

/**
 * The namespace's resource types with their regions and api-versions (newest first), as ARM lists
 * them; the Azure CLI picks the api-version for a GET by resource ID from here.
 */
function resourceTypes(ctx: EmulatorContext, namespace: string) {
  const prefix = `${namespace.toLowerCase()}/`;
  const types = new Map<string, Set<string>>();
  for (const resource of ctx.store.all()) {
    if (!resource.type.toLowerCase().startsWith(prefix)) continue;
    const name = resource.type.slice(prefix.length);
    const regions = types.get(name) ?? new Set<string>();
    if (resource.location) regions.add(resource.location);
    types.set(name, regions);
  }
  const apiVersions = apiVersionsOf(namespace);
  return [...types].map(([resourceType, regions]) => ({
    resourceType,
    locations: [...regions],
    apiVersions,
    defaultApiVersion: apiVersions[0],
    capabilities: "None",
  }));
}

function providerDocument(ctx: EmulatorContext, subscriptionId: string, namespace: string) {
  const key = `${subscriptionId}/${namespace}`.toLowerCase();
  const state = ctx.registrations.get(key) ?? "NotRegistered";
  // Registration takes a moment in Azure; the emulator finishes it on the next read.
  if (state === "Registering") ctx.registrations.set(key, "Registered");
  return {
    id: `/subscriptions/${subscriptionId}/providers/${namespace}`,
    namespace,
    resourceTypes: resourceTypes(ctx, namespace),
    registrationState: state,
    registrationPolicy: "RegistrationRequired",
  };
}

function subscriptionDocument(sub: SeedSubscription) {
  return {
    id: `/subscriptions/${sub.id}`,
    subscriptionId: sub.id,
    tenantId: sub.tenantId,
    displayName: sub.displayName,
    state: "Enabled",
    subscriptionPolicies: {
      locationPlacementId: "Public_2014-09-01",
      quotaId: "PayAsYouGo_2014-09-01",
      spendingLimit: "Off",
    },
    authorizationSource: "RoleBased",
  };
}

export const resourceRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions$/i,
    operation: "subscriptions.list",
    access: "arm",
    // The subscriptions of the token's tenant (the Azure CLI lists them at `az login`).
    handle: (req, ctx) => {
      const subs = ctx.seed.subscriptions.filter((s) => s.tenantId === req.tenantId);
      return json(200, { value: subs.map(subscriptionDocument) });
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)$/i,
    operation: "subscriptions.get",
    access: "arm",
    handle: (_req, ctx, m) => json(200, subscriptionDocument(ctx.subscription(m[1])!)),
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Network\/networkWatchers$/i,
    operation: "networkWatchers.list",
    access: "arm",
    handle: (_req, ctx, m) => {
      const watchers = ctx.store
        .all()
        .filter(
          (r) =>
            r.type === "Microsoft.Network/networkWatchers" &&
            describeId(r.id).subscriptionId.toLowerCase() === m[1].toLowerCase(),
        );
      return json(200, { value: watchers.map((w) => render(ctx, w)) });
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/([^/]+)$/i,
    operation: "providers.get",
    access: "arm",
    handle: (_req, ctx, m) => json(200, providerDocument(ctx, ctx.subscription(m[1])!.id, m[2])),
  },
  {
    method: "POST",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/([^/]+)\/register$/i,
    operation: "providers.register",
    access: "arm",
    handle: (_req, ctx, m) => {
      const sub = ctx.subscription(m[1])!;
      const key = `${sub.id}/${m[2]}`.toLowerCase();
      if (ctx.registrations.get(key) !== "Registered") ctx.registrations.set(key, "Registering");
      return json(200, providerDocument(ctx, sub.id, m[2]));
    },
  },
  {
    method: "POST",
    pattern:
      /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+)\/listKeys$/i,
    operation: "storageAccounts.listKeys",
    access: "arm",
    handle: (_req, ctx, m) => {
      const account = ctx.store.get(m[1]) ?? notFound(m[1]);
      return json(200, { keys: ctx.storageKeys.get(account.id.toLowerCase()) ?? [] });
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+(\/providers\/.+)?$/i,
    operation: "resources.get",
    access: "arm",
    handle: (req, ctx) => {
      const resource = ctx.store.get(req.path);
      if (resource) return json(200, render(ctx, resource));
      const { resourceGroup, subscriptionId } = describeId(req.path);
      if (
        resourceGroup &&
        !ctx.store.get(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`)
      ) {
        throw armErrors.resourceGroupNotFound(resourceGroup);
      }
      return notFound(req.path);
    },
  },
];
