// The filter expression of a VNet flow log (`enabledFilteringCriteria`), checked before Azure sees it.
// Pure. The grammar follows the REST spec's field list and Microsoft's examples
// (`srcIP=158.255.7.8 || dstPort=56891`): conditions `<field>=<values>` joined by `||` and `&&`, where
// `&&` binds tighter; no brackets; at most 1000 characters.
import { isIP } from "node:net";

export const MAX_FILTER_LENGTH = 1000;

const FIELDS = ["SrcIP", "SrcPort", "DstIP", "DstPort", "Protocol", "Encryption", "Direction", "Action"];

/** The grammar in one line, for error messages. */
export const FILTER_GRAMMAR =
  `conditions "<field>=<value>[,<value>...]" joined by "||" or "&&" ("&&" binds tighter; no brackets), ` +
  `at most ${MAX_FILTER_LENGTH} characters; fields ${FIELDS.join(", ")} (any case); ` +
  "IPs as addresses, CIDR blocks or a-b ranges, ports 0-65535 or a-b ranges";

function isAddress(value: string): boolean {
  const [address, prefix, extra] = value.split("/");
  if (extra !== undefined || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}

function isPort(value: string): boolean {
  return /^\d{1,5}$/.test(value) && Number(value) <= 65535;
}

/** One value, or an `a-b` range of two (for IPv4 and ports; IPv6 addresses contain no "-"). */
function rangeOf(check: (v: string) => boolean) {
  return (value: string) => {
    const ends = value.split("-");
    return ends.length <= 2 && ends.every((end) => end !== "" && check(end));
  };
}

const WORD = (value: string) => /^[A-Za-z0-9_]+$/.test(value);

const VALUE_RULES: Record<string, { ok: (v: string) => boolean; expected: string }> = {
  srcip: { ok: rangeOf(isAddress), expected: "an IP address, CIDR block or a-b range" },
  dstip: { ok: rangeOf(isAddress), expected: "an IP address, CIDR block or a-b range" },
  srcport: { ok: rangeOf(isPort), expected: "a port 0-65535 or a-b range" },
  dstport: { ok: rangeOf(isPort), expected: "a port 0-65535 or a-b range" },
};

/**
 * Why the expression is not one Azure accepts, or undefined when it is. `""` is Azure's own "no filter"
 * (what it stores and answers for a flow log made without one, and what PowerShell sends), so it is
 * accepted and means every flow, as leaving the filter out does.
 */
export function filterProblem(expression: string): string | undefined {
  if (expression === "") return undefined;
  if (expression.trim() === "") return 'it is only white space (leave it out, or give "", to log every flow)';
  if (expression.length > MAX_FILTER_LENGTH)
    return `it is ${expression.length} characters long, over the limit of ${MAX_FILTER_LENGTH}`;
  const bracket = /[()[\]{}]/.exec(expression);
  if (bracket)
    return `brackets are not accepted (found "${bracket[0]}"); "&&" already binds tighter than "||"`;
  for (const condition of expression.split(/\|\||&&/)) {
    const problem = conditionProblem(condition.trim());
    if (problem) return problem;
  }
  return undefined;
}

function conditionProblem(condition: string): string | undefined {
  if (condition === "") return 'a condition is missing around "||" or "&&"';
  const match = /^([A-Za-z]+)\s*=\s*(.+)$/.exec(condition);
  if (!match) return `"${condition}" is not a condition of the form <field>=<value>`;
  const [, field, values] = match;
  if (!FIELDS.some((f) => f.toLowerCase() === field.toLowerCase()))
    return `"${field}" in "${condition}" is not a field Azure filters on`;
  const rule = VALUE_RULES[field.toLowerCase()] ?? { ok: WORD, expected: "a word such as TCP or Inbound" };
  const bad = values.split(",").find((v) => !rule.ok(v.trim()));
  return bad === undefined ? undefined : `"${bad.trim()}" in "${condition}" is not ${rule.expected}`;
}
