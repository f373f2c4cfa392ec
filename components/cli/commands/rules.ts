// `flowlogs rules --nsg ID`: each rule of the NSG (read through ARM) with its hits in the logs.
import { parseArgs } from "node:util";
import { fileSource, readFlows } from "../../logs/read";
import { type RuleAudit, RuleAuditBuilder } from "../../logs/rule-audit";
import { columns, printable } from "../../text/terminal";
import { blobFiles, finish, NOTHING_READ, oneOf, READ_OPTIONS, signIn, timeRange } from "./common";

function table(audit: RuleAudit): string {
  const rows = audit.rules.map((r) => [
    r.direction,
    r.priority,
    r.name,
    r.access,
    `${r.protocol} ${r.source} -> ${r.destination}:${r.destinationPorts}`,
    r.allowed,
    r.denied,
    r.first ?? "-",
    r.last ?? "-",
  ]);
  const head = [
    "direction",
    "priority",
    "rule",
    "access",
    "matches",
    "allowed",
    "denied",
    "first seen",
    "last seen",
  ];
  const lines = [
    `NSG ${audit.nsg}`,
    `Period: ${audit.from ?? "-"} .. ${audit.to ?? "-"}, ${audit.tuples} tuples of this NSG`,
    ...(audit.tuples
      ? []
      : [
          "No tuple in these files is this NSG's (NSG flow logs name it as resourceId, VNet flow logs as aclID): check the files and the period.",
        ]),
    "",
    columns([head, ...rows], false),
    "",
    printable(`Never hit in this period (${audit.neverHit.length}): ${audit.neverHit.join(", ") || "none"}`),
  ];
  if (audit.notInNsg.length)
    lines.push(
      printable(
        `In the logs but not in the NSG now: ${audit.notInNsg.map((r) => `${r.loggedAs} (${r.allowed} allowed, ${r.denied} denied)`).join(", ")}`,
      ),
    );
  lines.push("", `Note: ${audit.caveat}`);
  return `${lines.join("\n")}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { nsg: { type: "string" }, format: { type: "string", default: "table" }, ...READ_OPTIONS },
  });
  if (!values.nsg) throw new Error("rules: --nsg is required (the NSG's resource ID)");
  const format = oneOf("format", values.format, ["table", "json"] as const);
  const range = timeRange(values);
  const files = blobFiles("rules", positionals);
  const { readNsgRules } = await import("../../azure");
  const nsg = await readNsgRules((await signIn()).service, values.nsg);
  const audit = new RuleAuditBuilder(nsg);
  const totals = await readFlows(files.map(fileSource), (flow) => audit.add(flow), range);
  const code = finish(totals, values["allow-damaged"]);
  if (code === NOTHING_READ) return code;
  const result = audit.build(range);
  process.stdout.write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : table(result));
  return code;
}
