// The work one worker thread does on one blob, and what it hands back: plain data, so it crosses threads
// by structured clone. The same function runs in-process when there is one job.
import { closeSync, openSync } from "node:fs";
import { BatchWriter } from "./batch-writer";
import { EVENT_LINES } from "./event-lines";
import type { ExportFormat } from "./events";
import { ProblemLog } from "./problems";
import { fileSource, noTotals, readTuples, type TimeRange } from "./read";
import type { ReadTotals } from "./read-totals";
import { SummaryBuilder, type SummaryPart } from "./summary";

export interface SummaryTask {
  kind: "summary";
  file: string;
  range: TimeRange;
}

export interface BlobSummary {
  part: SummaryPart;
  totals: ReadTotals;
}

/** One blob's events in a format, written to `out` (a part of the export, appended in the blobs' order). */
export interface ExportTask {
  kind: "export";
  file: string;
  range: TimeRange;
  format: ExportFormat;
  out: string;
}

export type BlobTask = SummaryTask | ExportTask;

export async function summarizeBlob(task: SummaryTask): Promise<BlobSummary> {
  const builder = new SummaryBuilder();
  const totals = await readTuples([fileSource(task.file)], (flow) => builder.add(flow), task.range);
  return { part: builder.part(), totals };
}

export async function exportBlob(task: ExportTask): Promise<{ totals: ReadTotals }> {
  const fd = openSync(task.out, "w");
  try {
    const writer = new BatchWriter(fd);
    const line = EVENT_LINES[task.format];
    const totals = await readTuples([fileSource(task.file)], (flow) => writer.write(line(flow)), task.range);
    writer.flush();
    return { totals };
  } finally {
    closeSync(fd);
  }
}

export function runTask(task: BlobTask): Promise<BlobSummary | { totals: ReadTotals }> {
  return task.kind === "summary" ? summarizeBlob(task) : exportBlob(task);
}

/** The totals of blobs read one by one, added up in the blobs' order: problems kept as one reader keeps them. */
export class TotalsSum {
  private readonly totals = noTotals();
  private readonly problems = new ProblemLog();

  add(blob: ReadTotals): void {
    this.totals.files += blob.files;
    this.totals.recordsRead += blob.recordsRead;
    this.totals.records += blob.records;
    this.totals.tuples += blob.tuples;
    this.problems.merge({ kept: blob.problems, count: blob.problemCount });
  }

  get sum(): ReadTotals {
    return { ...this.totals, problems: this.problems.kept, problemCount: this.problems.count };
  }
}
