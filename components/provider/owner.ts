// Who manages a flow log: one FlowLog in one stack, written to the flow log's owner tag, and the rules
// every operation follows before it writes. Pure.
import { createHash, randomBytes } from "node:crypto";
import type { FlowLogState } from "../azure";

/**
 * The hash of a component's URN (project, stack, parents and name). Releases before owner nonces used
 * it alone as the owner ID; resources they created keep it.
 */
export function ownerIdOf(componentUrn: string): string {
  return createHash("sha256").update(componentUrn).digest("hex").slice(0, 32);
}

/**
 * A new resource's owner ID: the URN's hash and a nonce, drawn by create (never by check, so previews
 * stay deterministic) and kept in its outputs from then on. The nonce tells apart two stacks whose URNs
 * are equal because they live in different backends (a team's `dev` and someone's local `dev`).
 */
export function newOwnerId(componentUrn: string): string {
  return `${ownerIdOf(componentUrn)}.${randomBytes(8).toString("hex")}`;
}

/**
 * Both owner IDs come from the same URN: a namesake stack in another backend, or a create of this
 * resource killed after Azure applied it but before the engine recorded its nonce. Azure cannot tell
 * the two apart, so neither is taken over unasked; the refusal names both (see README, Safety).
 */
export function sameUrn(a: string, b: string): boolean {
  return a.split(".")[0] === b.split(".")[0];
}

/** The flow log is tagged for someone other than `ownerId`. An untagged one is nobody's. */
export function heldByAnother(live: Pick<FlowLogState, "owner">, ownerId: string | undefined): boolean {
  return live.owner !== undefined && live.owner !== ownerId;
}

/** `live` is not the flow log this resource recorded, but another one on the same target (say, made in the portal). */
export function isAnotherFlowLog(
  recordedFlowLogId: string | undefined,
  live: Pick<FlowLogState, "flowLogResourceId">,
): boolean {
  const liveId = live.flowLogResourceId;
  return (
    recordedFlowLogId !== undefined &&
    liveId !== undefined &&
    recordedFlowLogId.toLowerCase() !== liveId.toLowerCase()
  );
}

/** The component's name, for messages: the URN's last segment. */
export function nameInUrn(urn: string): string {
  return urn.split("::").pop() ?? urn;
}
