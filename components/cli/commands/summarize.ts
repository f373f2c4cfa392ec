// `flowlogs summarize`: totals, states, traffic each way, top lists and splits, as a table, JSON or CSV.
import { parseArgs } from "node:util";
import { formatSummary } from "../../logs/format";
import { fileSource, summarize } from "../../logs/read";
import { blobFiles, finish, NOTHING_READ, oneOf, READ_OPTIONS, timeRange, topFlag } from "./common";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "table" },
      top: { type: "string", default: "10" },
      ...READ_OPTIONS,
    },
  });
  const format = oneOf("format", values.format, ["table", "json", "csv"] as const);
  const top = topFlag(values.top);
  const files = blobFiles("summarize", positionals);
  const summary = await summarize(files.map(fileSource), top, timeRange(values));
  const code = finish(summary, values["allow-damaged"]);
  if (code !== NOTHING_READ) process.stdout.write(formatSummary(summary, format));
  return code;
}
