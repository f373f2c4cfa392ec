// An NSG's security rules read from a JSON file, for `flowlogs query --rules`: the NSG as ARM returns it
// (rules under properties) or as `az network nsg show` prints it (properties flattened). Each rule gets
// the name flow logs give it, UserRule_<name> or DefaultRule_<name>, to be matched against the tuples.
import { readFileSync } from "node:fs";

export interface FileRule {
  nsg: string;
  name: string;
  loggedAs: string;
  priority: number;
  direction: string;
  access: string;
}

interface RuleJson {
  name?: unknown;
  priority?: unknown;
  direction?: unknown;
  access?: unknown;
  properties?: RuleJson;
}

interface NsgJson {
  id?: unknown;
  securityRules?: RuleJson[];
  defaultSecurityRules?: RuleJson[];
  properties?: NsgJson;
}

const EXPECTED =
  "expected an NSG as JSON, as ARM returns it or `az network nsg show` prints it, with an id and securityRules";

function rulesOf(list: unknown, nsg: string, prefix: string, file: string): FileRule[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`--rules ${file}: ${prefix} rules are not a list; ${EXPECTED}`);
  return list.map((rule: RuleJson) => {
    const props = rule?.properties ?? rule;
    if (typeof rule?.name !== "string") throw new Error(`--rules ${file}: a rule has no name; ${EXPECTED}`);
    return {
      nsg,
      name: rule.name,
      loggedAs: `${prefix}_${rule.name}`,
      priority: Number(props?.priority ?? 0),
      direction: String(props?.direction ?? ""),
      access: String(props?.access ?? ""),
    };
  });
}

export function readRulesFile(file: string): FileRule[] {
  let nsg: NsgJson;
  try {
    nsg = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`--rules ${file}: ${(e as Error).message}; ${EXPECTED}`);
  }
  if (!nsg || typeof nsg !== "object" || typeof nsg.id !== "string")
    throw new Error(`--rules ${file}: no id; ${EXPECTED}`);
  const holder = nsg.properties ?? nsg;
  return [
    ...rulesOf(holder.securityRules, nsg.id, "UserRule", file),
    ...rulesOf(holder.defaultSecurityRules, nsg.id, "DefaultRule", file),
  ];
}
