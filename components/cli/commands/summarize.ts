// `flowlogs summarize`: totals, states, traffic each way, top lists and splits, as a table, JSON or CSV.
import { parseArgs } from "node:util";
import { formatSummary } from "../../logs/format";
import { summarizeFiles } from "../../logs/parallel-summary";
import {
  blobFiles,
  finish,
  JOBS_OPTION,
  jobsFlag,
  NOTHING_READ,
  oneOf,
  READ_OPTIONS,
  timeRange,
  topFlag,
} from "./common";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "table" },
      top: { type: "string", default: "10" },
      ...READ_OPTIONS,
      ...JOBS_OPTION,
    },
  });
  const format = oneOf("format", values.format, ["table", "json", "csv"] as const);
  const top = topFlag(values.top);
  const files = blobFiles("summarize", positionals);
  const summary = await summarizeFiles(files, top, timeRange(values), jobsFlag(values.jobs));
  const code = finish(summary, values["allow-damaged"]);
  if (code !== NOTHING_READ) process.stdout.write(formatSummary(summary, format));
  return code;
}
