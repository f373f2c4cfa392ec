// Reads an NSG's security rules (its own and Azure's default ones) through ARM, for the rule audit.
import type { ArmSession } from "./arm-session";
import { describeAzureError } from "./errors";
import { parseResourceId } from "./resource-id";

/** A security rule as ARM returns it (Microsoft.Network, securityRules and defaultSecurityRules). */
interface WireSecurityRule {
  name?: string;
  properties?: {
    priority?: number;
    direction?: string;
    access?: string;
    protocol?: string;
    sourceAddressPrefix?: string;
    sourceAddressPrefixes?: string[];
    destinationAddressPrefix?: string;
    destinationAddressPrefixes?: string[];
    destinationPortRange?: string;
    destinationPortRanges?: string[];
  };
}

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

function toRule(wire: WireSecurityRule, isDefault: boolean): NsgRule {
  const name = wire.name ?? "";
  const rule = wire.properties ?? {};
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
export async function readNsgRules(session: ArmSession, nsgId: string): Promise<NsgRules> {
  const parsed = parseResourceId(nsgId);
  if (parsed?.type !== "microsoft.network/networksecuritygroups")
    throw new Error(
      `--nsg: got "${nsgId}"; expected an NSG resource ID, /subscriptions/…/resourceGroups/…/providers/Microsoft.Network/networkSecurityGroups/NAME`,
    );
  let nsg: Awaited<ReturnType<ArmSession["getResource"]>>;
  try {
    nsg = await session.getResource(nsgId);
  } catch (e) {
    throw new Error(`reading NSG ${nsgId}: ${describeAzureError(e)}`);
  }
  if (!nsg) throw new Error(`reading NSG ${nsgId}: it does not exist`);
  const { securityRules = [], defaultSecurityRules = [] } = nsg.properties as {
    securityRules?: WireSecurityRule[];
    defaultSecurityRules?: WireSecurityRule[];
  };
  const rules = [
    ...securityRules.map((r) => toRule(r, false)),
    ...defaultSecurityRules.map((r) => toRule(r, true)),
  ].sort((a, b) => a.direction.localeCompare(b.direction) || a.priority - b.priority);
  return { id: nsg.id ?? nsgId, name: nsg.name ?? parsed.names[0], rules };
}
