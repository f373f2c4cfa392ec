#!/usr/bin/env node
// `flowlogs summarize|report`: read downloaded PT1H.json blobs (files or folders of them).
import { readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { createCredential, FlowLogService, resolveAzureSettings, resolveCloud } from "../azure";
import { logLocation } from "../log-location";
import { downloadFlowLogs } from "./download";
import { formatSummary, type SummaryFormat } from "./format";
import { fileSource, summarize } from "./read";
import { renderReport } from "./report";

const HELP = `Usage: flowlogs <command> [flags] PATH...

PATH is a PT1H.json blob or a folder searched for *.json blobs (e.g. one filled by a download).

Commands:
  download    fetch a flow log's hourly blobs for a time range (resumable), signing in like the provider
              (azure-native-style ARM_* / AZURE_* variables, custom clouds through ARM_METADATA_HOSTNAME)
    --storage-account ID      the storage account the logs land in (the FlowLog's storageAccountId)
    --container NAME --prefix P   where they land (the FlowLog's containerName and blobPathPrefix), or:
    --target ID [--flow-log ID]   the logged resource (and, for VNet/subnet/NIC targets, the flow log's ID)
    --from ISO --to ISO       hours to fetch (default: the last 24 hours)
    --out DIR                 where to put them (default ./flowlogs)
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
      out: { type: "string" },
      title: { type: "string", default: "Flow logs" },
      "storage-account": { type: "string" },
      container: { type: "string" },
      prefix: { type: "string" },
      target: { type: "string" },
      "flow-log": { type: "string", default: "" },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  if (command === "download") return download({ ...values, out: values.out ?? "flowlogs" });
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
    const out = values.out ?? "flowlogs-report.html";
    writeFileSync(out, renderReport(summary, values.title));
    console.log(`wrote ${out} (${summary.flows} flows)`);
  } else {
    throw new Error(`unknown command "${command}"; expected summarize or report (see --help)`);
  }
  return 0;
}

interface DownloadFlags {
  "storage-account"?: string;
  container?: string;
  prefix?: string;
  target?: string;
  "flow-log"?: string;
  from?: string;
  to?: string;
  out: string;
}

function date(flag: string, value: string | undefined, fallback: Date): Date {
  const parsed = value === undefined ? fallback : new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new Error(`--${flag}: got "${value}"; expected an ISO date such as 2026-11-24T10:00:00Z`);
  return parsed;
}

async function download(flags: Partial<DownloadFlags>): Promise<number> {
  const storageAccountId = flags["storage-account"];
  if (!storageAccountId) throw new Error("download: --storage-account is required");
  const location =
    flags.container && flags.prefix
      ? { containerName: flags.container, blobPathPrefix: flags.prefix }
      : undefined;
  if (!location && !flags.target)
    throw new Error(
      "download: give --container and --prefix, or --target (and --flow-log for VNet, subnet and NIC targets)",
    );
  const { containerName, blobPathPrefix } = location ?? logLocation(flags.target!, flags["flow-log"] ?? "");
  const to = date("to", flags.to, new Date());
  const from = date("from", flags.from, new Date(to.getTime() - 24 * 3_600_000));
  const settings = resolveAzureSettings(() => undefined, process.env);
  const cloud = await resolveCloud(settings);
  const credential = createCredential(settings, cloud);
  const service = new FlowLogService({ cloud, credential });
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: "{bar} {value}/{total} blobs {blob}", stream: process.stderr })
    : undefined;
  let started = false;
  const result = await downloadFlowLogs({
    service,
    credential,
    storageAccountId,
    containerName,
    blobPathPrefix,
    from,
    to,
    outDir: flags.out ?? "flowlogs",
    onProgress: (done, total, blob) => {
      if (!bar) return console.error(`[${done}/${total}] ${blob}`);
      if (!started) bar.start(total, 0, { blob: "" });
      started = true;
      bar.update(done, { blob: path.basename(path.dirname(blob)) });
    },
    onNotice: (message) => console.error(message),
  });
  bar?.stop();
  console.log(
    `${result.files.length} blobs in ${flags.out ?? "flowlogs"}: ${result.downloaded} downloaded, ${result.resumed} resumed, ${result.skipped} already here`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`flowlogs: ${(e as Error).message}`);
    process.exit(2);
  },
);
