// `export` over files on worker threads: each blob's events written by a thread to a part file, the parts
// appended to the output in the files' order (and deleted), so the output is one reader's to the byte
// and memory stays flat however large the blobs. The parts' folder is removed on every path.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { BatchWriter } from "./batch-writer";
import { TotalsSum } from "./blob-task";
import { EVENT_LINES } from "./event-lines";
import type { ExportFormat } from "./events";
import { fileSources, readTuples, type TimeRange } from "./read";
import type { ReadTotals } from "./read-totals";
import { inWorkers } from "./worker-pool";

/** Writes the events of `files` to `writer`, read on `jobs` threads (in this thread for one job or file). */
export async function exportFiles(
  files: string[],
  format: ExportFormat,
  range: TimeRange,
  jobs: number,
  writer: BatchWriter,
): Promise<ReadTotals> {
  if (jobs < 2 || files.length < 2) {
    const line = EVENT_LINES[format];
    return readTuples(fileSources(files), (flow) => writer.write(line(flow)), range);
  }
  const parts = mkdtempSync(path.join(tmpdir(), "flowlogs-export-"));
  try {
    const tasks = files.map((file, i) => ({
      kind: "export" as const,
      file,
      range,
      format,
      out: path.join(parts, `${i}.part`),
    }));
    const totals = new TotalsSum();
    await inWorkers<{ totals: ReadTotals }>(tasks, jobs, (result, i) => {
      writer.append(tasks[i].out);
      rmSync(tasks[i].out);
      totals.add(result.totals);
    });
    return totals.sum;
  } finally {
    rmSync(parts, { recursive: true, force: true });
  }
}
