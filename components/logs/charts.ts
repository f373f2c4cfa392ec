// Inline SVG charts for the report: traffic on a real time axis and horizontal bars split allowed/denied.
import { formatBytes } from "./network";
import type { Tally } from "./summary";
import type { Timeline } from "./timeline";

export const ALLOW = "#2f7ed8";
export const DENY = "#d9534f";
const IN = "#2a9d8f";
const OUT = "#e9a23b";

export const escapeHtml = (text: string | number) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** Denied is drawn red and hatched, so it reads apart from allowed in print and for colour-blind eyes. */
export const PATTERNS = `<svg width="0" height="0" style="position:absolute"><defs>
<pattern id="denied" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" fill="${DENY}"/><rect width="2" height="6" fill="#fff" fill-opacity="0.45"/></pattern>
</defs></svg>`;

const WIDTH = 880;
const LEFT = 70;

function timeLabel(ms: number, binMs: number): string {
  const iso = new Date(ms).toISOString();
  return binMs >= 86_400_000 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Ticks at bin starts, about six across the axis. */
function ticks(timeline: Timeline, x: (i: number) => number, y: number): string {
  const step = Math.max(1, Math.ceil(timeline.bins.length / 6));
  const out: string[] = [];
  for (let i = 0; i < timeline.bins.length; i += step) {
    const ms = Date.parse(timeline.bins[i].start);
    out.push(
      `<line x1="${x(i)}" y1="${y}" x2="${x(i)}" y2="${y + 4}" stroke="#999"/><text x="${x(i)}" y="${y + 16}" text-anchor="middle" class="axis">${escapeHtml(timeLabel(ms, timeline.binMs))}</text>`,
    );
  }
  return out.join("");
}

/**
 * Bytes in and out per bin (lines) over tuples per bin (bars, allowed and denied), on one time axis.
 * Bins without any tuple are shaded: no logs then, which is not the same as no traffic.
 */
export function trafficChart(timeline: Timeline): string {
  const bins = timeline.bins;
  if (!bins.length) return "<p>No flows.</p>";
  const plot = WIDTH - LEFT - 10;
  const slot = plot / bins.length;
  const x = (i: number) => LEFT + i * slot;
  const bytesTop = 20;
  const bytesHeight = 150;
  const tuplesTop = 200;
  const tuplesHeight = 90;
  const maxBytes = Math.max(1, ...bins.map((b) => Math.max(b.bytesIn, b.bytesOut)));
  const maxTuples = Math.max(1, ...bins.map((b) => b.tuples));
  const yBytes = (v: number) => bytesTop + bytesHeight - (bytesHeight * v) / maxBytes;
  // A line breaks over bins without logs instead of dropping to zero: no logs is not no traffic.
  const line = (pick: (b: (typeof bins)[number]) => number) =>
    bins
      .map((b, i) =>
        b.tuples
          ? `${i && bins[i - 1].tuples ? "L" : "M"}${(x(i) + slot / 2).toFixed(1)},${yBytes(pick(b)).toFixed(1)}`
          : "",
      )
      .join("");
  const gaps = bins
    .map((b, i) =>
      b.tuples
        ? ""
        : `<rect x="${x(i)}" y="${bytesTop}" width="${slot}" height="${tuplesTop + tuplesHeight - bytesTop}" fill="#000" fill-opacity="0.06"><title>${escapeHtml(b.start)}: no logs</title></rect>`,
    )
    .join("");
  const bars = bins
    .map((b, i) => {
      const total = (tuplesHeight * b.tuples) / maxTuples;
      const denied = (tuplesHeight * b.denied) / maxTuples;
      const w = Math.max(1, slot - 1);
      const base = tuplesTop + tuplesHeight;
      return `<g><title>${escapeHtml(b.start)}: ${b.tuples} tuples (${b.denied} denied), in ${escapeHtml(formatBytes(b.bytesIn))}, out ${escapeHtml(formatBytes(b.bytesOut))}</title>
<rect x="${x(i)}" y="${base - total}" width="${w}" height="${total - denied}" fill="${ALLOW}"/><rect x="${x(i)}" y="${base - denied}" width="${w}" height="${denied}" fill="url(#denied)"/></g>`;
    })
    .join("\n");
  const axisY = tuplesTop + tuplesHeight;
  return `<svg viewBox="0 0 ${WIDTH} ${axisY + 24}" width="100%" role="img" aria-label="Bytes and tuples over time">
${gaps}
<text x="${LEFT - 6}" y="${bytesTop + 4}" text-anchor="end" class="axis">${escapeHtml(formatBytes(maxBytes))}</text>
<text x="${LEFT - 6}" y="${bytesTop + bytesHeight}" text-anchor="end" class="axis">0 B</text>
<line x1="${LEFT}" y1="${bytesTop + bytesHeight}" x2="${WIDTH - 10}" y2="${bytesTop + bytesHeight}" stroke="#ccc"/>
<path d="${line((b) => b.bytesIn)}" fill="none" stroke="${IN}" stroke-width="2"/>
<path d="${line((b) => b.bytesOut)}" fill="none" stroke="${OUT}" stroke-width="2" stroke-dasharray="5 3"/>
<text x="${LEFT - 6}" y="${tuplesTop + 4}" text-anchor="end" class="axis">${maxTuples} tuples</text>
<text x="${LEFT - 6}" y="${axisY}" text-anchor="end" class="axis">0</text>
${bars}
<line x1="${LEFT}" y1="${axisY}" x2="${WIDTH - 10}" y2="${axisY}" stroke="#999"/>
${ticks(timeline, x, axisY)}
</svg>`;
}

export interface BarItem extends Tally {
  label: string;
}

/** One bar per item, its tuples split allowed (solid) and denied (hatched), with the bytes after it. */
export function tallyBars(items: BarItem[]): string {
  if (!items.length) return "<p>None.</p>";
  const max = Math.max(...items.map((i) => i.tuples));
  const rowHeight = 26;
  const barX = 300;
  const span = 440;
  const rows = items
    .map((item, i) => {
      const y = i * rowHeight;
      const allowed = (span * item.allowed) / max;
      const denied = (span * item.denied) / max;
      return `<g><title>${escapeHtml(item.label)}: ${item.allowed} allowed, ${item.denied} denied, ${escapeHtml(formatBytes(item.bytes))}</title>
<text x="0" y="${y + 17}" class="label">${escapeHtml(item.label)}</text>
<rect x="${barX}" y="${y + 4}" width="${allowed}" height="18" fill="${ALLOW}"/>
<rect x="${barX + allowed}" y="${y + 4}" width="${denied}" height="18" fill="url(#denied)"/>
<text x="${barX + allowed + denied + 6}" y="${y + 17}" class="value">${item.tuples} · ${escapeHtml(formatBytes(item.bytes))}</text></g>`;
    })
    .join("\n");
  return `<svg viewBox="0 0 ${WIDTH} ${items.length * rowHeight}" width="100%" role="img">${rows}</svg>`;
}

export const LEGEND = `<span class="legend"><span style="background:${ALLOW}"></span>allowed<span class="hatch"></span>denied</span>`;
export const TRAFFIC_LEGEND = `<span class="legend"><span style="background:${IN}"></span>bytes in<span style="background:${OUT}"></span>bytes out (dashed)<span style="background:${ALLOW}"></span>allowed tuples<span class="hatch"></span>denied tuples<span style="background:#0001"></span>no logs</span>`;
