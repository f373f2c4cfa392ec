// `flowlogs export --format parquet`: every tuple as a typed row, written by DuckDB as Parquet files in
// Hive-style folders (target=…/date=…/hour=…) that Spark, Azure Data Explorer and DuckDB read as they
// are. The tuples stream from our reader into a scratch table on disk, then one COPY writes them out.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { loadDuckDB, Scratch, sqlString } from "./duckdb";
import type { BlobSource, TimeRange } from "./read";
import type { ReadTotals } from "./read-totals";
import { flowsOfTable, loadTuples, PARTITIONS } from "./tuple-table";

const FLUSH_ROWS = 1024;

export interface ParquetExport {
  /** The folder the partitions go in: new or empty, unless `append`. */
  out: string;
  /** Add new files beside those already in `out` (exporting the same blobs twice counts them twice). */
  append?: boolean;
  range?: TimeRange;
}

export async function exportParquet(sources: BlobSource[], request: ParquetExport): Promise<ReadTotals> {
  const duckdb = await loadDuckDB("export --format parquet");
  const out = path.resolve(request.out);
  if (!request.append && existsSync(out) && readdirSync(out).length)
    throw new Error(
      `--out ${request.out}: the folder is not empty; give a new or empty folder, or --append to add files beside those in it`,
    );
  mkdirSync(out, { recursive: true });
  const scratch = await Scratch.open(duckdb, path.dirname(out));
  try {
    const totals = await loadTuples(scratch, "tuples", sources, request.range ?? {});
    const options = [
      "FORMAT PARQUET",
      "COMPRESSION ZSTD",
      `PARTITION_BY (${PARTITIONS.join(", ")})`,
      "FILENAME_PATTERN 'flows_{uuid}'",
      ...(request.append ? ["APPEND"] : []),
    ];
    // DuckDB buffers every partition a batch of rows touches before it writes them: sorted by partition and
    // flushed every 1024 rows, a batch touches few partitions (at most 1024), so memory stays within the
    // limit however many hours the logs span, and each partition's rows go to one file.
    await scratch.connection.run(`SET partitioned_write_flush_threshold = ${FLUSH_ROWS}`);
    await scratch.connection.run(
      `COPY (${flowsOfTable("tuples")} ORDER BY target, time) TO ${sqlString(out)} (${options.join(", ")})`,
    );
    return totals;
  } finally {
    scratch.close();
  }
}
