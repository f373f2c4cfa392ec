// One FlowLog per target within one program: two would both read "no flow log", and each later `up`
// would flip Azure between their settings. The provider host serves every resource of a deployment,
// so a record, for this process, of which resource claimed which target finds the second one.
import { nameInUrn } from "./owner";

const claims = new Map<string, string>();

/** Claims the target for the component with this URN; returns the URN of another that claimed it first. */
export function claimTarget(targetResourceId: string, urn: string): string | undefined {
  const key = targetResourceId.toLowerCase();
  const first = claims.get(key);
  if (first !== undefined && first !== urn) return first;
  claims.set(key, urn);
  return undefined;
}

/** The sentence for a second claim, naming the first resource. */
export function secondClaimMessage(targetResourceId: string, firstUrn: string): string {
  return (
    `targetResourceId: ${targetResourceId} is also the target of FlowLog "${nameInUrn(firstUrn)}" (${firstUrn}) in this program. ` +
    "A target has one flow log, so two resources on it would overwrite each other's settings on every `up`: keep one FlowLog per target."
  );
}
