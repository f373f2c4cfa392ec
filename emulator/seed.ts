// The world the emulator starts with: tenants and their service principals, subscriptions, and ARM
// resources by ID. A `generate` block adds many virtual networks without a long file.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { defaultSecurityRules } from "./default-security-rules";

export interface SeedServicePrincipal {
  clientId: string;
  clientSecret: string;
  /** Federated credentials: tokens from these issuers and subjects may be exchanged. "self" is the emulator's own issuer. */
  federated?: { issuer: string; subject: string; audience?: string }[];
}

export interface SeedTenant {
  id: string;
  servicePrincipals: SeedServicePrincipal[];
}

export interface SeedSubscription {
  id: string;
  tenantId: string;
  displayName: string;
  /** Resource provider namespace -> registration state. */
  providers: Record<string, "Registered" | "NotRegistered">;
}

export interface SeedResource {
  id: string;
  location?: string;
  kind?: string;
  sku?: Record<string, unknown>;
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SeedGenerate {
  /** Adds `count` virtual networks `${prefix}-NNN` (each with one subnet `default`) to a resource group. */
  virtualNetworks?: {
    subscriptionId: string;
    resourceGroup: string;
    location: string;
    prefix: string;
    count: number;
  }[];
}

export interface Seed {
  tenants: SeedTenant[];
  subscriptions: SeedSubscription[];
  resources: SeedResource[];
  generate?: SeedGenerate;
}

const SEED_DIR = path.join(__dirname, "seed");
export const DEFAULT_SEED_PATH = path.join(SEED_DIR, "default.json");

/** A seed's file: a bundled seed's name ("default", "estate") or a path. */
export function seedPath(nameOrPath: string | undefined): string {
  if (nameOrPath === undefined) return DEFAULT_SEED_PATH;
  return /^[a-z][a-z0-9-]*$/.test(nameOrPath) ? path.join(SEED_DIR, `${nameOrPath}.json`) : nameOrPath;
}

function fail(why: string): never {
  throw new Error(`emulator seed: ${why}`);
}

/** Reads and checks a seed; every resource must sit in a known subscription and resource group. */
export function loadSeed(seed: Seed | string | undefined): Seed {
  const loaded: Seed = typeof seed === "object" ? seed : JSON.parse(readFileSync(seedPath(seed), "utf8"));
  if (
    !Array.isArray(loaded.tenants) ||
    !Array.isArray(loaded.subscriptions) ||
    !Array.isArray(loaded.resources)
  ) {
    fail("expected tenants, subscriptions and resources arrays");
  }
  const tenants = new Set(loaded.tenants.map((t) => t.id));
  for (const sub of loaded.subscriptions) {
    if (!tenants.has(sub.tenantId)) fail(`subscription ${sub.id} names unknown tenant ${sub.tenantId}`);
  }
  const subscriptions = new Set(loaded.subscriptions.map((s) => s.id.toLowerCase()));
  for (const resource of loaded.resources) {
    const sub = /^\/subscriptions\/([^/]+)\//i.exec(resource.id)?.[1];
    if (!sub || !subscriptions.has(sub.toLowerCase()))
      fail(`resource ${resource.id} is not in a seeded subscription`);
  }
  const resources = [...loaded.resources, ...generated(loaded.generate)].map(withDefaultRules);
  return { ...loaded, resources };
}

/** An NSG as Azure makes it: with its default security rules, unless the seed gives them. */
function withDefaultRules(resource: SeedResource): SeedResource {
  if (!/\/networkSecurityGroups\/[^/]+$/i.test(resource.id) || resource.properties?.defaultSecurityRules)
    return resource;
  return {
    ...resource,
    properties: {
      securityRules: [],
      ...resource.properties,
      defaultSecurityRules: defaultSecurityRules(resource.id),
    },
  };
}

function generated(generate: SeedGenerate | undefined): SeedResource[] {
  const resources: SeedResource[] = [];
  for (const spec of generate?.virtualNetworks ?? []) {
    for (let i = 1; i <= spec.count; i++) {
      const name = `${spec.prefix}-${String(i).padStart(3, "0")}`;
      const id = `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${name}`;
      const prefix = `10.${Math.floor(i / 256) + 100}.${i % 256}`;
      resources.push({
        id,
        location: spec.location,
        properties: { addressSpace: { addressPrefixes: [`${prefix}.0/24`] } },
      });
      resources.push({ id: `${id}/subnets/default`, properties: { addressPrefix: `${prefix}.0/26` } });
    }
  }
  return resources;
}
