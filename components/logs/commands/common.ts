// What the reading subcommands share: which files to read, the time range, and how problems are told.
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import type { ReadTotals, TimeRange } from "../read";

/** Extensions read from a folder: downloaded blobs (.json) and the one-record-per-line logs (.log, .jsonl). */
const BLOB_EXTENSIONS = [".json", ".log", ".jsonl"];

export const RANGE_OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
} as const;

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

function isoFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms))
    throw new Error(`--${flag}: got "${value}"; expected an ISO date such as 2026-11-24T10:00:00Z`);
  return ms;
}

export function timeRange(values: { from?: string; to?: string }): TimeRange {
  const range = { from: isoFlag("from", values.from), to: isoFlag("to", values.to) };
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to)
    throw new Error(`--from ${values.from} is not before --to ${values.to}`);
  return range;
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

/** Tells each problem on stderr; the exit code: 1 when no record could be read at all, else 0. */
export function finish(totals: Pick<ReadTotals, "recordsRead" | "problems">): number {
  for (const p of totals.problems) console.error(`warning: ${p.blob} at byte ${p.offset}: ${p.message}`);
  if (totals.recordsRead > 0) return 0;
  console.error("flowlogs: no flow-log record could be read from the files given");
  return 1;
}

/** Signs in as the provider does (ARM_* / AZURE_* variables, clouds); the Azure SDK loads only when called. */
export async function signIn() {
  const { createCredential, FlowLogService, resolveAzureSettings, resolveCloud } = await import(
    "../../azure"
  );
  const settings = resolveAzureSettings(() => undefined, process.env);
  const cloud = await resolveCloud(settings);
  const credential = createCredential(settings, cloud);
  return { cloud, credential, service: new FlowLogService({ cloud, credential }) };
}
