// One self-contained HTML page with inline SVG charts: traffic over time, top talkers, denied flows.
// No scripts, fonts or images from anywhere else, so it opens offline and can be mailed around.
import type { FlowSummary } from "./summary";

const escapeHtml = (text: string | number) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const ALLOW = "#2f7ed8";
const DENY = "#d9534f";

function timeChart(s: FlowSummary): string {
  const hours = s.overTime;
  if (!hours.length) return "<p>No flows.</p>";
  const width = 880;
  const height = 220;
  const barWidth = Math.max(2, Math.floor((width - 60) / hours.length) - 2);
  const max = Math.max(...hours.map((h) => h.flows));
  const bars = hours
    .map((h, i) => {
      const x = 50 + i * (barWidth + 2);
      const total = ((height - 40) * h.flows) / max;
      const denied = ((height - 40) * h.denied) / max;
      return `<g><title>${escapeHtml(h.hour)}: ${h.flows} flows, ${h.denied} denied</title>
<rect x="${x}" y="${height - 20 - total}" width="${barWidth}" height="${total - denied}" fill="${ALLOW}"/>
<rect x="${x}" y="${height - 20 - denied}" width="${barWidth}" height="${denied}" fill="${DENY}"/></g>`;
    })
    .join("\n");
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Flows per hour">
<line x1="48" y1="${height - 20}" x2="${width}" y2="${height - 20}" stroke="#999"/>
<text x="44" y="26" text-anchor="end" class="axis">${max}</text><text x="44" y="${height - 22}" text-anchor="end" class="axis">0</text>
<text x="50" y="${height - 4}" class="axis">${escapeHtml(hours[0].hour.slice(0, 13))}h</text>
<text x="${width}" y="${height - 4}" text-anchor="end" class="axis">${escapeHtml(hours[hours.length - 1].hour.slice(0, 13))}h</text>
${bars}</svg>`;
}

function barList(items: { label: string; value: number; denied?: number }[], unit: string): string {
  if (!items.length) return "<p>None.</p>";
  const max = Math.max(...items.map((i) => i.value));
  const rowHeight = 26;
  const rows = items
    .map((item, i) => {
      const y = i * rowHeight;
      const length = (520 * item.value) / max;
      const denied = item.denied ? (520 * item.denied) / max : 0;
      return `<text x="0" y="${y + 17}" class="label">${escapeHtml(item.label)}</text>
<rect x="230" y="${y + 4}" width="${length - denied}" height="18" fill="${ALLOW}" rx="2"/>
<rect x="${230 + length - denied}" y="${y + 4}" width="${denied}" height="18" fill="${DENY}" rx="2"/>
<text x="${236 + length}" y="${y + 17}" class="value">${item.value} ${unit}</text>`;
    })
    .join("\n");
  return `<svg viewBox="0 0 880 ${items.length * rowHeight}" width="100%" role="img">${rows}</svg>`;
}

export function renderReport(s: FlowSummary, title = "Flow logs"): string {
  const card = (label: string, value: number, tone = "") =>
    `<div class="card ${tone}"><div class="value">${escapeHtml(value.toLocaleString("en-US"))}</div><div>${escapeHtml(label)}</div></div>`;
  const rules = s.rules
    .map((r) => `<tr><td>${escapeHtml(r.rule)}</td><td>${r.allowed}</td><td>${r.denied}</td></tr>`)
    .join("");
  const problems = s.problems.length
    ? `<h2>Problems</h2><ul>${s.problems.map((p) => `<li>${escapeHtml(p.blob)} at byte ${p.offset}: ${escapeHtml(p.message)}</li>`).join("")}</ul>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f5f6f8; color: #1d2330; }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.muted { color: #667; } .cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.card { background: #fff; border-radius: 8px; padding: 12px 16px; min-width: 150px; box-shadow: 0 1px 2px #0001; }
.card .value { font-size: 22px; font-weight: 600; } .card.deny .value { color: ${DENY}; } .card.allow .value { color: ${ALLOW}; }
section { background: #fff; border-radius: 8px; padding: 12px 16px 16px; box-shadow: 0 1px 2px #0001; margin-bottom: 16px; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2330; } svg .axis { fill: #667; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<div class="muted">${escapeHtml(s.first ?? "-")} to ${escapeHtml(s.last ?? "-")}</div>
<div class="cards">${card("flows", s.flows)}${card("allowed", s.allowed, "allow")}${card("denied", s.denied, "deny")}${card("bytes", s.bytes)}${card("packets", s.packets)}</div>
<section><h2>Traffic over time <span class="legend"><span style="background:${ALLOW}"></span>allowed<span style="background:${DENY}"></span>denied</span></h2>${timeChart(s)}</section>
<section><h2>Top talkers (flows by source)</h2>${barList(
    s.topTalkers.map((t) => ({ label: t.ip, value: t.flows })),
    "flows",
  )}</section>
<section><h2>Denied flows by source</h2>${barList(
    s.topDeniedSources.map((t) => ({ label: t.ip, value: t.flows, denied: t.flows })),
    "denied",
  )}</section>
<section><h2>Destination ports</h2>${barList(
    s.topPorts.map((p) => ({ label: `${p.protocol}/${p.port}`, value: p.flows, denied: p.denied })),
    "flows",
  )}</section>
<section><h2>Rules</h2><table><tr><th>rule</th><th>allowed</th><th>denied</th></tr>${rules}</table></section>
${problems}
</main></body></html>
`;
}
