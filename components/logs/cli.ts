#!/usr/bin/env node
// `flowlogs <command>`: download flow-log blobs, then summarize, report, export or audit rules from them.
// Each reading command is its own module, loaded only when run, so a summary never loads the Azure SDK.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { logLocation } from "../log-location";
import { DATA_SKIPPED } from "./commands/common";
import { printable } from "./terminal";

const HELP = `Usage: flowlogs <command> [flags] PATH...

PATH is a flow-log file (a PT1H.json blob, a block of one, bare records one or more per line) or a
folder searched for *.json, *.log and *.jsonl files (e.g. one filled by a download). Exit status: 0
when everything was read, 1 when no record could be, 2 on an error, 3 when something was skipped (a
damaged record or tuple, a refused blob name; each named on stderr with its file and byte offset).

Commands:
  download    fetch a flow log's hourly blobs for a time range (resumable), signing in like the provider
              (azure-native-style ARM_* / AZURE_* variables, custom clouds through ARM_METADATA_HOSTNAME)
    --storage-account ID      the storage account the logs land in (the FlowLog's storageAccountId)
    --container NAME --prefix P   where they land (the FlowLog's containerName and blobPathPrefix), or:
    --target ID [--flow-log ID]   the logged resource (and, for VNet/subnet/NIC targets, the flow log's ID)
    --from ISO --to ISO       hours to fetch (default: the last 24 hours)
    --out DIR                 where to put them (default ./flowlogs)
  summarize   tuples, records, states, bytes and packets each way, distinct destinations, top talkers,
              destinations, conversations and ports, per-rule/target/NIC/aclID splits, public vs private
    --format table|json|csv   output format (default table)
    --top N                   entries in each top list (default 10)
  report      a self-contained HTML page: bandwidth over time, talkers, destinations, conversations,
              ports, rules, targets, NICs, address classes
    --out FILE                where to write it (default flowlogs-report.html)
    --title TEXT              the page title (default "Flow logs")
    --top N                   entries in each chart (default 10)
  export      one event per tuple, for a SIEM
    --format jsonl|csv|ocsf|ecs   event shape (default jsonl; ocsf = OCSF Network Activity, class 4001)
    --out FILE                where to write (default standard output)
  rules       audit an NSG's security rules against the logs: hits per rule, rules never hit
    --nsg ID                  the NSG's resource ID, read through ARM (signs in like download)
    --format table|json       output format (default table)

  migrate plan  how to move a region off NSG flow logs: VNet/subnet/NIC flow logs to create, NSG flow
              logs to disable after them, and a coverage check (signs in like download)
    --subscription ID         the subscription (default ARM_SUBSCRIPTION_ID / AZURE_SUBSCRIPTION_ID)
    --region NAME             the region, e.g. westeurope (required)
    --scope auto|vnet|subnet|nic  auto (default) goes up to subnet and VNet only where all below agree
    --format table|json|pulumi    a table (default), the plan as JSON, or FlowLog declarations

summarize, report, export and rules also take:
    --from ISO --to ISO       only tuples from --from (inclusive) to --to (exclusive), by the tuple's own time
    --allow-damaged           exit 0 although damaged records or tuples were skipped (still warned of)
`;

const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  summarize: () => import("./commands/summarize"),
  report: () => import("./commands/report"),
  export: () => import("./commands/export"),
  rules: () => import("./commands/rules"),
  migrate: () => import("./commands/migrate"),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === "download") {
    const { values } = parseArgs({
      args: rest,
      options: {
        "storage-account": { type: "string" },
        container: { type: "string" },
        prefix: { type: "string" },
        target: { type: "string" },
        "flow-log": { type: "string", default: "" },
        from: { type: "string" },
        to: { type: "string" },
        out: { type: "string", default: "flowlogs" },
      },
    });
    return download(values);
  }
  const load = COMMANDS[command];
  if (!load)
    throw new Error(
      `unknown command "${command}"; expected download, summarize, report, export, rules or migrate (see --help)`,
    );
  return (await load()).run(rest);
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
  const { createCredential, FlowLogService, resolveAzureSettings, resolveCloud } = await import("../azure");
  const { SingleBar } = await import("cli-progress");
  const { downloadFlowLogs } = await import("./download");
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
  for (const refusal of result.refused) console.error(printable(`warning: ${refusal}`));
  console.log(
    `${result.files.length} blobs in ${flags.out ?? "flowlogs"}: ${result.downloaded} downloaded, ${result.resumed} resumed, ${result.skipped} already here` +
      (result.refused.length ? `, ${result.refused.length} skipped for their names (see the warnings)` : ""),
  );
  return result.refused.length ? DATA_SKIPPED : 0;
}

/** Exits once standard output and error are written out: exiting at once cuts off what a pipe has not taken. */
function exit(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main(process.argv.slice(2)).then(exit, (e) => {
  console.error(`flowlogs: ${(e as Error).message}`);
  exit(2);
});
