// The plan for a person: what to create and why, what to disable after, and the coverage check.
import { resourceName } from "../azure/resource-id";
import { columns } from "../text/terminal";
import type { MigrationPlan } from "./plan-types";

const table = (rows: string[][]) => columns(rows, false, "  ").split("\n");

/** The target as a person reads it: "vnet-app/frontend" for a subnet, the last name otherwise. */
function shortTarget(id: string): string {
  const subnet = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return subnet ? `${subnet[1]}/${subnet[2]}` : resourceName(id);
}

function kindOf(id: string): string {
  if (/\/subnets\/[^/]+$/i.test(id)) return "subnet";
  if (/\/virtualNetworks\/[^/]+$/i.test(id)) return "vnet";
  return "nic";
}

/** Why an NSG flow log can be disabled, by what its reason says: a code for the row, one legend line. */
const DISABLE_CODES: [RegExp, string, string][] = [
  [
    /once they report Succeeded/,
    "D1",
    "its NICs are then logged by the flow logs after it: disabled once they report Succeeded, which ends the duplicate logging (deleting it is a separate step)",
  ],
  [
    /existing flow logs? /,
    "D2",
    "its NICs are already logged by existing VNet, subnet or NIC flow logs: disabling it ends the duplicate logging",
  ],
  [
    /attached to no subnet or NIC/,
    "D3",
    "attached to no subnet or NIC in this region: its flow log logs nothing",
  ],
  [/no longer exists/, "D4", "the NSG no longer exists in this region: its flow log logs nothing"],
];

const UPDATES_DISABLED = /; updates the disabled flow log (\S+) already on this target$/;

/** Codes for distinct texts, in order of first use: W1, W2, ... */
class Legend {
  private readonly codes = new Map<string, string>();
  constructor(private readonly prefix: string) {}

  code(text: string): string {
    let code = this.codes.get(text);
    if (!code) {
      code = `${this.prefix}${this.codes.size + 1}`;
      this.codes.set(text, code);
    }
    return code;
  }

  lines(): string[] {
    return [...this.codes].map(([text, code]) => `  ${code}  ${text}`);
  }
}

/** The part of a reason that is the row's own: which NICs are logged alike today, and by which NSGs. */
const OWN_PART =
  /^(?:NIC \S+ is logged alone, like today,|every NIC of subnet .* is logged alike today,) by ([^()]+?) \(/;

/**
 * A flow log's reason as a code for what many rows share (what rules out one flow log higher up), the
 * NSGs whose settings it copies, and the disabled flow log it takes back.
 */
function createCells(reason: string, legend: Legend): string[] {
  const updates = UPDATES_DISABLED.exec(reason);
  const rest = updates ? reason.slice(0, updates.index) : reason;
  const cut = rest.lastIndexOf("; ");
  const own = cut < 0 ? null : OWN_PART.exec(rest.slice(cut + 2));
  const sources = own?.[1] ?? /(?:copies|, by) ([^()]+?) \(/.exec(rest)?.[1];
  return [
    legend.code(own ? rest.slice(0, cut) : rest),
    ...(sources ? [`from ${sources}`] : []),
    ...(updates ? [`takes back ${updates[1]}`] : []),
  ];
}

export function formatTable(plan: MigrationPlan): string {
  const { create, disable, coverage } = plan;
  const once = coverage.nics.filter((n) => n.coveredBy.length === 1).length;
  const lines = [
    `Migration plan for subscription ${plan.subscriptionId}, region ${plan.region}, scope ${plan.scope}`,
    "",
    `Create ${create.length} flow log${create.length === 1 ? "" : "s"} (why: the code's line below):`,
  ];
  const why = new Legend("W");
  lines.push(
    ...table(
      create.map((c) => {
        const ta = c.args.trafficAnalytics ? `TA ${c.args.trafficAnalytics.intervalInMinutes} min` : "no TA";
        const retention = c.args.retentionPolicy.enabled ? `${c.args.retentionPolicy.days} days` : "forever";
        const [code, ...notes] = createCells(c.reason, why);
        return [
          code,
          c.name,
          kindOf(c.args.targetResourceId),
          shortTarget(c.args.targetResourceId),
          `${c.covers.length} NIC${c.covers.length === 1 ? "" : "s"}`,
          `v${c.args.format.version}, ${retention}, ${ta}, ${resourceName(c.args.storageAccountId)}`,
          notes.join(", "),
        ];
      }),
    ),
  );
  if (create.length) lines.push("", "Why:", ...why.lines());
  lines.push("", `Then disable ${disable.length} NSG flow log${disable.length === 1 ? "" : "s"}:`);
  const used = new Set<string>();
  const disableRows = disable.map((d) => {
    const known = DISABLE_CODES.find(([pattern]) => pattern.test(d.reason));
    if (known) used.add(known[1]);
    const existing = /existing flow logs? (.+?);/.exec(d.reason)?.[1];
    const note = known ? (existing ? ` (logged by ${existing})` : "") : `: ${d.reason}`;
    return [
      known?.[1] ?? "",
      resourceName(d.targetResourceId),
      `after ${d.after.join(", ") || "nothing"}${note}`,
    ];
  });
  if (disableRows.length) lines.push(...table(disableRows));
  const disableLegend = DISABLE_CODES.filter(([, code]) => used.has(code));
  if (disableLegend.length)
    lines.push("", "Why:", ...disableLegend.map(([, code, text]) => `  ${code}  ${text}`));
  lines.push(
    "",
    `Coverage: ${coverage.nics.length} NICs, ${once} logged exactly once, ${coverage.gaps.length} gaps, ${coverage.overlaps.length} overlaps, ${coverage.conflicts.length} settings conflicts`,
  );
  const section = (title: string, rows: { nicId: string; reason: string }[]) => {
    if (!rows.length) return;
    lines.push(`${title}:`, ...rows.map((r) => `  ${resourceName(r.nicId)}: ${r.reason}`));
  };
  section("Gaps", coverage.gaps);
  section("Overlaps", coverage.overlaps);
  section("Conflicts", coverage.conflicts);
  return `${lines.join("\n")}\n`;
}
