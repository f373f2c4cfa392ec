// Reading flow-log files (or any byte streams) flow by flow: into a summary, an export or a rule audit.
import { createReadStream } from "node:fs";
import { type Flow, flowsOf } from "./flows";
import { type ParseProblem, recordsOf } from "./record-stream";
import { type FlowSummary, SummaryBuilder } from "./summary";

export interface BlobSource {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

export function fileSource(path: string): BlobSource {
  return { name: path, chunks: createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** Keep tuples from `from` (inclusive) to `to` (exclusive), epoch milliseconds. */
export interface TimeRange {
  from?: number;
  to?: number;
}

export interface ReadTotals {
  files: number;
  records: number;
  /** Tuples handed on (inside the time range). */
  tuples: number;
  problems: ParseProblem[];
}

const NO_RECORDS =
  'no flow-log record found; expected a {"records":[…]} blob, a bare record, records one per line or a ","-prefixed block';

/** Byte offset of a bad tuple: where its string starts in the record, or the record when not found. */
function tupleOffset(scanned: { offset: number; text: string }, tuple: string, from: number) {
  const at = scanned.text.indexOf(JSON.stringify(tuple), from);
  if (at < 0) return { offset: scanned.offset, next: from };
  return { offset: scanned.offset + Buffer.byteLength(scanned.text.slice(0, at)), next: at + 1 };
}

/** Streams every source through the parser, handing each flow in the range to `onFlow`. */
export async function readFlows(
  sources: Iterable<BlobSource> | AsyncIterable<BlobSource>,
  onFlow: (flow: Flow) => void,
  range: TimeRange = {},
): Promise<ReadTotals> {
  const from = range.from ?? Number.NEGATIVE_INFINITY;
  const to = range.to ?? Number.POSITIVE_INFINITY;
  const totals: ReadTotals = { files: 0, records: 0, tuples: 0, problems: [] };
  for await (const source of sources) {
    totals.files++;
    const problemsBefore = totals.problems.length;
    let records = 0;
    for await (const scanned of recordsOf(source.chunks, source.name, (p) => totals.problems.push(p))) {
      let searchFrom = 0;
      const onBad = (tuple: string, why: string) => {
        const { offset, next } = tupleOffset(scanned, tuple, searchFrom);
        searchFrom = next;
        totals.problems.push({ blob: source.name, offset, message: `tuple "${tuple}" skipped: ${why}` });
      };
      let flows: Flow[];
      try {
        flows = flowsOf(scanned.record, onBad);
      } catch (e) {
        totals.problems.push({ blob: source.name, offset: scanned.offset, message: (e as Error).message });
        continue;
      }
      records++;
      for (const flow of flows) {
        if (flow.time < from || flow.time >= to) continue;
        totals.tuples++;
        onFlow(flow);
      }
    }
    totals.records += records;
    if (!records && totals.problems.length === problemsBefore)
      totals.problems.push({ blob: source.name, offset: 0, message: NO_RECORDS });
  }
  return totals;
}

/** Streams every blob through the parser into one summary; what could not be read becomes `problems`. */
export async function summarize(
  sources: Iterable<BlobSource> | AsyncIterable<BlobSource>,
  top = 10,
  range: TimeRange = {},
): Promise<FlowSummary> {
  const builder = new SummaryBuilder();
  const totals = await readFlows(sources, (flow) => builder.add(flow), range);
  builder.files = totals.files;
  builder.records = totals.records;
  builder.problems.push(...totals.problems);
  return builder.build(top);
}
