// Who manages a flow log: a stable name for one FlowLog in one stack, written to the flow log's owner tag.
import { createHash } from "node:crypto";

/**
 * The owner ID of the component with this URN. Derived, not random, so a create that Azure applied but
 * the engine never recorded (the engine or provider killed mid-operation) is recognised as ours on the
 * next `up`. The URN names the stack, project and resource, so a rename or another stack is someone else.
 */
export function ownerIdOf(componentUrn: string): string {
  return createHash("sha256").update(componentUrn).digest("hex").slice(0, 32);
}
