// Reading flow-log files (or any byte streams) flow by flow: into a summary, an export or a rule audit.
// Records are read in place by the fast reader where they are plain; the rest by JSON.parse and flowsOf,
// which also word what could not be read.
import { createReadStream } from "node:fs";
import { FastRecordReader, type FlowSink } from "./fast-record";
import type { Flow } from "./flow";
import { flowsOf } from "./flows";
import { ProblemLog } from "./problems";
import type { ReadTotals } from "./read-totals";
import { parseRecord, RecordScanner, utf8 } from "./record-stream";
import { type FlowSummary, SummaryBuilder } from "./summary";
import { copyFlow } from "./tuples";

export interface BlobSource {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

export function fileSource(path: string): BlobSource {
  return { name: path, chunks: createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** Each file's stream, opened when its turn comes: opening every file at once would run out of file handles. */
export function* fileSources(files: string[]): Generator<BlobSource> {
  for (const file of files) yield fileSource(file);
}

/** Keep tuples from `from` (inclusive) to `to` (exclusive), epoch milliseconds. */
export interface TimeRange {
  from?: number;
  to?: number;
}

/** Takes each flow with the blob it came from and the byte offset of its record there. */
export type OnFlow = (flow: Flow, blob: string, offset: number) => void;

/**
 * As OnFlow, but handed one flow object reused for every tuple (no object per tuple): valid during the
 * call only, so what is kept must be copied out of it.
 */
export type OnTuple = OnFlow;

export const noTotals = (): ReadTotals => ({
  files: 0,
  recordsRead: 0,
  records: 0,
  tuples: 0,
  problems: [],
  problemCount: 0,
});

const NO_RECORDS =
  'no flow-log record found; expected a {"records":[…]} blob, a bare record, records one per line or a ","-prefixed block';

/** The flows of one blob's records, counted into the totals and handed to `onFlow`. */
class BlobReader implements FlowSink {
  /** Records read, whatever their time. */
  seen = 0;
  /** Records counted: every record read, or with a time range only those with a tuple inside it. */
  records = 0;
  private counted = false;
  /** Byte offset of the record being read, handed on with each of its flows. */
  private offset = 0;
  /** Reads the records the scanner had to put together from several chunks. */
  private readonly joined = new FastRecordReader(this);
  readonly scanner: RecordScanner;

  constructor(
    private readonly blob: string,
    private readonly totals: ReadTotals,
    private readonly problems: ProblemLog,
    private readonly onTuple: OnTuple,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.scanner = new RecordScanner(
      blob,
      (text, at, plain) => this.read(text, at, plain),
      (problem) => problems.add(problem),
      new FastRecordReader(this),
    );
  }

  private get ranged(): boolean {
    return this.from > Number.NEGATIVE_INFINITY || this.to < Number.POSITIVE_INFINITY;
  }

  record(offset: number): void {
    this.offset = offset;
    this.seen++;
    this.counted = !this.ranged;
    if (this.counted) this.records++;
  }

  flow(flow: Flow): void {
    if (flow.time < this.from || flow.time >= this.to) return;
    if (!this.counted) {
      this.counted = true;
      this.records++;
    }
    this.totals.tuples++;
    this.onTuple(flow, this.blob, this.offset);
  }

  bad(offset: number, tuple: string, why: string): void {
    this.problems.add({ blob: this.blob, offset, message: `tuple "${tuple}" skipped: ${why}` });
  }

  /** A record the fast reader did not take where it starts: in place if it can now, else JSON.parse. */
  private read(latin1: string, offset: number, plain: boolean): void {
    this.joined.use(latin1, plain);
    if (this.joined.read(0, offset) > 0) return;
    const text = utf8(latin1);
    let record: unknown;
    try {
      record = parseRecord(text);
    } catch (e) {
      this.problems.add({
        blob: this.blob,
        offset,
        message: `not valid JSON: ${(e as Error).message}`,
      });
      return;
    }
    let searchFrom = 0;
    let flows: Flow[];
    try {
      flows = flowsOf(record, (tuple, why) => {
        // Where the tuple's string starts in the record, or the record when not found.
        const at = text.indexOf(JSON.stringify(tuple), searchFrom);
        if (at >= 0) searchFrom = at + 1;
        this.bad(at < 0 ? offset : offset + Buffer.byteLength(text.slice(0, at)), tuple, why);
      });
    } catch (e) {
      this.problems.add({ blob: this.blob, offset, message: (e as Error).message });
      return;
    }
    this.record(offset);
    for (const flow of flows) this.flow(flow);
  }
}

/** Streams every source through the parser, handing each flow in the range to `onFlow` to keep if it will. */
export function readFlows(
  sources: Iterable<BlobSource> | AsyncIterable<BlobSource>,
  onFlow: OnFlow,
  range: TimeRange = {},
): Promise<ReadTotals> {
  return readTuples(sources, (flow, blob, offset) => onFlow(copyFlow(flow), blob, offset), range);
}

/** As readFlows, handing each tuple in the range to `onTuple` in one reused flow object (see OnTuple). */
export async function readTuples(
  sources: Iterable<BlobSource> | AsyncIterable<BlobSource>,
  onTuple: OnTuple,
  range: TimeRange = {},
): Promise<ReadTotals> {
  const from = range.from ?? Number.NEGATIVE_INFINITY;
  const to = range.to ?? Number.POSITIVE_INFINITY;
  const totals = noTotals();
  const problems = new ProblemLog();
  for await (const source of sources) {
    totals.files++;
    const problemsBefore = problems.count;
    const reader = new BlobReader(source.name, totals, problems, onTuple, from, to);
    for await (const chunk of source.chunks) reader.scanner.write(chunk);
    reader.scanner.end();
    totals.records += reader.records;
    totals.recordsRead += reader.seen;
    if (!reader.seen && problems.count === problemsBefore)
      problems.add({ blob: source.name, offset: 0, message: NO_RECORDS });
  }
  totals.problems = problems.kept;
  totals.problemCount = problems.count;
  return totals;
}

/** Streams every blob through the parser into one summary; what could not be read becomes `problems`. */
export async function summarize(
  sources: Iterable<BlobSource> | AsyncIterable<BlobSource>,
  top = 10,
  range: TimeRange = {},
): Promise<FlowSummary> {
  const builder = new SummaryBuilder();
  const totals = await readTuples(sources, (flow) => builder.add(flow), range);
  return builder.build(top, totals);
}
