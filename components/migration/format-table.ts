// The plan for a person: what to create and why, what to disable after, and the coverage check.
import type { MigrationPlan } from "./plan-types";

const nameOf = (id: string) => id.split("/").pop() ?? id;

function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd());
}

/** The target as a person reads it: "vnet-app/frontend" for a subnet, the last name otherwise. */
function shortTarget(id: string): string {
  const subnet = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return subnet ? `${subnet[1]}/${subnet[2]}` : nameOf(id);
}

function kindOf(id: string): string {
  if (/\/subnets\/[^/]+$/i.test(id)) return "subnet";
  if (/\/virtualNetworks\/[^/]+$/i.test(id)) return "vnet";
  return "nic";
}

export function formatTable(plan: MigrationPlan): string {
  const { create, disable, coverage } = plan;
  const once = coverage.nics.filter((n) => n.coveredBy.length === 1).length;
  const lines = [
    `Migration plan for subscription ${plan.subscriptionId}, region ${plan.region}, scope ${plan.scope}`,
    "",
    `Create ${create.length} flow log${create.length === 1 ? "" : "s"}:`,
  ];
  for (const c of create) {
    const ta = c.args.trafficAnalytics ? `TA ${c.args.trafficAnalytics.intervalInMinutes} min` : "no TA";
    const retention = c.args.retentionPolicy.enabled ? `${c.args.retentionPolicy.days} days` : "forever";
    lines.push(
      ...columns([
        [
          c.name,
          kindOf(c.args.targetResourceId),
          shortTarget(c.args.targetResourceId),
          `${c.covers.length} NIC${c.covers.length === 1 ? "" : "s"}`,
          `v${c.args.format.version}, ${retention}, ${ta}, ${nameOf(c.args.storageAccountId)}`,
        ],
      ]),
      `      why: ${c.reason}`,
    );
  }
  lines.push("", `Then disable ${disable.length} NSG flow log${disable.length === 1 ? "" : "s"}:`);
  for (const d of disable)
    lines.push(
      `  ${nameOf(d.targetResourceId)} after ${d.after.join(", ") || "nothing"}`,
      `      why: ${d.reason}`,
    );
  lines.push(
    "",
    `Coverage: ${coverage.nics.length} NICs, ${once} logged exactly once, ${coverage.gaps.length} gaps, ${coverage.overlaps.length} overlaps, ${coverage.conflicts.length} settings conflicts`,
  );
  const section = (title: string, rows: { nicId: string; reason: string }[]) => {
    if (!rows.length) return;
    lines.push(`${title}:`, ...rows.map((r) => `  ${nameOf(r.nicId)}: ${r.reason}`));
  };
  section("Gaps", coverage.gaps);
  section("Overlaps", coverage.overlaps);
  section("Conflicts", coverage.conflicts);
  return `${lines.join("\n")}\n`;
}
