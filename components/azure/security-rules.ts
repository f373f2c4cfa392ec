// Reads an NSG's security rules (its own and Azure's default ones) through ARM, for the rule audit.
import { type SecurityRule as ArmSecurityRule, NetworkManagementClient } from "@azure/arm-network";
import type { TokenCredential } from "@azure/core-auth";
import { describeAzureError } from "./errors";
import { parseResourceId } from "./resource-id";
import type { CloudEndpoints } from "./types";

export interface NsgRule {
  name: string;
  /** The name flow logs give it: `UserRule_<name>` or `DefaultRule_<name>`. */
  loggedAs: string;
  isDefault: boolean;
  priority: number;
  direction: string;
  access: string;
  protocol: string;
  source: string;
  destination: string;
  destinationPorts: string;
}

export interface NsgRules {
  id: string;
  name: string;
  rules: NsgRule[];
}

const join = (one?: string, many?: string[]) => (many?.length ? many.join(",") : (one ?? "*"));

function toRule(rule: ArmSecurityRule, isDefault: boolean): NsgRule {
  const name = rule.name ?? "";
  return {
    name,
    loggedAs: `${isDefault ? "DefaultRule" : "UserRule"}_${name}`,
    isDefault,
    priority: rule.priority ?? 0,
    direction: rule.direction ?? "",
    access: rule.access ?? "",
    protocol: rule.protocol ?? "*",
    source: join(rule.sourceAddressPrefix, rule.sourceAddressPrefixes),
    destination: join(rule.destinationAddressPrefix, rule.destinationAddressPrefixes),
    destinationPorts: join(rule.destinationPortRange, rule.destinationPortRanges),
  };
}

/** The NSG's rules in evaluation order: by direction, then priority. */
export async function readNsgRules(
  nsgId: string,
  options: { cloud: CloudEndpoints; credential: TokenCredential },
): Promise<NsgRules> {
  const parsed = parseResourceId(nsgId);
  if (parsed?.type !== "microsoft.network/networksecuritygroups")
    throw new Error(
      `--nsg: got "${nsgId}"; expected an NSG resource ID, /subscriptions/…/resourceGroups/…/providers/Microsoft.Network/networkSecurityGroups/NAME`,
    );
  const client = new NetworkManagementClient(options.credential, parsed.subscriptionId, {
    endpoint: options.cloud.resourceManager,
    credentials: { scopes: [`${options.cloud.audience}/.default`] },
  });
  let nsg: Awaited<ReturnType<typeof client.networkSecurityGroups.get>>;
  try {
    nsg = await client.networkSecurityGroups.get(parsed.resourceGroupName, parsed.names[0]);
  } catch (e) {
    throw new Error(`reading NSG ${nsgId}: ${describeAzureError(e)}`);
  }
  const rules = [
    ...(nsg.securityRules ?? []).map((r) => toRule(r, false)),
    ...(nsg.defaultSecurityRules ?? []).map((r) => toRule(r, true)),
  ].sort((a, b) => a.direction.localeCompare(b.direction) || a.priority - b.priority);
  return { id: nsg.id ?? nsgId, name: nsg.name ?? parsed.names[0], rules };
}
