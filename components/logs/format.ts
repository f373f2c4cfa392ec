// A summary as a person reads it (table), as programs read it (JSON), or for a spreadsheet (CSV).
import type { FlowSummary } from "./summary";

export type SummaryFormat = "table" | "json" | "csv";

function columns(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) =>
          typeof cell === "number" ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function table(s: FlowSummary): string {
  const share = (n: number) => (s.flows ? `${((100 * n) / s.flows).toFixed(1)}%` : "-");
  const sections = [
    `Flows: ${s.flows} (${s.first ?? "-"} .. ${s.last ?? "-"})`,
    `Allowed: ${s.allowed} (${share(s.allowed)})   Denied: ${s.denied} (${share(s.denied)})   Inbound: ${s.inbound}   Outbound: ${s.outbound}`,
    `Bytes: ${s.bytes}   Packets: ${s.packets}   (version 2 and VNet records only)`,
    `\nTop talkers\n${columns([["source", "flows", "bytes"], ...s.topTalkers.map((t) => [t.ip, t.flows, t.bytes])])}`,
    `\nTop destination ports\n${columns([["port", "flows", "denied"], ...s.topPorts.map((p) => [`${p.protocol}/${p.port}`, p.flows, p.denied])])}`,
    `\nRules\n${columns([["rule", "allowed", "denied"], ...s.rules.map((r) => [r.rule, r.allowed, r.denied])])}`,
  ];
  if (s.problems.length) {
    sections.push(
      `\nProblems\n${s.problems.map((p) => `${p.blob} at byte ${p.offset}: ${p.message}`).join("\n")}`,
    );
  }
  return `${sections.join("\n")}\n`;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(s: FlowSummary): string {
  const rows: (string | number)[][] = [["section", "key", "flows", "denied", "bytes"]];
  rows.push(["total", "all", s.flows, s.denied, s.bytes]);
  for (const t of s.topTalkers) rows.push(["talker", t.ip, t.flows, "", t.bytes]);
  for (const t of s.topDeniedSources) rows.push(["denied-source", t.ip, t.flows, t.flows, ""]);
  for (const p of s.topPorts) rows.push(["port", `${p.protocol}/${p.port}`, p.flows, p.denied, ""]);
  for (const r of s.rules) rows.push(["rule", r.rule, r.allowed + r.denied, r.denied, ""]);
  for (const h of s.overTime) rows.push(["hour", h.hour, h.flows, h.denied, h.bytes]);
  for (const p of s.problems) rows.push(["problem", `${p.blob}@${p.offset}`, "", "", p.message]);
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}

export function formatSummary(summary: FlowSummary, format: SummaryFormat): string {
  if (format === "json") return `${JSON.stringify(summary, null, 2)}\n`;
  return format === "csv" ? csv(summary) : table(summary);
}
