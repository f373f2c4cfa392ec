// `flowlogs report`: one self-contained HTML page of the summary's charts and tables.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { summarizeFiles } from "../../logs/parallel-summary";
import { renderReport } from "../../logs/report";
import {
  blobFiles,
  finish,
  JOBS_OPTION,
  jobsFlag,
  NOTHING_READ,
  READ_OPTIONS,
  signIn,
  timeRange,
  topFlag,
} from "./common";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "flowlogs-report.html" },
      title: { type: "string", default: "Flow logs" },
      top: { type: "string", default: "10" },
      nsg: { type: "string", multiple: true, default: [] },
      target: { type: "string", multiple: true, default: [] },
      ...READ_OPTIONS,
      ...JOBS_OPTION,
    },
  });
  const top = topFlag(values.top);
  const files = blobFiles("report", positionals);
  const summary = await summarizeFiles(files, top, timeRange(values), jobsFlag(values.jobs));
  const code = finish(summary, values["allow-damaged"]);
  if (code === NOTHING_READ) return code;
  const names =
    values.nsg.length || values.target.length ? await readNames(values.nsg, values.target) : undefined;
  writeFileSync(values.out, renderReport(summary, values.title, names));
  console.log(`wrote ${values.out} (${summary.tuples} tuples in ${summary.records} records)`);
  return code;
}

/** NIC and NSG names through ARM (signing in like download); only loaded when --nsg or --target is given. */
async function readNames(nsgs: string[], targets: string[]) {
  const { readResourceNames } = await import("../../logs/resource-names");
  return readResourceNames((await signIn()).service, { nsgs, targets });
}
