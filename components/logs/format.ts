// A summary as a person reads it (table), as programs read it (JSON), or for a spreadsheet (CSV).
import { resourceName } from "../azure/resource-id";
import { columns } from "../text/terminal";
import { csvLine } from "./csv";
import { formatBytes } from "./network";
import type { FlowSummary, Tally } from "./summary";

export type SummaryFormat = "table" | "json" | "csv";

const tallyCells = (t: Tally) => [t.allowed, t.denied, formatBytes(t.bytes)];
const TALLY_HEAD = ["allowed", "denied", "bytes"];

function section(title: string, head: string[], rows: (string | number)[][]): string {
  return rows.length ? `\n${title}\n${columns([head, ...rows], true)}` : "";
}

function table(s: FlowSummary): string {
  const share = (n: number) => (s.tuples ? `${((100 * n) / s.tuples).toFixed(1)}%` : "-");
  const st = s.states;
  const sections = [
    `Tuples: ${s.tuples} in ${s.records} records of ${s.files} files (${s.first ?? "-"} .. ${s.last ?? "-"})${s.records === s.recordsRead ? "" : `; ${s.recordsRead} records read, the others outside the time range`}`,
    `Counted: ${s.counted}`,
    `Allowed: ${s.allowed} (${share(s.allowed)})   Denied: ${s.denied} (${share(s.denied)})   Inbound: ${s.inbound}   Outbound: ${s.outbound}`,
    `States: begin ${st.begin}, continue ${st.continue}, end ${st.end}, deny ${st.deny}, none (version 1) ${st.none}`,
    `Bytes: in ${formatBytes(s.bytes.in)}, out ${formatBytes(s.bytes.out)} (src->dst ${formatBytes(s.bytes.srcToDst)}, dst->src ${formatBytes(s.bytes.dstToSrc)})`,
    `Packets: in ${s.packets.in}, out ${s.packets.out} (src->dst ${s.packets.srcToDst}, dst->src ${s.packets.dstToSrc})   (version 2 and VNet tuples only)`,
    `Distinct: ${s.distinct.sources} sources, ${s.distinct.destinations} destinations, ${s.distinct.conversations} conversations`,
    section(
      "Top talkers (by source)",
      ["source", ...TALLY_HEAD],
      s.topTalkers.map((t) => [t.ip, ...tallyCells(t)]),
    ),
    section(
      "Top destinations",
      ["destination", ...TALLY_HEAD],
      s.topDestinations.map((t) => [t.ip, ...tallyCells(t)]),
    ),
    section(
      "Top conversations",
      ["source -> destination:port", ...TALLY_HEAD],
      s.topConversations.map((c) => [`${c.src} -> ${c.dst}:${c.protocol}/${c.port}`, ...tallyCells(c)]),
    ),
    section(
      "Top destination ports",
      ["port", "service", ...TALLY_HEAD],
      s.topPorts.map((p) => [`${p.protocol}/${p.port}`, p.service ?? "", ...tallyCells(p)]),
    ),
    section(
      "Address classes (source -> destination)",
      ["classes", ...TALLY_HEAD],
      s.addressClasses.map((c) => [c.key, ...tallyCells(c)]),
    ),
    section(
      "Rules",
      ["rule", "of", "allowed", "denied", "first", "last"],
      s.rules.map((r) => [r.rule, resourceName(r.scope), r.allowed, r.denied, r.first, r.last]),
    ),
    section(
      "Targets",
      ["target", ...TALLY_HEAD],
      s.targets.map((t) => [t.key, ...tallyCells(t)]),
    ),
    section(
      "NICs (MAC)",
      ["mac", ...TALLY_HEAD],
      s.nics.map((t) => [t.key, ...tallyCells(t)]),
    ),
    section(
      "ACLs (VNet flow logs)",
      ["aclID", ...TALLY_HEAD],
      s.acls.map((t) => [t.key, ...tallyCells(t)]),
    ),
    section(
      problemsTitle(s),
      ["file", "byte", "why"],
      s.problems.map((p) => [p.blob, p.offset, p.message]),
    ),
  ];
  return `${sections.filter(Boolean).join("\n")}\n`;
}

/** "Problems (N)", saying how many are shown when not all were kept. */
export function problemsTitle(s: Pick<FlowSummary, "problems" | "problemCount">, title = "Problems"): string {
  const shown = s.problems.length < s.problemCount ? `, the first ${s.problems.length} shown` : "";
  return `${title} (${s.problemCount}${shown})`;
}

function csv(s: FlowSummary): string {
  const rows: (string | number)[][] = [["section", "key", "tuples", "allowed", "denied", "bytes"]];
  const tally = (section: string, key: string, t: Tally) =>
    rows.push([section, key, t.tuples, t.allowed, t.denied, t.bytes]);
  tally("total", "all", {
    tuples: s.tuples,
    allowed: s.allowed,
    denied: s.denied,
    bytes: s.bytes.in + s.bytes.out,
  });
  for (const t of s.topTalkers) tally("talker", t.ip, t);
  for (const t of s.topDestinations) tally("destination", t.ip, t);
  for (const c of s.topConversations) tally("conversation", `${c.src}>${c.dst}:${c.protocol}/${c.port}`, c);
  for (const p of s.topPorts) tally("port", `${p.protocol}/${p.port}`, p);
  for (const r of s.rules) tally("rule", `${r.scope}#${r.rule}`, r);
  for (const t of s.targets) tally("target", t.key, t);
  for (const t of s.nics) tally("nic", t.key, t);
  for (const t of s.acls) tally("acl", t.key, t);
  for (const c of s.addressClasses) tally("address-classes", c.key, c);
  for (const b of s.timeline.bins)
    rows.push(["time", b.start, b.tuples, b.tuples - b.denied, b.denied, b.bytesIn + b.bytesOut]);
  for (const p of s.problems) rows.push(["problem", `${p.blob}@${p.offset}`, "", "", "", p.message]);
  return rows.map(csvLine).join("");
}

export function formatSummary(summary: FlowSummary, format: SummaryFormat): string {
  if (format === "json") return `${JSON.stringify(summary, null, 2)}\n`;
  return format === "csv" ? csv(summary) : table(summary);
}
