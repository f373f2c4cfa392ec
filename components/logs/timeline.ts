// Traffic over a real time axis: counted per minute as flows stream in, then merged into bins wide
// enough for a chart. Every bin from the first to the last is present, so hours without logs show as
// gaps (zero) rather than being closed up. However far apart the first and last tuple are, there are at
// most MAX_BINS bins: past the widest width of the list, bins are as many whole weeks as it takes.

export interface TimeBin {
  /** ISO start of the bin. */
  start: string;
  tuples: number;
  denied: number;
  /** Bytes towards the logged resource and away from it (see Traffic in summary.ts). */
  bytesIn: number;
  bytesOut: number;
}

export interface Timeline {
  /** Width of each bin in milliseconds. */
  binMs: number;
  bins: TimeBin[];
}

const MINUTE_MS = 60_000;
const WEEK_MIN = 10080;
const WIDTHS_MIN = [1, 5, 15, 30, 60, 180, 360, 720, 1440, WEEK_MIN];
/** Most bins a chart gets; a wider bin is chosen when the range would need more. */
const MAX_BINS = 120;

export class TimelineBuilder {
  private readonly minutes = new Map<number, TimeBin>();
  /** The minute last counted and its bin: tuples come in runs of the same minute. */
  private lastMinute = Number.NaN;
  private lastBin: TimeBin | undefined;

  private binOf(minute: number): TimeBin {
    if (minute === this.lastMinute && this.lastBin) return this.lastBin;
    let bin = this.minutes.get(minute);
    if (!bin) {
      bin = { start: "", tuples: 0, denied: 0, bytesIn: 0, bytesOut: 0 };
      this.minutes.set(minute, bin);
    }
    this.lastMinute = minute;
    this.lastBin = bin;
    return bin;
  }

  add(time: number, denied: boolean, bytesIn: number, bytesOut: number): void {
    const bin = this.binOf(Math.floor(time / MINUTE_MS));
    bin.tuples++;
    if (denied) bin.denied++;
    bin.bytesIn += bytesIn;
    bin.bytesOut += bytesOut;
  }

  /** The counts per minute, to merge into another builder. */
  part(): [number, TimeBin][] {
    return [...this.minutes];
  }

  merge(minutes: [number, TimeBin][]): void {
    for (const [minute, counts] of minutes) {
      const bin = this.binOf(minute);
      bin.tuples += counts.tuples;
      bin.denied += counts.denied;
      bin.bytesIn += counts.bytesIn;
      bin.bytesOut += counts.bytesOut;
    }
  }

  build(): Timeline {
    if (!this.minutes.size) return { binMs: MINUTE_MS, bins: [] };
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const minute of this.minutes.keys()) {
      first = Math.min(first, minute);
      last = Math.max(last, minute);
    }
    const width =
      WIDTHS_MIN.find((w) => (last - first) / w < MAX_BINS) ??
      WEEK_MIN * Math.ceil((last - first + 1) / (WEEK_MIN * (MAX_BINS - 1)));
    const firstBin = Math.floor(first / width);
    const bins: TimeBin[] = [];
    for (let b = firstBin; b <= Math.floor(last / width); b++)
      bins.push({
        start: new Date(b * width * MINUTE_MS).toISOString(),
        tuples: 0,
        denied: 0,
        bytesIn: 0,
        bytesOut: 0,
      });
    for (const [minute, counts] of this.minutes) {
      const bin = bins[Math.floor(minute / width) - firstBin];
      bin.tuples += counts.tuples;
      bin.denied += counts.denied;
      bin.bytesIn += counts.bytesIn;
      bin.bytesOut += counts.bytesOut;
    }
    return { binMs: width * MINUTE_MS, bins };
  }
}
