// The NSG flow-log handover's plain inputs and outputs, their validation and their diff. Pure: no
// Pulumi runtime, no HTTP. A handover turns one NSG's flow log off once the VNet, subnet or NIC flow
// logs that replace it are running, and back on when it is removed.
import { isDeepStrictEqual } from "node:util";
import { parseResourceId, sameResourceId, targetKind } from "../azure/resource-id";
import type { ResourceDiff } from "./diff";
import type { ValidationFailure } from "./failures";
import { DEFAULT_TIMEOUT_MINUTES, isUnknown, UNKNOWN_PLACEHOLDER } from "./inputs";

/** One of the new flow logs the NSG's flow log waits for, as its FlowLog reports it. */
export interface CoveringFlowLog {
  /** The name it has in the migration's `flowLogs`. */
  name: string;
  targetResourceId: string;
  flowLogResourceId: string;
  networkWatcherId: string;
}

export interface HandoverInputs {
  /** The network security group whose flow log is handed over. */
  targetResourceId: string;
  /** The NSG's flow log (the watcher's flowLogs child), when the plan names it. */
  flowLogResourceId?: string;
  /** The flow logs that must be enabled and Succeeded before the NSG's flow log is disabled; none: nothing to wait for. */
  coveredBy: CoveringFlowLog[];
  /** IDs of existing flow logs that cover the NSG's NICs too: each must be enabled and Succeeded as well. */
  coveredByExisting: string[];
  /** The migration component, as its URN ends (`<type>::<name>`): it claims the NSG in this program and is named in messages. */
  migration?: string;
  /** Upper bound for one operation, every Azure call and wait included. */
  timeoutMinutes: number;
}

export interface HandoverOutputs extends HandoverInputs {
  /** The watcher holding the NSG's flow log; empty when the NSG had none. */
  networkWatcherId: string;
  /** The NSG's flow log as found; absent when it had none. */
  nsgFlowLogResourceId?: string;
  /** Whether the NSG's flow log is on, as Azure last reported it. */
  nsgFlowLogEnabled: boolean;
  /** This handover turned the NSG's flow log off: only then does its removal turn it on again. */
  disabledByMigration: boolean;
  /** Traffic analytics was on before the handover turned it off with the flow log. */
  trafficAnalyticsWasEnabled?: boolean;
}

/** Inputs as the engine hands them over, with defaults; old state goes through it too. */
export function handoverWithDefaults(raw: Record<string, unknown>): HandoverInputs {
  return {
    targetResourceId: raw.targetResourceId as string,
    ...(raw.flowLogResourceId ? { flowLogResourceId: raw.flowLogResourceId as string } : {}),
    coveredBy: (raw.coveredBy ?? []) as CoveringFlowLog[],
    coveredByExisting: (raw.coveredByExisting ?? []) as string[],
    ...(raw.migration ? { migration: raw.migration as string } : {}),
    timeoutMinutes: (raw.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES) as number,
  };
}

function failure(property: string, value: unknown, expected: string): ValidationFailure {
  return { property, reason: `${property}: got ${JSON.stringify(value)}; expected ${expected}.` };
}

export function validateHandover(inputs: HandoverInputs): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  const { targetResourceId: nsg, flowLogResourceId, coveredBy, coveredByExisting, timeoutMinutes } = inputs;
  if (!isUnknown(nsg) && (typeof nsg !== "string" || targetKind(nsg) !== "networkSecurityGroup"))
    failures.push(
      failure(
        "targetResourceId",
        nsg,
        "the ARM ID of a network security group, e.g. /subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<name>",
      ),
    );
  const flowLogType = "microsoft.network/networkwatchers/flowlogs";
  if (
    flowLogResourceId !== undefined &&
    !isUnknown(flowLogResourceId) &&
    (typeof flowLogResourceId !== "string" || parseResourceId(flowLogResourceId)?.type !== flowLogType)
  )
    failures.push(
      failure(
        "flowLogResourceId",
        flowLogResourceId,
        "the ARM ID of the NSG's flow log (…/networkWatchers/<watcher>/flowLogs/<name>), or nothing",
      ),
    );
  if (!isUnknown(coveredBy) && !Array.isArray(coveredBy))
    failures.push(
      failure(
        "coveredBy",
        coveredBy,
        "an array of the flow logs to wait for (empty when nothing new covers the NSG)",
      ),
    );
  const isFlowLogId = (id: unknown) => typeof id === "string" && parseResourceId(id)?.type === flowLogType;
  if (
    !isUnknown(coveredByExisting) &&
    !(Array.isArray(coveredByExisting) && coveredByExisting.every(isFlowLogId))
  )
    failures.push(
      failure(
        "coveredByExisting",
        coveredByExisting,
        "an array of flow log IDs (…/networkWatchers/<watcher>/flowLogs/<name>)",
      ),
    );
  const minutes = timeoutMinutes;
  if (!isUnknown(minutes) && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440))
    failures.push(failure("timeoutMinutes", minutes, "a whole number of minutes from 1 to 1440"));
  return failures;
}

/** What identifies the covering flow logs; the names are only labels. */
function coverage(list: CoveringFlowLog[]): string[] {
  return list.map((c) => `${c.flowLogResourceId}|${c.targetResourceId}`.toLowerCase()).sort();
}

/**
 * A new NSG replaces; other covering flow logs, a new bound or a flow log that refresh found switched
 * on again (someone in the portal) update in place: the update checks the new coverage and disables
 * the NSG's flow log again.
 */
export function diffHandover(recorded: Partial<HandoverOutputs>, next: HandoverInputs): ResourceDiff {
  const old = handoverWithDefaults(recorded as Record<string, unknown>);
  const replaces: string[] = [];
  const diffs: string[] = [];
  const nsg = next.targetResourceId;
  if (isUnknown(nsg) || !sameResourceId(old.targetResourceId, nsg)) replaces.push("targetResourceId");
  const oldFlowLog = old.flowLogResourceId;
  if (isUnknown(next.flowLogResourceId) || !sameResourceId(oldFlowLog, next.flowLogResourceId))
    diffs.push("flowLogResourceId");
  // During preview the new flow logs' IDs are unknown until they exist.
  const unknownCoverage = JSON.stringify(next.coveredBy ?? UNKNOWN_PLACEHOLDER).includes(UNKNOWN_PLACEHOLDER);
  if (unknownCoverage || !isDeepStrictEqual(coverage(old.coveredBy), coverage(next.coveredBy)))
    diffs.push("coveredBy");
  const existing = (ids: string[]) => ids.map((id) => id.toLowerCase()).sort();
  if (!isDeepStrictEqual(existing(old.coveredByExisting), existing(next.coveredByExisting)))
    diffs.push("coveredByExisting");
  if (old.timeoutMinutes !== next.timeoutMinutes) diffs.push("timeoutMinutes");
  if (recorded.nsgFlowLogEnabled) diffs.push("nsgFlowLogEnabled");
  diffs.push(...replaces);
  return { changes: diffs.length > 0, diffs, replaces, deleteBeforeReplace: false };
}
