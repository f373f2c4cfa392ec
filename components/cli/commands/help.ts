// What `flowlogs --help` and `flowlogs <command> --help` print: each command's flags and an example.
// Kept apart from the commands so help loads none of them (and no Azure SDK).
import { READY_QUERIES, READY_QUERY_NAMES } from "../../logs/ready-queries";
import { columns } from "../../text/terminal";

export const COMMAND_NAMES = [
  "download",
  "summarize",
  "report",
  "export",
  "query",
  "rules",
  "migrate",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

interface CommandHelp {
  usage: string;
  /** One line for `flowlogs --help`. */
  summary: string;
  about: string;
  flags: [string, string][];
  examples: string[];
}

const READ_FLAGS: [string, string][] = [
  ["--from ISO --to ISO", "only tuples from --from (inclusive) to --to (exclusive), by the tuple's own time"],
  ["--allow-damaged", "exit 0 although damaged records or tuples were skipped (still warned of)"],
];

const JOBS_FLAG: [string, string] = [
  "--jobs N",
  "blobs read at once, each on its own thread (default: one per core); output as with --jobs 1",
];

const PATHS =
  "PATH is a flow-log file (a PT1H.json blob, a block of one, bare records one or more per line) or a\nfolder searched for *.json, *.log and *.jsonl files (e.g. one filled by download).";

const HELP: Record<CommandName, CommandHelp> = {
  download: {
    summary: "fetch a flow log's hourly blobs for a time range (resumable)",
    usage: "flowlogs download --flow-log ID | --target ID [flags]",
    about:
      "Fetch a flow log's hourly blobs for a time range (resumable). The storage account, container and\n" +
      "prefix are read from the flow log through ARM; signs in like the provider (ARM_* / AZURE_* variables).",
    flags: [
      ["--flow-log ID", "the flow log's resource ID (the FlowLog's flowLogResourceId)"],
      ["--target ID", "or the logged VNet, subnet, NIC or NSG: its flow log is found through ARM"],
      ["--storage-account ID", "optional: checked against the account the flow log writes to"],
      ["--container NAME --prefix P", "read these instead, with --storage-account (no lookup)"],
      ["--from ISO --to ISO", "hours to fetch (default: the last 24 hours)"],
      ["--out DIR", "where to put them (default ./flowlogs)"],
      ["--verbose", "name each blob as it is fetched (else a progress bar on a terminal)"],
    ],
    examples: [
      'flowlogs download --flow-log "$FLOW_LOG_ID" --from 2026-11-24T10:00:00Z --to 2026-11-24T14:00:00Z --out ./flowlogs',
    ],
  },
  summarize: {
    summary: "totals, states, bytes each way, top lists and splits as a table, JSON or CSV",
    usage: "flowlogs summarize [flags] PATH...",
    about:
      "Tuples, records, states, bytes and packets each way, distinct addresses, top talkers, destinations,\n" +
      "conversations and ports, per-rule/target/NIC/aclID splits, public vs private.",
    flags: [
      ["--format table|json|csv", "output format (default table)"],
      ["--top N", "entries in each top list (default 10)"],
      ...READ_FLAGS,
      JOBS_FLAG,
    ],
    examples: [
      "flowlogs summarize ./flowlogs",
      "flowlogs summarize --format json --from 2026-11-24T11:00:00Z ./flowlogs",
    ],
  },
  report: {
    summary: "a self-contained HTML page of charts",
    usage: "flowlogs report [flags] PATH...",
    about: "A self-contained HTML page: bandwidth over time, talkers, destinations, ports, rules, NICs.",
    flags: [
      ["--out FILE", "where to write it (default flowlogs-report.html)"],
      ["--title TEXT", 'the page title (default "Flow logs")'],
      ["--top N", "entries in each chart (default 10)"],
      [
        "--nsg ID",
        "name NICs (MAC -> NIC and IP) and aclID GUIDs from this NSG, read through ARM (repeatable)",
      ],
      ["--target ID", "name the NICs of this VNet, subnet or NIC, read through ARM (repeatable)"],
      ...READ_FLAGS,
      JOBS_FLAG,
    ],
    examples: ['flowlogs report --out report.html --nsg "$NSG_ID" ./flowlogs'],
  },
  export: {
    summary: "one event per tuple: JSON Lines, CSV, ECS, OCSF, or partitioned Parquet",
    usage: "flowlogs export [flags] PATH...",
    about:
      "One event per tuple, for a SIEM, or one typed row per tuple as Parquet in target=/date=/hour=\n" +
      "folders for Spark, Azure Data Explorer and DuckDB (every field in docs/exports.md). Parquet needs\n" +
      "DuckDB: npm install @duckdb/node-api.",
    flags: [
      [
        "--format jsonl|csv|ecs|ocsf|parquet",
        "event shape (default jsonl; ocsf = OCSF Network Activity, class 4001)",
      ],
      ["--out FILE|DIR", "where to write (default standard output); parquet: a new or empty folder"],
      ["--append", "parquet: add files to a folder that has some (the same blobs twice count twice)"],
      ...READ_FLAGS,
      JOBS_FLAG,
    ],
    examples: [
      "flowlogs export --format ecs --out events.ndjson ./flowlogs",
      "flowlogs export --format parquet --out ./parquet ./flowlogs",
    ],
  },
  query: {
    summary: "SQL over exported Parquet or downloaded JSON (DuckDB), with ready queries",
    usage: "flowlogs query [flags] (SQL | --ready NAME) PATH...",
    about:
      "SQL over the view flows (one row per tuple, the Parquet export's columns) with DuckDB embedded: PATH\n" +
      "is an exported Parquet folder (read as a whole, partitions and all) or flow-log files read by our\n" +
      "reader. Needs DuckDB: npm install @duckdb/node-api. Ready queries (--ready NAME):\n\n" +
      READY_QUERY_NAMES.map(
        (name) =>
          `  ${name}: ${READY_QUERIES[name].about}\n${READY_QUERIES[name].sql.replace(/^/gm, "      ")}`,
      ).join("\n\n"),
    flags: [
      ["--format table|csv|json", "output format (default table; csv and json stream large results)"],
      ["--ready NAME", `a ready query instead of SQL: ${READY_QUERY_NAMES.join(", ")}`],
      ["--rules FILE", "an NSG as JSON (ARM's or `az network nsg show`'s) as the table rules"],
      ...READ_FLAGS,
    ],
    examples: [
      "flowlogs query --ready top-talkers ./parquet",
      'flowlogs query --format csv "SELECT rule, count(*) AS tuples FROM flows GROUP BY rule" ./flowlogs',
      "flowlogs query --ready rules-never-hit --rules nsg.json ./flowlogs",
    ],
  },
  rules: {
    summary: "an NSG's rules with their hits in the logs, and those never hit",
    usage: "flowlogs rules --nsg ID [flags] PATH...",
    about: "Audit an NSG's security rules against the logs: hits per rule, rules never hit, unknown rules.",
    flags: [
      ["--nsg ID", "the NSG's resource ID, read through ARM (signs in like download; required)"],
      ["--format table|json", "output format (default table)"],
      ...READ_FLAGS,
    ],
    examples: ['flowlogs rules --nsg "$NSG_ID" ./flowlogs'],
  },
  migrate: {
    summary: "plan the move off NSG flow logs (migrate plan)",
    usage: "flowlogs migrate plan --region NAME [flags]",
    about:
      "How to move a region off NSG flow logs: VNet/subnet/NIC flow logs to create, NSG flow logs to\n" +
      "disable after them, and a coverage check (reads through ARM, signs in like download).",
    flags: [
      ["--region NAME", "the region, e.g. westeurope (required)"],
      ["--subscription ID", "the subscription (default ARM_SUBSCRIPTION_ID / AZURE_SUBSCRIPTION_ID)"],
      [
        "--scope auto|vnet|subnet|nic",
        "auto (default) goes up to subnet and VNet only where all below agree",
      ],
      [
        "--format table|json|pulumi",
        "a table (default), the plan as JSON, or an NsgFlowLogMigration program",
      ],
    ],
    examples: ["flowlogs migrate plan --region westeurope --format pulumi > index.ts"],
  },
};

/** `flowlogs <command> --help`. */
export function commandHelp(name: CommandName): string {
  const help = HELP[name];
  const paths = help.usage.endsWith("PATH...") ? `\n${PATHS}\n` : "";
  return `Usage: ${help.usage}

${help.about}
${paths}
Flags:
${columns(help.flags, false, "  ")}

Example${help.examples.length > 1 ? "s" : ""}:
${help.examples.map((e) => `  ${e}`).join("\n")}
`;
}

/** `flowlogs --help`. */
export function overview(): string {
  const commands = columns(
    COMMAND_NAMES.map((n) => [n, HELP[n].summary]),
    false,
    "  ",
  );
  return `Usage: flowlogs <command> [flags] [PATH...]

Commands:
${commands}

Run "flowlogs <command> --help" for a command's flags and an example; "flowlogs --version" for the version.
Exit status: 0 when everything was read, 1 when no record could be, 2 on an error, 3 when something was
skipped (a damaged record or tuple, a refused blob name; each named on stderr with its file and byte
offset; --allow-damaged makes the reading commands exit 0 all the same).
`;
}
