// Which Network Watcher holds a target's flow log for this resource: the one the program names, else the
// subscription's watcher in the target's region. Preview and create resolve it the same way.
import type { ArmResource, ArmSession, NetworkWatcherRef } from "../azure";
import { networkWatcherId, parseResourceId, sameResourceId } from "../azure/resource-id";
import type { FlowLogInputs } from "./inputs";
import { watcherIdOf } from "./recorded-outputs";

export async function resolveWatcher(
  service: ArmSession,
  inputs: Pick<FlowLogInputs, "targetResourceId" | "networkWatcher">,
  target: ArmResource,
  targetLocation: string,
): Promise<NetworkWatcherRef> {
  const parsed = parseResourceId(inputs.targetResourceId)!;
  if (inputs.networkWatcher) {
    const { resourceGroupName, name } = inputs.networkWatcher;
    return service.getNetworkWatcher(networkWatcherId(parsed.subscriptionId, resourceGroupName, name));
  }
  // A flow log the target lists in its own subscription names the region's watcher without the
  // subscription's list: Azure keeps one watcher per subscription and region (a second is refused,
  // NetworkWatcherCountLimitReached), and a flow log lives in the watcher of its target's region.
  const listed = listedFlowLogIds(target)
    .map(watcherIdOf)
    .find((id) => parseResourceId(id)?.subscriptionId.toLowerCase() === parsed.subscriptionId.toLowerCase());
  const watcher = listed ? parseResourceId(listed) : undefined;
  if (listed && watcher?.type === "microsoft.network/networkwatchers") {
    const { resourceGroupName, subscriptionId, names } = watcher;
    return { id: listed, name: names[0], resourceGroupName, subscriptionId, location: targetLocation };
  }
  return service.findNetworkWatcher(parsed.subscriptionId, targetLocation);
}

function listedFlowLogIds(target: ArmResource): string[] {
  const listed = (target.properties.flowLogs as { id?: unknown }[] | undefined) ?? [];
  return listed.map((f) => (typeof f.id === "string" ? f.id : "")).filter(Boolean);
}

/**
 * The target's flow logs that live in a watcher other than `watcher`, as ARM lists them on the target
 * (NSGs and virtual networks carry a `flowLogs` list). This resource would neither see nor manage them.
 */
export function flowLogsElsewhere(target: ArmResource, watcher: Pick<NetworkWatcherRef, "id">): string[] {
  return listedFlowLogIds(target).filter((id) => !sameResourceId(watcherIdOf(id), watcher.id));
}

/** True when the target lists its flow logs (NSGs and virtual networks do) and the list is empty. */
function listsNoFlowLog(target: ArmResource): boolean {
  const listed = target.properties.flowLogs;
  return Array.isArray(listed) && listed.length === 0;
}

/**
 * The target's flow log in `watcher`: none when the target lists none, read by the ID the target lists
 * when it lists one there (one small GET), else searched for in the watcher's list.
 */
export async function readFlowLogOf(service: ArmSession, target: ArmResource, watcher: NetworkWatcherRef) {
  if (listsNoFlowLog(target)) return undefined;
  const listed = listedFlowLogIds(target).find((id) => sameResourceId(watcherIdOf(id), watcher.id));
  return service.flowLogs.read(watcher, target.id, listed);
}
