// When a new flow log cannot simply be made beside the old one. Azure keeps one flow log per target and
// one flowLogs resource per name in a watcher, so a rename on the same target, or a new target under
// the same name, needs the old flow log deleted first; a disabled one would still hold the target or
// the name. Pure.
import type { FlowLogState } from "../azure";
import { childName, parseResourceId, sameResourceId } from "../azure/resource-id";
import { removesOldFirst } from "./diff";
import { type FlowLogInputs, recordedOnDestroy, withDefaults } from "./inputs";
import type { ValidationFailure } from "./validate";

/**
 * Refuses, at preview, a replacement that must remove the old flow log first while its recorded
 * `onDestroy` says to keep it: the old resource's destroy follows its own recorded setting.
 */
export function replacementNeedsDelete(
  olds: Partial<FlowLogInputs>,
  next: FlowLogInputs,
): ValidationFailure | undefined {
  const recorded = withDefaults(olds as Record<string, unknown>);
  if (recordedOnDestroy(olds) !== "disable" || !parseResourceId(recorded.targetResourceId)) return undefined;
  // Old inputs carry no flow log ID: the name is the program's, or Azure's naming of the old target.
  const oldName = recorded.flowLogName ?? childName(recorded.targetResourceId);
  const replaces = [
    ...(sameResourceId(recorded.targetResourceId, next.targetResourceId) ? [] : ["targetResourceId"]),
    ...(next.flowLogName && next.flowLogName.toLowerCase() !== oldName.toLowerCase() ? ["flowLogName"] : []),
  ];
  if (!removesOldFirst({ ...recorded, flowLogName: oldName }, next, replaces)) return undefined;
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
  const name = existing?.flowLogResourceId?.split("/").pop();
  if (!name || !inputs.flowLogName || name.toLowerCase() === inputs.flowLogName.toLowerCase())
    return undefined;
  return (
    `flowLogName: got "${inputs.flowLogName}", but the target already has flow log "${name}" (${existing?.flowLogResourceId}), ` +
    "and Azure keeps one flow log per target. Azure was not asked to change anything. Set flowLogName to " +
    `"${name}" (or leave it out) to manage that one, or delete it first.`
  );
}
