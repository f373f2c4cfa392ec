// ARM resource IDs as users write them: parsing, kinds, and case-insensitive comparison.

export type TargetKind = "networkSecurityGroup" | "virtualNetwork" | "subnet" | "networkInterface";

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroupName: string;
  /** e.g. "microsoft.network/virtualnetworks/subnets", lower case, for matching. */
  type: string;
  /** Names along the type chain, e.g. ["vnet-1", "default"] for a subnet. */
  names: string[];
}

const ID_PATTERN =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)((?:\/[^/]+\/[^/]+)*)$/i;

/** Parses an ARM resource ID, or returns undefined when it is not one. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, subscriptionId, resourceGroupName, namespace, firstType, firstName, rest] = match;
  const types = [firstType];
  const names = [firstName];
  const pairs = rest.split("/").filter(Boolean);
  for (let i = 0; i < pairs.length; i += 2) {
    types.push(pairs[i]);
    names.push(pairs[i + 1]);
  }
  return {
    subscriptionId,
    resourceGroupName,
    type: `${namespace}/${types.join("/")}`.toLowerCase(),
    names,
  };
}

export const TARGET_TYPES: Record<string, TargetKind> = {
  "microsoft.network/networksecuritygroups": "networkSecurityGroup",
  "microsoft.network/virtualnetworks": "virtualNetwork",
  "microsoft.network/virtualnetworks/subnets": "subnet",
  "microsoft.network/networkinterfaces": "networkInterface",
};

export const STORAGE_ACCOUNT_TYPE = "microsoft.storage/storageaccounts";
export const WORKSPACE_TYPE = "microsoft.operationalinsights/workspaces";

export function targetKind(id: string): TargetKind | undefined {
  const parsed = parseResourceId(id);
  return parsed && TARGET_TYPES[parsed.type];
}

/** ARM treats IDs case-insensitively and often answers in a different casing than it was sent. */
export function sameResourceId(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
}

export function networkWatcherId(subscriptionId: string, resourceGroupName: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/networkWatchers/${name}`;
}

/**
 * The name at the end of an ARM resource ID ("nsg-1" of ".../networkSecurityGroups/nsg-1"); a value
 * without a slash (an admin rule's GUID) is its own name.
 */
export function resourceName(id: string): string;
export function resourceName(id: string | undefined): string | undefined;
export function resourceName(id: string | undefined): string | undefined {
  return id === undefined ? undefined : (id.split("/").filter(Boolean).pop() ?? id);
}

/** The name Azure gives a target's flow log: "Microsoft.Network" + resource group + target names. */
export function defaultFlowLogName(targetResourceId: string): string {
  const parsed = parseResourceId(targetResourceId)!;
  return `Microsoft.Network${parsed.resourceGroupName}${parsed.names.join("")}`;
}
