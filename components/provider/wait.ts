// Azure refuses flow-log changes while the target itself is being updated; wait it out, within bounds.
import { setTimeout as delay } from "node:timers/promises";
import type { ArmResource, FlowLogService } from "../azure";

const POLL_MS = 5_000;

/** Returns the target once its provisioning state is no longer `Updating`; throws if it is gone or the wait times out. */
export async function waitWhileUpdating(
  service: FlowLogService,
  targetResourceId: string,
  timeoutMinutes: number,
  pollMs = POLL_MS,
): Promise<ArmResource> {
  const deadline = Date.now() + timeoutMinutes * 60_000;
  for (;;) {
    const target = await service.getResource(targetResourceId);
    if (!target)
      throw new Error(`the target ${targetResourceId} was not found (or this identity cannot read it)`);
    if (target.properties.provisioningState !== "Updating") return target;
    if (Date.now() + pollMs > deadline) {
      throw new Error(
        `the target ${targetResourceId} stayed in provisioning state Updating for ${timeoutMinutes} minutes`,
      );
    }
    await delay(pollMs);
  }
}
