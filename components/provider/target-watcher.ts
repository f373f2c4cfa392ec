// Which Network Watcher holds a target's flow log for this resource: the one the program names, else the
// subscription's watcher in the target's region. Preview and create resolve it the same way.
import type { ArmResource, ArmSession, NetworkWatcherRef } from "../azure";
import { networkWatcherId, parseResourceId, sameResourceId } from "../azure/resource-id";
import type { FlowLogInputs } from "./inputs";

export async function resolveWatcher(
  service: ArmSession,
  inputs: Pick<FlowLogInputs, "targetResourceId" | "networkWatcher">,
  targetLocation: string,
): Promise<NetworkWatcherRef> {
  const target = parseResourceId(inputs.targetResourceId)!;
  if (inputs.networkWatcher) {
    const { resourceGroupName, name } = inputs.networkWatcher;
    return service.getNetworkWatcher(networkWatcherId(target.subscriptionId, resourceGroupName, name));
  }
  return service.findNetworkWatcher(target.subscriptionId, targetLocation);
}

/**
 * The target's flow logs that live in a watcher other than `watcher`, as ARM lists them on the target
 * (NSGs and virtual networks carry a `flowLogs` list). This resource would neither see nor manage them.
 */
export function flowLogsElsewhere(target: ArmResource, watcher: Pick<NetworkWatcherRef, "id">): string[] {
  const listed = (target.properties.flowLogs as { id?: unknown }[] | undefined) ?? [];
  return listed
    .map((f) => (typeof f.id === "string" ? f.id : ""))
    .filter((id) => id && !sameResourceId(id.replace(/\/flowLogs\/[^/]+$/i, ""), watcher.id));
}

/** True when the target lists its flow logs (an NSG does) and the list is empty: there is none to look for. */
export function listsNoFlowLog(target: ArmResource): boolean {
  const listed = target.properties.flowLogs;
  return Array.isArray(listed) && listed.length === 0;
}
