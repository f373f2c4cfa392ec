// `summarize` over files on worker threads: one summary part per blob, merged in the files' order, so the
// summary, its problems and their order are those of one thread reading the files one after another.
import { type BlobSummary, TotalsSum } from "./blob-task";
import { fileSources, summarize, type TimeRange } from "./read";
import { type FlowSummary, SummaryBuilder } from "./summary";
import { inWorkers } from "./worker-pool";

/** The summary of `files`, read on `jobs` threads (in this thread, as one reader, when there is one job or one file). */
export async function summarizeFiles(
  files: string[],
  top: number,
  range: TimeRange,
  jobs: number,
): Promise<FlowSummary> {
  if (jobs < 2 || files.length < 2) return summarize(fileSources(files), top, range);
  const builder = new SummaryBuilder();
  const totals = new TotalsSum();
  const merge = (blob: BlobSummary) => {
    builder.merge(blob.part);
    totals.add(blob.totals);
  };
  const tasks = files.map((file) => ({ kind: "summary" as const, file, range }));
  await inWorkers(tasks, jobs, merge);
  return builder.build(top, totals.sum);
}
