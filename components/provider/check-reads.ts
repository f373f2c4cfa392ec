// What check (for a create) or diff (for an update) read from Azure about a target, for the create or
// update that follows it in this provider process: `pulumi up` checks and diffs a resource right before
// it writes it, so the target, its watcher and its flow log need not be read twice. A preview runs in
// another process, so its reads never stand in for up's (a stale plan is judged by up's own check and
// diff). Reads are taken once, only for the same inputs, only while fresh, never when the target or the
// flow log was Updating, and never after this process wrote to the target since.
import type { ArmResource, FlowLogState, NetworkWatcherRef } from "../azure";
import type { FlowLogInputs } from "./inputs";

/** Longer than check to create takes for one resource, shorter than anyone else's change takes to start. */
const FRESH_MS = 30_000;

export interface CheckReads {
  /** Check's read of the target; diff reads only the flow log, by the ID the engine gives it. */
  target?: ArmResource;
  watcher: NetworkWatcherRef;
  /** The target's flow log as Azure had it; undefined when it had none. */
  existing: FlowLogState | undefined;
}

type Decisive = Pick<
  FlowLogInputs,
  "targetResourceId" | "ownerUrn" | "adoptExisting" | "flowLogName" | "networkWatcher"
>;

const remembered = new Map<string, CheckReads & { inputs: string; at: number }>();

const keyOf = (targetResourceId: string) => targetResourceId.toLowerCase();

/** What decides the reads and the decisions made on them. */
function decisive(inputs: Decisive): string {
  const { targetResourceId, ownerUrn, adoptExisting, flowLogName, networkWatcher } = inputs;
  return JSON.stringify([keyOf(targetResourceId), ownerUrn, !!adoptExisting, flowLogName, networkWatcher]);
}

export function rememberCheckReads(inputs: Decisive, reads: CheckReads): void {
  remembered.set(keyOf(inputs.targetResourceId), { ...reads, inputs: decisive(inputs), at: Date.now() });
}

/** The reads check made for these inputs, once; undefined when there are none to trust. */
export function takeCheckReads(inputs: Decisive): CheckReads | undefined {
  const key = keyOf(inputs.targetResourceId);
  const reads = remembered.get(key);
  remembered.delete(key);
  if (!reads || reads.inputs !== decisive(inputs) || Date.now() - reads.at > FRESH_MS) return undefined;
  if (reads.target?.properties.provisioningState === "Updating") return undefined;
  if (reads.existing?.provisioningState === "Updating") return undefined;
  return reads;
}

/** This process changed the target's flow log: what check read of it is out of date. */
export function forgetCheckReads(targetResourceId: string): void {
  remembered.delete(keyOf(targetResourceId));
}
