// Inline SVG charts for the report: traffic on a real time axis and horizontal bars split allowed/denied.
import { formatBitRate, formatBytes } from "./network";
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

/** A bin's width as people say it: "5 min", "1 h", "1 day". */
export function binWidth(ms: number): string {
  if (ms >= 86_400_000) return `${ms / 86_400_000} day${ms === 86_400_000 ? "" : "s"}`;
  return ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`;
}

/**
 * Bandwidth in and out (lines, bit/s averaged over each bin) over tuples per bin (bars, allowed and
 * denied), on one time axis. Bins without any tuple are shaded: no logs then, which is not the same as
 * no traffic; a bin with logs between two without is drawn as a point, since no line reaches it.
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
  const seconds = timeline.binMs / 1000;
  const rate = (bytes: number) => (bytes * 8) / seconds;
  const maxRate = Math.max(1, ...bins.map((b) => rate(Math.max(b.bytesIn, b.bytesOut))));
  const maxTuples = Math.max(1, ...bins.map((b) => b.tuples));
  const yBytes = (bytes: number) => bytesTop + bytesHeight - (bytesHeight * rate(bytes)) / maxRate;
  // A line breaks over bins without logs instead of dropping to zero: no logs is not no traffic.
  const line = (pick: (b: (typeof bins)[number]) => number) =>
    bins
      .map((b, i) =>
        b.tuples
          ? `${i && bins[i - 1].tuples ? "L" : "M"}${(x(i) + slot / 2).toFixed(1)},${yBytes(pick(b)).toFixed(1)}`
          : "",
      )
      .join("");
  const isolated = (i: number) => bins[i].tuples && !bins[i - 1]?.tuples && !bins[i + 1]?.tuples;
  const points = (pick: (b: (typeof bins)[number]) => number, colour: string) =>
    bins
      .map((b, i) =>
        isolated(i)
          ? `<circle cx="${(x(i) + slot / 2).toFixed(1)}" cy="${yBytes(pick(b)).toFixed(1)}" r="3" fill="${colour}"/>`
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
      return `<g><title>${escapeHtml(b.start)}: ${b.tuples} tuples (${b.denied} denied), in ${escapeHtml(formatBitRate(rate(b.bytesIn)))} (${escapeHtml(formatBytes(b.bytesIn))}), out ${escapeHtml(formatBitRate(rate(b.bytesOut)))} (${escapeHtml(formatBytes(b.bytesOut))})</title>
<rect x="${x(i)}" y="${base - total}" width="${w}" height="${total - denied}" fill="${ALLOW}"/><rect x="${x(i)}" y="${base - denied}" width="${w}" height="${denied}" fill="url(#denied)"/></g>`;
    })
    .join("\n");
  const axisY = tuplesTop + tuplesHeight;
  return `<svg viewBox="0 0 ${WIDTH} ${axisY + 24}" width="100%" role="img" aria-label="Bandwidth and tuples over time">
${gaps}
<text x="12" y="${bytesTop + bytesHeight / 2}" text-anchor="middle" class="axis" transform="rotate(-90 12 ${bytesTop + bytesHeight / 2})">bit/s (${escapeHtml(binWidth(timeline.binMs))} average)</text>
<text x="${LEFT - 6}" y="${bytesTop + 4}" text-anchor="end" class="axis">${escapeHtml(formatBitRate(maxRate))}</text>
<text x="${LEFT - 6}" y="${bytesTop + bytesHeight}" text-anchor="end" class="axis">0</text>
<line x1="${LEFT}" y1="${bytesTop + bytesHeight}" x2="${WIDTH - 10}" y2="${bytesTop + bytesHeight}" stroke="#ccc"/>
<path d="${line((b) => b.bytesIn)}" fill="none" stroke="${IN}" stroke-width="2"/>
<path d="${line((b) => b.bytesOut)}" fill="none" stroke="${OUT}" stroke-width="2" stroke-dasharray="5 3"/>
${points((b) => b.bytesIn, IN)}${points((b) => b.bytesOut, OUT)}
<text x="12" y="${tuplesTop + tuplesHeight / 2}" text-anchor="middle" class="axis" transform="rotate(-90 12 ${tuplesTop + tuplesHeight / 2})">tuples</text>
<text x="${LEFT - 6}" y="${tuplesTop + 4}" text-anchor="end" class="axis">${maxTuples} tuples</text>
<text x="${LEFT - 6}" y="${axisY}" text-anchor="end" class="axis">0</text>
${bars}
<line x1="${LEFT}" y1="${axisY}" x2="${WIDTH - 10}" y2="${axisY}" stroke="#999"/>
${ticks(timeline, x, axisY)}
</svg>`;
}

export interface BarItem extends Tally {
  label: string;
  /** What the bar's length shows (default: tuples), when a list is ordered by something else. */
  length?: number;
  /** The text after the bar (default: tuples and bytes). */
  note?: string;
}

/** One bar per item, its tuples split allowed (solid) and denied (hatched), with the bytes after it. */
export function tallyBars(items: BarItem[]): string {
  if (!items.length) return "<p>None.</p>";
  const max = Math.max(...items.map((i) => i.length ?? i.tuples));
  const rowHeight = 26;
  const barX = 300;
  const span = 440;
  const rows = items
    .map((item, i) => {
      const y = i * rowHeight;
      const allowed = item.length === undefined ? (span * item.allowed) / max : 0;
      const denied = (span * (item.length ?? item.denied)) / max;
      return `<g><title>${escapeHtml(item.label)}: ${item.allowed} allowed, ${item.denied} denied, ${escapeHtml(formatBytes(item.bytes))}</title>
<text x="0" y="${y + 17}" class="label">${escapeHtml(item.label)}</text>
<rect x="${barX}" y="${y + 4}" width="${allowed}" height="18" fill="${ALLOW}"/>
<rect x="${barX + allowed}" y="${y + 4}" width="${denied}" height="18" fill="url(#denied)"/>
<text x="${barX + allowed + denied + 6}" y="${y + 17}" class="value">${escapeHtml(item.note ?? `${item.tuples} · ${formatBytes(item.bytes)}`)}</text></g>`;
    })
    .join("\n");
  return `<svg viewBox="0 0 ${WIDTH} ${items.length * rowHeight}" width="100%" role="img">${rows}</svg>`;
}

export const LEGEND = `<span class="legend"><span style="background:${ALLOW}"></span>allowed<span class="hatch"></span>denied</span>`;
export const TRAFFIC_LEGEND = `<span class="legend"><span style="background:${IN}"></span>in (bit/s)<span style="background:${OUT}"></span>out (bit/s, dashed)<span style="background:${ALLOW}"></span>allowed tuples<span class="hatch"></span>denied tuples<span style="background:#0001"></span>no logs</span>`;
