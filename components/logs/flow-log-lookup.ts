// Where a flow log writes, read through ARM: from its own resource ID, or from the resource it logs
// (through the region's Network Watcher), so `flowlogs download` needs no storage account, container or
// prefix from the user, and can tell which account is right when a given one is not.
import type { ArmSession } from "../azure";
import { parseResourceId } from "../azure/resource-id";
import { logLocation } from "../log-location";

export interface FlowLogPlace {
  flowLogResourceId: string;
  targetResourceId: string;
  storageAccountId: string;
  containerName: string;
  blobPathPrefix: string;
}

async function byFlowLogId(service: ArmSession, flowLogId: string): Promise<FlowLogPlace> {
  if (!/\/networkWatchers\/[^/]+\/flowLogs\/[^/]+$/i.test(flowLogId))
    throw new Error(
      `--flow-log: got "${flowLogId}"; expected a flow log's resource ID, /subscriptions/…/providers/Microsoft.Network/networkWatchers/<watcher>/flowLogs/<name>`,
    );
  const resource = await service.getResource(flowLogId);
  if (!resource) throw new Error(`--flow-log: ${flowLogId} does not exist`);
  const { targetResourceId, storageId } = resource.properties as {
    targetResourceId?: string;
    storageId?: string;
  };
  if (!targetResourceId || !storageId)
    throw new Error(`--flow-log: ${flowLogId} names no target or storage account`);
  return place(resource.id, targetResourceId, storageId);
}

async function byTarget(service: ArmSession, targetId: string): Promise<FlowLogPlace> {
  const subscriptionId = parseResourceId(targetId)?.subscriptionId;
  if (!subscriptionId)
    throw new Error(`--target: got "${targetId}"; expected the resource ID of a VNet, subnet, NIC or NSG`);
  const target = await service.getResource(targetId);
  if (!target) throw new Error(`--target: ${targetId} does not exist`);
  const watcher = await service.findNetworkWatcher(subscriptionId, await service.regionOf(target));
  const flowLog = await service.flowLogs.read(watcher, targetId);
  if (!flowLog?.storageId)
    throw new Error(`--target: ${targetId} has no flow log (looked in Network Watcher ${watcher.id})`);
  return place(flowLog.flowLogResourceId ?? "", targetId, flowLog.storageId);
}

function place(flowLogResourceId: string, targetResourceId: string, storageAccountId: string): FlowLogPlace {
  return {
    flowLogResourceId,
    targetResourceId,
    storageAccountId,
    ...logLocation(targetResourceId, flowLogResourceId),
  };
}

/**
 * The flow log named by `flowLog` (its ID) or else by `target`, with where its blobs are. A
 * `storageAccount` that is not the one the flow log writes to is an error naming the right one.
 */
export async function lookUpFlowLog(
  service: ArmSession,
  given: { flowLog?: string; target?: string; storageAccount?: string },
): Promise<FlowLogPlace> {
  const found = given.flowLog
    ? await byFlowLogId(service, given.flowLog)
    : await byTarget(service, given.target ?? "");
  if (given.storageAccount && given.storageAccount.toLowerCase() !== found.storageAccountId.toLowerCase())
    throw new Error(
      `--storage-account: got ${given.storageAccount}, but flow log ${found.flowLogResourceId || found.targetResourceId} writes to ${found.storageAccountId}; leave --storage-account out to use that one`,
    );
  return found;
}
