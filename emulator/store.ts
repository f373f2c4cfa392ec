// The emulator's resources behind a small interface, keyed case-insensitively as ARM matches IDs,
// while every resource keeps the casing it was created with (which is what ARM answers with).

export interface Resource {
  id: string;
  name: string;
  /** Canonical type, e.g. "Microsoft.Network/virtualNetworks/subnets". */
  type: string;
  location?: string;
  kind?: string;
  sku?: Record<string, unknown>;
  tags?: Record<string, string>;
  /** ManagedServiceIdentity, on resources that have one (flow logs with a user-assigned identity). */
  identity?: Record<string, unknown>;
  etag: string;
  properties: Record<string, unknown>;
}

export interface ResourceStore {
  get(id: string): Resource | undefined;
  put(resource: Resource): void;
  delete(id: string): boolean;
  all(): Resource[];
  /** Direct children of `parentId` whose last type segment is `childType` (case-insensitive). */
  children(parentId: string, childType: string): Resource[];
}

export class MemoryStore implements ResourceStore {
  private readonly byId = new Map<string, Resource>();

  get(id: string): Resource | undefined {
    return this.byId.get(id.toLowerCase());
  }

  put(resource: Resource): void {
    this.byId.set(resource.id.toLowerCase(), resource);
  }

  delete(id: string): boolean {
    return this.byId.delete(id.toLowerCase());
  }

  all(): Resource[] {
    return [...this.byId.values()];
  }

  children(parentId: string, childType: string): Resource[] {
    const prefix = `${parentId}/${childType}/`.toLowerCase();
    return this.all().filter((r) => {
      const id = r.id.toLowerCase();
      return id.startsWith(prefix) && !id.slice(prefix.length).includes("/");
    });
  }
}

/** The type and name ARM gives a resource ID. */
export function describeId(id: string): {
  type: string;
  name: string;
  subscriptionId: string;
  resourceGroup?: string;
} {
  const parts = id.split("/").filter(Boolean);
  const subscriptionId = parts[1];
  if (parts.length === 4 && parts[2].toLowerCase() === "resourcegroups") {
    return {
      type: "Microsoft.Resources/resourceGroups",
      name: parts[3],
      subscriptionId,
      resourceGroup: parts[3],
    };
  }
  const providers = parts.findIndex((p) => p.toLowerCase() === "providers");
  const resourceGroup = parts[2]?.toLowerCase() === "resourcegroups" ? parts[3] : undefined;
  const rest = parts.slice(providers + 1);
  const types = [rest[0]];
  for (let i = 1; i < rest.length; i += 2) types.push(rest[i]);
  return { type: types.join("/"), name: rest[rest.length - 1], subscriptionId, resourceGroup };
}

export function newEtag(): string {
  return `W/"${crypto.randomUUID()}"`;
}
