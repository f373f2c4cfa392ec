// What the reading subcommands share: which files to read, the time range, and how problems are told.
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import type { TimeRange } from "../../logs/read";
import type { ReadTotals } from "../../logs/read-totals";
import { defaultJobs } from "../../logs/worker-pool";
import { printable } from "../../text/terminal";

/** Extensions read from a folder: downloaded blobs (.json) and the one-record-per-line logs (.log, .jsonl). */
const BLOB_EXTENSIONS = [".json", ".log", ".jsonl"];

/** The flags every reading command takes: the time range, and whether damaged input may pass. */
export const READ_OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  "allow-damaged": { type: "boolean", default: false },
} as const;

/** Exit statuses: no record could be read; records were read but something was skipped. */
export const NOTHING_READ = 1;
export const DATA_SKIPPED = 3;

const WHAT_A_PATH_IS = "expected a flow-log file (such as a downloaded PT1H.json) or a folder of them";

/** Whether `p` is a folder; a path that cannot be read is an error naming it and what was expected. */
function isFolder(command: string, p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file or folder" : `cannot be read (${code})`;
    throw new Error(`${command}: ${p}: ${why}; ${WHAT_A_PATH_IS}`);
  }
}

export function blobFiles(command: string, paths: string[]): string[] {
  if (!paths.length)
    throw new Error(`${command}: no PATH given; ${WHAT_A_PATH_IS} (see flowlogs ${command} --help)`);
  return paths.flatMap((p) => {
    if (!isFolder(command, p)) return [p];
    return readdirSync(p, { recursive: true, encoding: "utf8" })
      .filter((name) => BLOB_EXTENSIONS.some((ext) => name.endsWith(ext)))
      .sort()
      .map((name) => path.join(p, name));
  });
}

/** A --from or --to flag's date; undefined when the flag is not given. */
export function dateFlag(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new Error(`--${flag}: got "${value}"; expected an ISO date such as 2026-11-24T10:00:00Z`);
  return date;
}

export function timeRange(values: { from?: string; to?: string }): TimeRange {
  const range = {
    from: dateFlag("from", values.from)?.getTime(),
    to: dateFlag("to", values.to)?.getTime(),
  };
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to)
    throw new Error(`--from ${values.from} is not before --to ${values.to}`);
  return range;
}

/** `--jobs`: how many blobs are read at once, each on its own thread (default: one per core). */
export const JOBS_OPTION = { jobs: { type: "string" } } as const;

export function jobsFlag(value: string | undefined): number {
  if (value === undefined) return defaultJobs();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new Error(
      `--jobs: got "${value}"; expected a whole number of at least 1 (threads reading blobs at once)`,
    );
  return jobs;
}

export function topFlag(value: string): number {
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1)
    throw new Error(`--top: got "${value}"; expected a whole number of at least 1`);
  return top;
}

export function oneOf<T extends string>(flag: string, value: string, accepted: readonly T[]): T {
  if (!accepted.includes(value as T))
    throw new Error(
      `--${flag}: got "${value}"; expected ${accepted.slice(0, -1).join(", ")} or ${accepted.at(-1)}`,
    );
  return value as T;
}

/**
 * Tells each problem on stderr, and gives the exit status: NOTHING_READ when no record could be read,
 * DATA_SKIPPED when something was (a record, a tuple) unless damaged input is allowed, else 0.
 */
export function finish(
  totals: Pick<ReadTotals, "recordsRead" | "problems" | "problemCount">,
  allowDamaged: boolean,
): number {
  for (const p of totals.problems)
    console.error(printable(`warning: ${p.blob} at byte ${p.offset}: ${p.message}`));
  const untold = totals.problemCount - totals.problems.length;
  if (untold > 0)
    console.error(`warning: ${untold} more problems not shown (the first ${totals.problems.length} are)`);
  if (totals.recordsRead === 0) {
    console.error("flowlogs: no flow-log record could be read from the files given");
    return NOTHING_READ;
  }
  if (totals.problemCount === 0 || allowDamaged) return 0;
  console.error(
    `flowlogs: ${totals.problemCount} problems: what they name was skipped and is not counted (see the warnings); --allow-damaged accepts that and exits 0`,
  );
  return DATA_SKIPPED;
}

/**
 * Signs in as the provider does (ARM_* / AZURE_* variables, clouds), for every command that reads Azure;
 * the Azure SDK loads only when called. `settings` holds the subscription the environment names.
 */
export async function signIn() {
  const { createCredential, ArmSession, resolveAzureSettings, resolveCloud } = await import("../../azure");
  const settings = resolveAzureSettings(() => undefined, process.env);
  const cloud = await resolveCloud(settings);
  const credential = createCredential(settings, cloud);
  return { settings, credential, service: new ArmSession({ cloud, credential }) };
}
