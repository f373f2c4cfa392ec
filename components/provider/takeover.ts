// Whether a new FlowLog may take the target's flow log as it finds it. Pure: preview asks it of what
// Azure holds at preview time, create again under the target's lock, so a refusal `up` would make is
// made at preview.
import type { FlowLogState } from "../azure";
import { ownerIdOf, sameUrn } from "./owner";

function describeLive(live: FlowLogState): string {
  const retention = live.retentionPolicy.enabled
    ? `${live.retentionPolicy.days} days`
    : "no retention policy";
  const state = live.provisioningState && live.provisioningState !== "Succeeded";
  return `storage ${live.storageId}, ${retention}, format version ${live.format.version}${state ? `, provisioning state ${live.provisioningState}` : ""}`;
}

function whose(owner: string | undefined, ownerUrn: string | undefined): string {
  if (!owner)
    return "it carries no owner tag, so it was made outside this package (the portal, a script) or by a release before owner tags";
  if (!ownerUrn || !sameUrn(owner, ownerIdOf(ownerUrn)))
    return "it is tagged as managed by another Pulumi resource";
  return (
    `it is tagged for a resource with this one's project, stack and name but another owner ID (${owner}): ` +
    "a stack of the same name in another backend manages it, or this stack lost it from state (a `pulumi up` killed after " +
    "Azure made it and before the engine recorded it, or a refresh that found its target gone). If the stack's history shows " +
    "that, set `adoptExisting: true` on this resource and run `pulumi up` (see README, When a run is killed); otherwise leave it to the other stack"
  );
}

/**
 * Why a create may not enable the target's flow log, or undefined when it may: it is off, or adopted on
 * purpose. An enabled one made by anyone else (even a namesake stack in another backend) is refused.
 */
export function takeOverRefusal(
  existing: FlowLogState | undefined,
  inputs: { adoptExisting?: boolean; ownerUrn?: string },
): string | undefined {
  if (!existing?.enabled || inputs.adoptExisting) return undefined;
  return (
    `the provider refused to take over the target's enabled flow log (${describeLive(existing)}): ` +
    `${whose(existing.owner, inputs.ownerUrn)}. Azure was not asked to change anything. If this resource was renamed or ` +
    'moved, add an alias (`aliases: [{ name: "<old name>" }]`) so it keeps the flow log it made; to manage this flow log ' +
    "with this resource, set `adoptExisting: true` (dynamic resources cannot be brought in with `pulumi import`)."
  );
}

/** Why an update may not change a flow log whose owner tag names another resource. */
export function heldElsewhereRefusal(liveOwner: string, ownerId: string | undefined): string {
  const ours = ownerId ? `, this resource's is ${ownerId}` : "";
  return (
    `the flow log is now managed by another Pulumi resource (its owner tag is ${liveOwner}${ours}), ` +
    "so this resource no longer changes it. Nothing was changed. Remove this resource from the program (or `pulumi state delete` it) " +
    "to leave the flow log to its new owner, or set `adoptExisting: true` to take it back."
  );
}
