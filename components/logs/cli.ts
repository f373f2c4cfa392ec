// `flowlogs summarize|report`: read downloaded PT1H.json blobs (files or folders of them).
import { readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { formatSummary, type SummaryFormat } from "./format";
import { fileSource, summarize } from "./read";
import { renderReport } from "./report";

const HELP = `Usage: flowlogs <command> [flags] PATH...

PATH is a PT1H.json blob or a folder searched for *.json blobs (e.g. one filled by a download).

Commands:
  summarize   totals, allowed vs denied, top talkers, top ports, per-rule counts, bytes/packets
    --format table|json|csv   output format (default table)
    --top N                   entries in each top list (default 10)
  report      a self-contained HTML page with charts
    --out FILE                where to write it (default flowlogs-report.html)
    --title TEXT              the page title (default "Flow logs")
    --top N                   entries in each chart (default 10)
`;

function blobFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!statSync(p).isDirectory()) return [p];
    return readdirSync(p, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => path.join(p, name));
  });
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "table" },
      top: { type: "string", default: "10" },
      out: { type: "string", default: "flowlogs-report.html" },
      title: { type: "string", default: "Flow logs" },
      help: { type: "boolean", default: false },
    },
  });
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new Error(`--top: got "${values.top}"; expected a whole number of at least 1`);
  if (!paths.length) throw new Error(`${command}: name at least one blob file or folder`);
  const format = values.format as SummaryFormat;
  if (!["table", "json", "csv"].includes(format))
    throw new Error(`--format: got "${format}"; expected table, json or csv`);
  const summary = await summarize(blobFiles(paths).map(fileSource), top);
  for (const problem of summary.problems)
    console.error(`warning: ${problem.blob} at byte ${problem.offset}: ${problem.message}`);
  if (command === "summarize") {
    process.stdout.write(formatSummary(summary, format));
  } else if (command === "report") {
    writeFileSync(values.out, renderReport(summary, values.title));
    console.log(`wrote ${values.out} (${summary.flows} flows)`);
  } else {
    throw new Error(`unknown command "${command}"; expected summarize or report (see --help)`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`flowlogs: ${(e as Error).message}`);
    process.exit(2);
  },
);
