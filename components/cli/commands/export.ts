// `flowlogs export`: one event per tuple as JSON Lines, CSV, OCSF or ECS, to a file or standard output.
import { closeSync, openSync } from "node:fs";
import { parseArgs } from "node:util";
import { BatchWriter } from "../../logs/batch-writer";
import { csvLine } from "../../logs/csv";
import { EXPORT_FORMATS, FLAT_FIELDS } from "../../logs/events";
import { exportFiles } from "../../logs/parallel-export";
import { blobFiles, finish, JOBS_OPTION, jobsFlag, oneOf, READ_OPTIONS, timeRange } from "./common";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "jsonl" },
      out: { type: "string" },
      append: { type: "boolean", default: false },
      ...READ_OPTIONS,
      ...JOBS_OPTION,
    },
  });
  const format = oneOf("format", values.format, [...EXPORT_FORMATS, "parquet"]);
  const range = timeRange(values);
  const files = blobFiles("export", positionals);
  if (format === "parquet") return (await import("./export-parquet")).run(files, values, range);
  if (values.append) throw new Error("--append: only with --format parquet");
  const jobs = jobsFlag(values.jobs);
  const fd = values.out ? openSync(values.out, "w") : 1;
  const writer = new BatchWriter(fd);
  if (format === "csv") writer.write(csvLine([...FLAT_FIELDS]));
  try {
    const totals = await exportFiles(files, format, range, jobs, writer);
    writer.flush();
    if (values.out) console.error(`wrote ${values.out} (${totals.tuples} ${format} events)`);
    return finish(totals, values["allow-damaged"]);
  } finally {
    if (values.out) closeSync(fd);
  }
}
