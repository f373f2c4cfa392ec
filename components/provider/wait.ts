// Azure refuses flow-log changes while the target itself is being updated; wait it out, within bounds.
import { setTimeout as delay } from "node:timers/promises";
import type { ArmResource, ArmSession } from "../azure";
import { FlowLogRefusal } from "./refusal";

const POLL_MS = 5_000;

/**
 * Returns the target once its provisioning state is no longer `Updating`; throws if it is gone or the
 * operation's bound (the service's deadline) runs out first.
 */
export async function waitWhileUpdating(
  service: ArmSession,
  targetResourceId: string,
  pollMs = POLL_MS,
): Promise<ArmResource> {
  for (;;) {
    const target = await service.getResource(targetResourceId);
    if (!target)
      throw new FlowLogRefusal(
        `the target ${targetResourceId} was not found (or this identity cannot read it). Nothing was changed.`,
      );
    if (target.properties.provisioningState !== "Updating") return target;
    const left = service.remainingMs();
    if (left <= 0) {
      throw new FlowLogRefusal(
        `the target ${targetResourceId} stayed in provisioning state Updating for the operation's whole limit of ${service.describeLimit()}. Nothing was changed.`,
      );
    }
    await delay(Math.min(pollMs, left));
  }
}
