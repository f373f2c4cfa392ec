// `flowlogs query`: SQL (or a ready query) over exported Parquet or downloaded JSON, as a table, CSV or JSON.
import { parseArgs } from "node:util";
import { csvLine } from "../../logs/csv";
import { type Cell, isParquet, query } from "../../logs/query";
import { READY_QUERIES, READY_QUERY_NAMES } from "../../logs/ready-queries";
import { columns } from "../../text/terminal";
import { blobFiles, finish, oneOf, READ_OPTIONS, timeRange } from "./common";

const FORMATS = ["table", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

/** Standard output with back-pressure, so a large result streams in bounded memory; a reader that goes away (`| head`) ends it quietly. */
class Output {
  open = true;

  constructor() {
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      this.open = false;
    });
  }

  async write(text: string): Promise<void> {
    if (!this.open || process.stdout.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        process.stdout.off("drain", done);
        process.stdout.off("error", done);
        resolve();
      };
      process.stdout.on("drain", done);
      process.stdout.on("error", done);
    });
  }
}

const shown = (c: Cell) => (c === null ? "" : typeof c === "boolean" ? String(c) : c);

async function print(format: Format, names: string[], chunks: AsyncIterable<Cell[][]>): Promise<void> {
  const out = new Output();
  if (format === "table") {
    // Aligning needs every row: the table is for answers that fit on a screen; csv and json stream.
    const rows: (string | number)[][] = [names];
    for await (const chunk of chunks) for (const row of chunk) rows.push(row.map(shown));
    await out.write(`${columns(rows, true)}\n`);
  } else if (format === "csv") {
    await out.write(csvLine(names));
    for await (const chunk of chunks) {
      if (!out.open) break;
      await out.write(
        chunk.map((row) => csvLine(row.map((c) => (c === null ? undefined : shown(c))))).join(""),
      );
    }
  } else {
    let first = true;
    await out.write("[");
    for await (const chunk of chunks) {
      if (!out.open) break;
      const objects = chunk.map((row) =>
        JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i]]))),
      );
      if (objects.length) await out.write(`${first ? "\n" : ",\n"}${objects.join(",\n")}`);
      first &&= !objects.length;
    }
    await out.write(first ? "]\n" : "\n]\n");
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "table" },
      ready: { type: "string" },
      rules: { type: "string" },
      ...READ_OPTIONS,
    },
  });
  const format = oneOf("format", values.format, FORMATS);
  const ready = values.ready === undefined ? undefined : oneOf("ready", values.ready, READY_QUERY_NAMES);
  const sql = ready ? READY_QUERIES[ready].sql : positionals.shift();
  if (!sql)
    throw new Error(
      'query: no SQL given; expected "SQL" or --ready NAME, then PATH... (see flowlogs query --help)',
    );
  const range = timeRange(values);
  const blobs = blobFiles("query", positionals);
  const parquet = positionals.filter(isParquet);
  if (parquet.length && blobs.length)
    throw new Error("query: give either exported Parquet (files or folders) or flow-log files, not both");
  return query({ sql, parquet, blobs, range, rules: values.rules }, async (result) => {
    await print(format, result.columns, result.chunks);
    return result.totals ? finish(result.totals, values["allow-damaged"]) : 0;
  });
}
