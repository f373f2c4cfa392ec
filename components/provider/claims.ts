// One FlowLog per target within one program: two would both read "no flow log", and each later `up`
// would flip Azure between their settings. The provider host serves every resource of a deployment,
// so a record, for this process, of which resource claimed which target finds the second one.
import { nameInUrn } from "./owner";

interface Claim {
  urn: string;
  /** The resource already manages this target (it is in state): it keeps it against a new one. */
  established: boolean;
}

const claims = new Map<string, Claim>();

/**
 * Claims the target for the component with this URN; returns the URN of another that holds it. A
 * resource already in state on this target takes the claim from a new one, whatever order the engine
 * checks them in, so the new one is the one refused (at its create, if its check came first).
 */
export function claimTarget(targetResourceId: string, urn: string, established = false): string | undefined {
  const key = targetResourceId.toLowerCase();
  const held = claims.get(key);
  if (held && held.urn !== urn && (held.established || !established)) return held.urn;
  claims.set(key, { urn, established: established || (held?.urn === urn && held.established) });
  return undefined;
}

/**
 * The resource with this URN is in state on this target. A check without old inputs for such a resource
 * is the engine's second check of a replacement, whose old flow log is still on the target.
 */
export function claimedInState(targetResourceId: string, urn: string): boolean {
  const held = claims.get(targetResourceId.toLowerCase());
  return held?.urn === urn && held.established;
}

/** The sentence for a second claim, naming the resource that holds the target. */
export function secondClaimMessage(targetResourceId: string, holderUrn: string): string {
  return (
    `targetResourceId: ${targetResourceId} is also the target of FlowLog "${nameInUrn(holderUrn)}" (${holderUrn}) in this program. ` +
    "A target has one flow log, so two resources on it would overwrite each other's settings on every `up`: keep one FlowLog per target."
  );
}
