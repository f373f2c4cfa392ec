// `flowlogs report`: one self-contained HTML page of the summary's charts and tables.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fileSource, summarize } from "../read";
import { renderReport } from "../report";
import { blobFiles, finish, NOTHING_READ, READ_OPTIONS, timeRange, topFlag } from "./common";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "flowlogs-report.html" },
      title: { type: "string", default: "Flow logs" },
      top: { type: "string", default: "10" },
      ...READ_OPTIONS,
    },
  });
  const top = topFlag(values.top);
  const summary = await summarize(blobFiles("report", positionals).map(fileSource), top, timeRange(values));
  const code = finish(summary, values["allow-damaged"]);
  if (code === NOTHING_READ) return code;
  writeFileSync(values.out, renderReport(summary, values.title));
  console.log(`wrote ${values.out} (${summary.tuples} tuples in ${summary.records} records)`);
  return code;
}
