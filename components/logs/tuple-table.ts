// The tuples as a typed DuckDB table: one row per tuple, filled through an appender straight from our
// streaming reader, so no tuple is held in JavaScript. The columns are the Parquet export's schema and
// the `flows` view of `flowlogs query` (docs/exports.md lists them).
import type { DuckDBAppender, DuckDBTimestampValue } from "@duckdb/node-api";
import type { Scratch } from "./duckdb";
import { sqlString } from "./duckdb";
import type { Flow } from "./flow";
import { type BlobSource, readTuples, type TimeRange } from "./read";
import type { ReadTotals } from "./read-totals";

/** A column: its name, its SQL type, and how to append its value for one tuple. */
interface Column {
  name: string;
  type: string;
  append: (to: DuckDBAppender, flow: Flow, at: Origin) => void;
}

/** What a tuple's row holds beyond the flow: its time as DuckDB takes it, where it was read, its target's key. */
interface Origin {
  time: DuckDBTimestampValue;
  blob: string;
  offset: number;
  target: string;
}

const text =
  (value: (flow: Flow, at: Origin) => string | undefined) => (to: DuckDBAppender, flow: Flow, at: Origin) => {
    const v = value(flow, at);
    if (v === undefined) to.appendNull();
    else to.appendVarchar(v);
  };

const integer = (value: (flow: Flow) => number | undefined) => (to: DuckDBAppender, flow: Flow) => {
  const v = value(flow);
  if (v === undefined) to.appendNull();
  else to.appendInteger(v);
};

const counter = (value: (flow: Flow) => number | undefined) => (to: DuckDBAppender, flow: Flow) => {
  const v = value(flow);
  if (v === undefined) to.appendNull();
  else to.appendBigInt(BigInt(v));
};

/** The table's columns, in the order the export writes and the `flows` view shows them. */
const COLUMNS: Column[] = [
  { name: "time", type: "TIMESTAMP", append: (to, _, at) => to.appendTimestamp(at.time) },
  { name: "target", type: "VARCHAR", append: text((_, at) => at.target) },
  { name: "targetId", type: "VARCHAR", append: text((flow) => flow.target) },
  { name: "nsg", type: "VARCHAR", append: text((flow) => flow.aclID ?? flow.target) },
  { name: "aclID", type: "VARCHAR", append: text((flow) => flow.aclID) },
  { name: "mac", type: "VARCHAR", append: text((flow) => flow.mac) },
  { name: "rule", type: "VARCHAR", append: text((flow) => flow.rule) },
  { name: "src", type: "VARCHAR", append: text((flow) => flow.src) },
  { name: "srcPort", type: "INTEGER", append: integer((flow) => flow.srcPort) },
  { name: "dst", type: "VARCHAR", append: text((flow) => flow.dst) },
  { name: "dstPort", type: "INTEGER", append: integer((flow) => flow.dstPort) },
  { name: "protocol", type: "VARCHAR", append: text((flow) => flow.protocol) },
  { name: "direction", type: "VARCHAR", append: text((flow) => flow.direction) },
  { name: "decision", type: "VARCHAR", append: text((flow) => flow.decision) },
  { name: "state", type: "VARCHAR", append: text((flow) => flow.state) },
  { name: "encryption", type: "VARCHAR", append: text((flow) => flow.encryption) },
  { name: "packetsSent", type: "BIGINT", append: counter((flow) => flow.packetsSent) },
  { name: "bytesSent", type: "BIGINT", append: counter((flow) => flow.bytesSent) },
  { name: "packetsReceived", type: "BIGINT", append: counter((flow) => flow.packetsReceived) },
  { name: "bytesReceived", type: "BIGINT", append: counter((flow) => flow.bytesReceived) },
  { name: "version", type: "INTEGER", append: integer((flow) => flow.version) },
  { name: "blob", type: "VARCHAR", append: text((_, at) => at.blob) },
  { name: "byteOffset", type: "BIGINT", append: (to, _, at) => to.appendBigInt(BigInt(at.offset)) },
];

/** The columns the export partitions by: the target's folder name, and the UTC date and hour. */
export const PARTITIONS = ["target", "date", "hour"] as const;
const DERIVED: Record<string, string> = { date: "CAST(time AS DATE)", hour: "CAST(hour(time) AS INTEGER)" };
const HIVE_TYPES = "{'target': VARCHAR, 'date': DATE, 'hour': INTEGER}";

/** Every column of the `flows` view in its order: the time, the date and hour taken from it, the rest. */
const FLOW_COLUMNS = ["time", "date", "hour", ...COLUMNS.slice(1).map((c) => c.name)];

/** The rows of a tuple table as the `flows` view has them, with each tuple's date and hour. */
export const flowsOfTable = (table: string) =>
  `SELECT ${FLOW_COLUMNS.map((c) => (DERIVED[c] ? `${DERIVED[c]} AS "${c}"` : `"${c}"`)).join(", ")} FROM ${table}`;

/** The rows of exported Parquet files (paths or globs) as the `flows` view has them. */
export const flowsOfParquet = (globs: string[]) =>
  `SELECT ${FLOW_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM read_parquet([${globs.map(sqlString).join(", ")}], hive_partitioning = true, hive_types = ${HIVE_TYPES})`;

/**
 * The partition folder name of a target: its resource names after the provider (a subnet as VNET.SUBNET),
 * lower case, with anything but letters, digits, `.`, `_` and `-` as `_`. The full ID is `targetId`.
 */
export function targetKey(id: string): string {
  const names = id
    .split(/\/providers\//i)
    .slice(1)
    .flatMap((part) => part.split("/").filter((_, i) => i > 1 && i % 2 === 0));
  const key = (names.length ? names.join(".") : id).toLowerCase().replace(/[^a-z0-9._-]/g, "_");
  return key.replace(/^\.+/, "_") || "unknown";
}

/** Creates `table` with the tuples' columns and appends every tuple of the sources to it. */
export async function loadTuples(
  { connection, duckdb }: Scratch,
  table: string,
  sources: BlobSource[],
  range: TimeRange,
): Promise<ReadTotals> {
  await connection.run(`CREATE TABLE ${table} (${COLUMNS.map((c) => `"${c.name}" ${c.type}`).join(", ")})`);
  const appender = await connection.createAppender(table);
  const targets = new Map<string, string>();
  const at: Origin = { time: new duckdb.DuckDBTimestampValue(0n), blob: "", offset: 0, target: "" };
  try {
    const totals = await readTuples(
      sources,
      (flow, blob, offset) => {
        let target = targets.get(flow.target);
        if (target === undefined) {
          target = targetKey(flow.target);
          targets.set(flow.target, target);
        }
        at.time = new duckdb.DuckDBTimestampValue(BigInt(flow.time) * 1000n);
        at.blob = blob;
        at.offset = offset;
        at.target = target;
        for (const column of COLUMNS) column.append(appender, flow, at);
        appender.endRow();
      },
      range,
    );
    appender.flushSync();
    return totals;
  } finally {
    appender.closeSync();
  }
}
