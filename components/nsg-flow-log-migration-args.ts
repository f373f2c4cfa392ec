// NsgFlowLogMigration's arguments (the shape `flowlogs migrate plan --format json` prints) and their
// checks. Pure: the names decide which resources exist, so they are plain values, checked before
// anything is registered.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "./args";
import { parseResourceId, sameResourceId, targetKind } from "./azure/resource-id";
import { argProblems, argumentsMessage } from "./check-args";
import { show } from "./provider/failures";
import { isPlainObject, keysOf, unknownKeys } from "./provider/known-keys";

/** A flow log to create: the plan's `create` entries. */
export interface MigrationFlowLog {
  /** Unique in `flowLogs`; the FlowLog child is named `<migration name>-<name>`. */
  name: string;
  /** Passed to the FlowLog as they are: tags, identity, filtering and `flowLogName` included. */
  args: FlowLogArgs;
  /** The plan's note of the NICs it logs; read by people, not by the migration. */
  covers?: string[];
  /** The plan's note of why; read by people, not by the migration. */
  reason?: string;
}

/** An NSG flow log to disable: the plan's `disable` entries. */
export interface MigrationNsgFlowLog {
  /** ARM ID of the network security group. */
  targetResourceId: string;
  /** ARM ID of its flow log (the watcher's flowLogs child). Default: found through the NSG's region's watcher. */
  flowLogResourceId?: string;
  /**
   * Names in `flowLogs` that must be enabled and Succeeded before this flow log is disabled. Empty:
   * nothing new to wait for (existing flow logs already cover the NSG's NICs, or it is attached to
   * nothing), so it is disabled straight away.
   */
  after: string[];
  /**
   * ARM IDs of existing VNet, subnet and NIC flow logs that also log this NSG's NICs (the plan's
   * `coveredByExisting`). They are read again before the NSG flow log is disabled, which waits until
   * each is enabled and Succeeded. Default: none.
   */
  coveredByExisting?: string[];
  /** The plan's note of why; read by people, not by the migration. */
  reason?: string;
}

/** Arguments of {@link NsgFlowLogMigration}. */
export interface NsgFlowLogMigrationArgs {
  /** The VNet, subnet and NIC flow logs to create. */
  flowLogs: MigrationFlowLog[];
  /** The NSG flow logs to disable once the flow logs they wait for run. */
  nsgFlowLogs: MigrationNsgFlowLog[];
  /** Bound of one handover operation (check, disable, re-enable), 1 to 1440 minutes. Default: 20. */
  timeoutMinutes?: number;
}

/** Thrown as Pulumi's RunError, so the CLI prints the message alone, without a stack trace. */
export class InvalidMigrationArgsError extends pulumi.RunError {
  override readonly name = "InvalidMigrationArgsError";
}

const MIGRATION_ARG_KEYS = keysOf<NsgFlowLogMigrationArgs>({
  flowLogs: true,
  nsgFlowLogs: true,
  timeoutMinutes: true,
});
const FLOW_LOG_ENTRY_KEYS = keysOf<MigrationFlowLog>({ name: true, args: true, covers: true, reason: true });
const NSG_ENTRY_KEYS = keysOf<MigrationNsgFlowLog>({
  targetResourceId: true,
  flowLogResourceId: true,
  after: true,
  coveredByExisting: true,
  reason: true,
});

/** Unknown keys of an object (anything else is reported by the checks of its fields). */
function unknownKeysOf(value: unknown, known: string[], path: string): string[] {
  return isPlainObject(value) ? unknownKeys(value, known, path).map((f) => f.reason) : [];
}

function checkFlowLogs(flowLogs: unknown, reasons: string[]): Map<string, MigrationFlowLog> {
  const byName = new Map<string, MigrationFlowLog>();
  if (!Array.isArray(flowLogs)) {
    reasons.push(`flowLogs: got ${show(flowLogs)}; expected an array of { name, args }.`);
    return byName;
  }
  flowLogs.forEach((entry: MigrationFlowLog, i) => {
    reasons.push(...unknownKeysOf(entry, FLOW_LOG_ENTRY_KEYS, `flowLogs[${i}]`));
    const name = entry?.name;
    if (typeof name !== "string" || name.trim() === "" || name.includes("::"))
      reasons.push(`flowLogs[${i}].name: got ${show(name)}; expected a non-empty name without "::".`);
    else if (byName.has(name))
      reasons.push(`flowLogs[${i}].name: got ${show(name)}; expected a name not used before.`);
    else byName.set(name, entry);
    if (typeof entry?.args !== "object" || entry.args === null)
      reasons.push(`flowLogs[${i}].args: got ${show(entry?.args)}; expected the FlowLog's arguments.`);
    // Checked here too, so a bad entry fails before the migration registers anything.
    else reasons.push(...argProblems(entry.args, `flowLogs[${i}].args`));
  });
  return byName;
}

function checkAfter(after: unknown, at: string, flowLogs: Map<string, MigrationFlowLog>, reasons: string[]) {
  if (!Array.isArray(after)) {
    reasons.push(
      `${at}.after: got ${show(after)}; expected an array of flowLogs names ([] when nothing new covers the NSG).`,
    );
    return;
  }
  for (const name of after) {
    const covering = flowLogs.get(name);
    if (!covering)
      reasons.push(
        `${at}.after: got ${show(name)}; expected one of the flowLogs names (${[...flowLogs.keys()].join(", ")}).`,
      );
    else if (covering.args?.enabled === false)
      reasons.push(
        `${at}.after: ${show(name)} has enabled: false; expected flow logs that log, as the NSG's flow log goes off after them.`,
      );
  }
}

function checkCoveredByExisting(ids: unknown, at: string, reasons: string[]) {
  if (ids === undefined) return;
  const flowLogType = "microsoft.network/networkwatchers/flowlogs";
  const valid = (id: unknown) => typeof id === "string" && parseResourceId(id)?.type === flowLogType;
  if (!Array.isArray(ids) || !ids.every(valid))
    reasons.push(
      `${at}.coveredByExisting: got ${show(ids)}; expected an array of flow log IDs (…/networkWatchers/<watcher>/flowLogs/<name>).`,
    );
}

/** The handover children's names, by NSG: `<migration>-<resource group>-<NSG name>`. */
export function checkMigrationArgs(name: string, args: NsgFlowLogMigrationArgs): string[] {
  const reasons = unknownKeysOf(args, MIGRATION_ARG_KEYS, "");
  const flowLogs = checkFlowLogs(args?.flowLogs, reasons);
  const childNames: string[] = [];
  const nsgs = Array.isArray(args?.nsgFlowLogs) ? args.nsgFlowLogs : [];
  if (!Array.isArray(args?.nsgFlowLogs))
    reasons.push(
      `nsgFlowLogs: got ${show(args?.nsgFlowLogs)}; expected an array of { targetResourceId, after }.`,
    );
  nsgs.forEach((entry, i) => {
    const at = `nsgFlowLogs[${i}]`;
    reasons.push(...unknownKeysOf(entry, NSG_ENTRY_KEYS, at));
    const nsg = entry?.targetResourceId;
    const parsed = typeof nsg === "string" ? parseResourceId(nsg) : undefined;
    if (!parsed || targetKind(nsg) !== "networkSecurityGroup") {
      reasons.push(
        `${at}.targetResourceId: got ${show(nsg)}; expected the ARM ID of a network security group.`,
      );
    } else {
      const child = `${name}-${parsed.resourceGroupName}-${parsed.names[0]}`;
      if (childNames.some((c) => c.toLowerCase() === child.toLowerCase()))
        reasons.push(
          `${at}.targetResourceId: got ${show(nsg)}; expected an NSG not listed before (one entry per NSG).`,
        );
      childNames.push(child);
      const logged = [...flowLogs.values()].find(
        (f) => typeof f.args?.targetResourceId === "string" && sameResourceId(f.args.targetResourceId, nsg),
      );
      if (logged)
        reasons.push(
          `${at}.targetResourceId: ${nsg} is also the target of flowLogs entry ${show(logged.name)}; expected an NSG no new flow log targets.`,
        );
    }
    checkAfter(entry?.after, at, flowLogs, reasons);
    checkCoveredByExisting(entry?.coveredByExisting, at, reasons);
  });
  const timeout = args?.timeoutMinutes;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 1440))
    reasons.push(`timeoutMinutes: got ${show(timeout)}; expected a whole number of minutes from 1 to 1440.`);
  if (reasons.length > 0)
    throw new InvalidMigrationArgsError(argumentsMessage(`NsgFlowLogMigration "${name}"`, reasons));
  return childNames;
}
