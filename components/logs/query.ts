// `flowlogs query`: SQL over the tuples, with DuckDB embedded. Exported Parquet folders are read in place
// (Hive partitions and all); downloaded JSON goes through our reader into a scratch table. Either way the
// SQL sees one view, `flows`, with the export's columns, and with --rules a table `rules`.
import { readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { DuckDBValue } from "@duckdb/node-api";
import { loadDuckDB, Scratch, sqlString } from "./duckdb";
import { fileSource, type TimeRange } from "./read";
import type { ReadTotals } from "./read-totals";
import { readRulesFile } from "./rules-file";
import { flowsOfParquet, flowsOfTable, loadTuples } from "./tuple-table";

export interface QueryRequest {
  sql: string;
  /** Exported Parquet (files or folders), or flow-log files from `blobFiles`; not both. */
  parquet: string[];
  blobs: string[];
  range: TimeRange;
  /** An NSG's JSON, loaded as the table `rules`. */
  rules?: string;
}

/** A cell as it is printed: numbers and text as they are, the rest (times, dates, big numbers) as DuckDB writes it. */
export type Cell = string | number | boolean | null;

export interface QueryResult {
  columns: string[];
  /** The rows, a chunk at a time, as DuckDB produces them. */
  chunks: AsyncIterable<Cell[][]>;
  /** What reading the JSON found; none for Parquet. */
  totals?: ReadTotals;
}

function cell(value: DuckDBValue): Cell {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (typeof value === "bigint")
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  return String(value);
}

/** Whether `p` is a Parquet file or a folder holding one (anywhere below it). */
export function isParquet(p: string): boolean {
  if (!statSync(p).isDirectory()) return p.endsWith(".parquet");
  return readdirSync(p, { recursive: true, encoding: "utf8" }).some((name) => name.endsWith(".parquet"));
}

const parquetGlob = (p: string) => (statSync(p).isDirectory() ? path.join(p, "**", "*.parquet") : p);

/** A time in milliseconds as a literal of the `time` column (a TIMESTAMP, in UTC). */
const timestampLiteral = (ms: number) =>
  `TIMESTAMP ${sqlString(new Date(ms).toISOString().replace("T", " ").slice(0, -1))}`;

function timeFilter(range: TimeRange): string {
  const bounds = [
    ...(range.from !== undefined ? [`time >= ${timestampLiteral(range.from)}`] : []),
    ...(range.to !== undefined ? [`time < ${timestampLiteral(range.to)}`] : []),
  ];
  return bounds.length ? ` WHERE ${bounds.join(" AND ")}` : "";
}

async function createRules(scratch: Scratch, file: string): Promise<void> {
  const rules = readRulesFile(file);
  const { connection } = scratch;
  await connection.run(
    "CREATE TABLE rules (nsg VARCHAR, name VARCHAR, loggedAs VARCHAR, priority INTEGER, direction VARCHAR, access VARCHAR)",
  );
  const appender = await connection.createAppender("rules");
  try {
    for (const r of rules) {
      for (const text of [r.nsg, r.name, r.loggedAs]) appender.appendVarchar(text);
      appender.appendInteger(r.priority);
      appender.appendVarchar(r.direction);
      appender.appendVarchar(r.access);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Runs the SQL over the flows; `use` gets the result while the scratch database is open. */
export async function query<T>(request: QueryRequest, use: (result: QueryResult) => Promise<T>): Promise<T> {
  const scratch = await Scratch.open(await loadDuckDB("query"), tmpdir());
  try {
    let totals: ReadTotals | undefined;
    let flows: string;
    if (request.parquet.length) {
      flows = flowsOfParquet(request.parquet.map(parquetGlob));
    } else {
      totals = await loadTuples(scratch, "tuples", request.blobs.map(fileSource), request.range);
      flows = flowsOfTable("tuples");
    }
    const where = request.parquet.length ? timeFilter(request.range) : "";
    await scratch.connection.run(`CREATE VIEW flows AS SELECT * FROM (${flows})${where}`);
    if (request.rules) await createRules(scratch, request.rules);
    const result = await scratch.connection.stream(request.sql).catch((e: Error) => {
      if (!request.rules && /Table with name rules does not exist/.test(e.message))
        throw new Error(`${e.message}\n(the table rules is there with --rules FILE, an NSG's JSON)`);
      throw e;
    });
    const chunks = (async function* () {
      for await (const rows of result.yieldRows()) yield rows.map((row) => row.map(cell));
    })();
    return await use({ columns: result.columnNames(), chunks, totals });
  } finally {
    scratch.close();
  }
}
