// One self-contained HTML page: bandwidth over time, who talks to whom, ports, rules and splits.
// No scripts, fonts or images from anywhere else, so it opens offline and can be mailed around.

import { resourceName } from "../azure/resource-id";
import {
  ALLOW,
  type BarItem,
  binWidth,
  DENY,
  escapeHtml,
  LEGEND,
  PATTERNS,
  TRAFFIC_LEGEND,
  tallyBars,
  trafficChart,
} from "./charts";
import { problemsTitle } from "./format";
import { formatBytes } from "./network";
import type { ResourceNames } from "./resource-names";
import type { FlowSummary, Split, Tally } from "./summary";

function table(head: string[], rows: (string | number)[][]): string {
  if (!rows.length) return "<p>None.</p>";
  const cell = (c: string | number) =>
    `<td${typeof c === "number" ? ' class="num"' : ""}>${escapeHtml(c)}</td>`;
  return `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>${rows
    .map((r) => `<tr>${r.map(cell).join("")}</tr>`)
    .join("")}</table>`;
}

const tallyCells = (t: Tally) => [t.allowed, t.denied, formatBytes(t.bytes)];

function section(title: string, body: string, legend = ""): string {
  return `<section><h2>${escapeHtml(title)} ${legend}</h2>${body}</section>`;
}

/** "2026-11-24T06:00:00.123Z" -> "2026-11-24 06:00:00" (UTC), to keep tables narrow. */
const shortTime = (iso: string) => iso.slice(0, 19).replace("T", " ");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whose rule: an NSG's name when the NSG flow log's resourceId or the VNet flow log's aclID is a
 * resource ID, or when a GUID aclID is an NSG's resourceGuid read through --nsg; else it says so.
 */
function ruleOwner(scope: string, names: ResourceNames): string {
  if (!GUID.test(scope)) return resourceName(scope);
  const nsg = names.nsgs.get(scope.toLowerCase());
  return nsg ?? `aclID ${scope} (not an NSG given with --nsg)`;
}

const NO_NAMES: ResourceNames = { nics: new Map(), nsgs: new Map() };

/** The report; `names` (read with `report --nsg/--target`) put NIC names and IPs to MACs and NSG names to aclIDs. */
export function renderReport(s: FlowSummary, title = "Flow logs", names: ResourceNames = NO_NAMES): string {
  const card = (label: string, value: string | number, tone = "") =>
    `<div class="card ${tone}"><div class="value">${escapeHtml(typeof value === "number" ? value.toLocaleString("en-US") : value)}</div><div>${escapeHtml(label)}</div></div>`;
  const bars = (items: BarItem[]) => tallyBars(items);
  const splits = (rows: Split[], name: (key: string) => string) =>
    table(
      ["", "allowed", "denied", "bytes"],
      rows.map((t) => [name(t.key), ...tallyCells(t)]),
    );
  const problems = s.problems.length
    ? section(
        problemsTitle(s, "Problems (not counted)"),
        table(
          ["file", "byte", "why"],
          s.problems.map((p) => [p.blob, p.offset, p.message]),
        ),
      )
    : "";
  const st = s.states;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f5f6f8; color: #1d2330; }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 8px 0 8px; }
.muted { color: #667; font-size: 13px; } .cards { display: flex; gap: 10px; flex-wrap: wrap; margin: 16px 0; }
.card { background: #fff; border-radius: 8px; padding: 10px 14px; min-width: 120px; box-shadow: 0 1px 2px #0001; }
.card .value { font-size: 20px; font-weight: 600; } .card.deny .value { color: ${DENY}; } .card.allow .value { color: ${ALLOW}; }
section { background: #fff; border-radius: 8px; padding: 12px 16px 16px; box-shadow: 0 1px 2px #0001; margin-bottom: 16px; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2330; } svg .axis { fill: #667; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } td, th { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eee; }
td { white-space: nowrap; } td:nth-child(-n + 2) { white-space: normal; overflow-wrap: anywhere; } td.num { text-align: right; } .legend { font-size: 12px; font-weight: normal; color: #445; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
.legend .hatch { background: repeating-linear-gradient(45deg, ${DENY} 0 3px, #f0a8a6 3px 5px); }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } .cols section { margin: 0; }
</style></head>
<body>${PATTERNS}<main>
<h1>${escapeHtml(title)}</h1>
<div class="muted">${escapeHtml(s.first ?? "-")} to ${escapeHtml(s.last ?? "-")} (UTC) · ${s.files} files, ${s.records} records · counted: ${escapeHtml(s.counted)}</div>
<div class="cards">${card("tuples", s.tuples)}${card("allowed", s.allowed, "allow")}${card("denied", s.denied, "deny")}${card("connections begun", st.begin)}${card("bytes in", formatBytes(s.bytes.in))}${card("bytes out", formatBytes(s.bytes.out))}${card("destinations", s.distinct.destinations)}${card("conversations", s.distinct.conversations)}</div>
<div class="muted">States: begin ${st.begin}, continue ${st.continue}, end ${st.end}, deny ${st.deny}, none (version 1) ${st.none}. Inbound ${s.inbound}, outbound ${s.outbound}. Packets in ${s.packets.in.toLocaleString("en-US")}, out ${s.packets.out.toLocaleString("en-US")}. Bytes and packets come from version 2 and VNet tuples only; "in" is towards the logged resource.</div>
${section(`Bandwidth over time (bit/s, average of each ${binWidth(s.timeline.binMs)} bin)`, trafficChart(s.timeline), TRAFFIC_LEGEND)}
${section("Top talkers (sources, by tuples)", bars(s.topTalkers.map((t) => ({ ...t, label: t.ip }))), LEGEND)}
${section("Top destinations", bars(s.topDestinations.map((t) => ({ ...t, label: t.ip }))), LEGEND)}
${section(
  "Top denied sources (by denied tuples)",
  bars(
    s.topDeniedSources.map((t) => ({
      ...t,
      label: t.ip,
      length: t.denied,
      note: `${t.denied} of ${t.tuples} denied`,
    })),
  ),
  LEGEND,
)}
${section(
  "Destination ports",
  bars(
    s.topPorts.map((p) => ({ ...p, label: `${p.protocol}/${p.port}${p.service ? ` ${p.service}` : ""}` })),
  ),
  LEGEND,
)}
${section(
  "Top conversations (source -> destination:port)",
  table(
    ["source", "destination", "port", "allowed", "denied", "bytes"],
    s.topConversations.map((c) => [c.src, c.dst, `${c.protocol}/${c.port}`, ...tallyCells(c)]),
  ),
)}
${section("Public and private (source -> destination)", bars(s.addressClasses.map((c) => ({ ...c, label: c.key }))), LEGEND)}
${section(
  "Rules (per NSG or aclID)",
  table(
    ["rule", "of", "allowed", "denied", "bytes", "first seen", "last seen"],
    s.rules.map((r) => [
      r.rule,
      ruleOwner(r.scope, names),
      ...tallyCells(r),
      shortTime(r.first),
      shortTime(r.last),
    ]),
  ),
)}
<div class="cols">
${section("Targets (NSG, VNet, subnet or NIC)", splits(s.targets, resourceName))}
${section(
  names.nics.size ? "NICs (MAC, NIC and IP)" : "NICs (MAC; name them with --nsg or --target)",
  splits(s.nics, (mac) => (names.nics.has(mac) ? `${mac} ${names.nics.get(mac)}` : mac)),
)}
</div>
${
  s.acls.length
    ? section(
        "ACLs of VNet flow logs (aclID)",
        splits(s.acls, (acl) => ruleOwner(acl, names)),
      )
    : ""
}
${problems}
</main></body></html>
`;
}
