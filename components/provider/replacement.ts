// When a new flow log cannot simply be made beside the old one. Azure keeps one flow log per target and
// one flowLogs resource per name in a watcher, so a rename on the same target, or a new target under
// the same name, needs the old flow log deleted first; a disabled one would still hold the target or
// the name. Pure.
import type { FlowLogState } from "../azure";
import { defaultFlowLogName, parseResourceId, resourceName, sameResourceId } from "../azure/resource-id";
import { removesOldFirst } from "./diff";
import type { ValidationFailure } from "./failures";
import { type FlowLogInputs, recordedOnDestroy, withDefaults } from "./inputs";

/**
 * Refuses, at preview, a replacement that must remove the old flow log first while its recorded
 * `onDestroy` says to keep it: the old resource's destroy follows its own recorded setting.
 */
/** What replaces the flow log when the old one must go before the new one exists; undefined otherwise. */
function replacedOldFirst(olds: Partial<FlowLogInputs>, next: FlowLogInputs): string[] | undefined {
  const recorded = withDefaults(olds as Record<string, unknown>);
  if (!parseResourceId(recorded.targetResourceId)) return undefined;
  // Old inputs carry no flow log ID: the name is the program's, or Azure's naming of the old target.
  const oldName = recorded.flowLogName ?? defaultFlowLogName(recorded.targetResourceId);
  const replaces = [
    ...(sameResourceId(recorded.targetResourceId, next.targetResourceId) ? [] : ["targetResourceId"]),
    ...(next.flowLogName && next.flowLogName.toLowerCase() !== oldName.toLowerCase() ? ["flowLogName"] : []),
  ];
  return removesOldFirst({ ...recorded, flowLogName: oldName }, next, replaces) ? replaces : undefined;
}

export function replacementNeedsDelete(
  olds: Partial<FlowLogInputs>,
  next: FlowLogInputs,
): ValidationFailure | undefined {
  if (recordedOnDestroy(olds) !== "disable") return undefined;
  const replaces = replacedOldFirst(olds, next);
  if (!replaces) return undefined;
  return {
    property: "onDestroy",
    reason:
      `onDestroy: this change replaces the flow log (${replaces.join(", ")}), and the new one can only be made once the old one is deleted: ` +
      'Azure keeps one flow log per target and one per name in a Network Watcher. The old flow log\'s recorded onDestroy is "disable", ' +
      'which would keep it. Set onDestroy: "delete" and run `pulumi up` first, then make this change. Nothing was changed.',
  };
}

/**
 * Why a create may not take the target's flow log under this flowLogName, or undefined when it may: the
 * target already has one under another name. Asked at preview and again at create.
 */
export function renameRefusal(existing: FlowLogState | undefined, inputs: FlowLogInputs): string | undefined {
  const name = resourceName(existing?.flowLogResourceId);
  if (!name || !inputs.flowLogName || name.toLowerCase() === inputs.flowLogName.toLowerCase())
    return undefined;
  return (
    `flowLogName: got "${inputs.flowLogName}", but the target already has flow log "${name}" (${existing?.flowLogResourceId}), ` +
    "and Azure keeps one flow log per target. Azure was not asked to change anything. Set flowLogName to " +
    `"${name}" (or leave it out) to manage that one, or delete it first.`
  );
}

/** A FlowLog an NsgFlowLogMigration made: its URN's type chain has the migration's type. */
function inMigration(ownerUrn: string | undefined): boolean {
  const types = ownerUrn?.split("::")[2]?.split("$") ?? [];
  return types.includes("azure-flowlogs:network:NsgFlowLogMigration");
}

/**
 * Refuses, at preview, replacing a migration's flow log when the old one must go first: the NSG flow
 * logs handed over to it are off, so its NICs would be logged by nothing until the new one runs, and
 * by nothing at all if its create failed.
 */
export function replacementUnlogsHandedOver(
  olds: Partial<FlowLogInputs>,
  next: FlowLogInputs,
): ValidationFailure | undefined {
  if (!inMigration(olds.ownerUrn)) return undefined;
  const replaces = replacedOldFirst(olds, next);
  if (!replaces) return undefined;
  const property = replaces.includes("flowLogName") ? "flowLogName" : "targetResourceId";
  return {
    property,
    reason:
      `${property}: this change replaces a flow log of an NsgFlowLogMigration (${replaces.join(", ")}), and Azure keeps one flow log per target and one per name in a Network Watcher, ` +
      "so the old one would be deleted before the new one exists. The NSG flow logs handed over to it are off, so its NICs would be logged by nothing in between. Nothing was changed. " +
      "Keep the flow log as it is; or go in two steps: remove it from `flowLogs` and the NSGs that wait for it from `nsgFlowLogs`, and run `pulumi up` " +
      "(their flow logs go back on before it goes); then add both back, changed, and run `pulumi up` again.",
  };
}
