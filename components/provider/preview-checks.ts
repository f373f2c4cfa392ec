// Checks that need Azure but only read from it (no writes at preview): the target, storage account and
// workspace exist, sit in compatible regions, a new NSG flow log is not one Azure now refuses, and a new
// resource may have the flow log the target already has (create asks the last again, under its lock).

import type { ArmSession } from "../azure";
import { type ArmResource, normalizeRegion } from "../azure";
import { sameResourceId, targetKind } from "../azure/resource-id";
import { rememberCheckReads } from "./check-reads";
import type { ValidationFailure } from "./failures";
import type { FlowLogInputs } from "./inputs";
import { isUnknown, operationTimeoutMs } from "./inputs";
import { renameRefusal } from "./replacement";
import { armSession } from "./session";
import { heldElsewhereRefusal, takeOverRefusal } from "./takeover";
import { flowLogsElsewhere, readFlowLogOf, resolveWatcher } from "./target-watcher";

/** Azure stopped creating NSG flow logs on this day; existing ones may still be changed. */
export const NSG_FLOW_LOG_CREATION_BLOCKED_FROM = new Date("2025-06-30T00:00:00Z");

function changed(old: string | undefined, next: string | undefined): boolean {
  return next !== undefined && !isUnknown(next) && !sameResourceId(old, next);
}

function nsgCreationBlocked(target: ArmResource, now: Date): ValidationFailure | undefined {
  const flowLogs = target.properties.flowLogs as unknown[] | undefined;
  if (now < NSG_FLOW_LOG_CREATION_BLOCKED_FROM || (flowLogs && flowLogs.length > 0)) return undefined;
  return {
    property: "targetResourceId",
    reason:
      `targetResourceId: ${target.id} is a network security group with no flow log. Azure no longer creates ` +
      "NSG flow logs (blocked since 30 June 2025; existing ones retire on 30 September 2027). Use a virtual " +
      "network flow log instead: set targetResourceId to the ID of the NSG's virtual network, a subnet or a network interface.",
  };
}

/** What create would refuse about the target's flow log as Azure holds it now. */
async function existingFlowLogRefusals(
  service: ArmSession,
  target: ArmResource,
  targetRegion: string,
  inputs: FlowLogInputs,
): Promise<ValidationFailure[]> {
  const named = inputs.networkWatcher;
  if (named && (isUnknown(named.resourceGroupName) || isUnknown(named.name))) return [];
  const watcher = await resolveWatcher(service, inputs, target, targetRegion);
  const elsewhere = flowLogsElsewhere(target, watcher);
  if (elsewhere.length > 0) {
    return [
      {
        property: "networkWatcher",
        reason:
          `networkWatcher: the target's flow log ${elsewhere[0]} lives in another Network Watcher than the one this resource uses (${watcher.id}), ` +
          "and Azure keeps one flow log per target. Nothing was changed. Set networkWatcher to the watcher that holds it " +
          "(and adoptExisting: true if it is enabled), or delete that flow log first.",
      },
    ];
  }
  const existing = await readFlowLogOf(service, target, watcher);
  rememberCheckReads(inputs, { target, watcher, existing });
  const takeOver = takeOverRefusal(existing, inputs);
  const rename = renameRefusal(existing, inputs);
  return [
    ...(takeOver
      ? [{ property: "adoptExisting", reason: `targetResourceId: ${target.id}: ${takeOver}` }]
      : []),
    ...(rename ? [{ property: "flowLogName", reason: rename }] : []),
  ];
}

export async function checkAgainstAzure(
  olds: Partial<FlowLogInputs>,
  inputs: FlowLogInputs,
  { replacing = false, now = new Date() }: { replacing?: boolean; now?: Date } = {},
): Promise<ValidationFailure[]> {
  const targetChanged = changed(olds.targetResourceId, inputs.targetResourceId);
  const storageChanged = targetChanged || changed(olds.storageAccountId, inputs.storageAccountId);
  const workspaceId = inputs.trafficAnalytics?.workspaceResourceId;
  const workspaceChanged = changed(olds.trafficAnalytics?.workspaceResourceId, workspaceId);
  if (!targetChanged && !storageChanged && !workspaceChanged) return [];
  if (isUnknown(inputs.targetResourceId)) return [];

  const service = await armSession(operationTimeoutMs(inputs));
  const failures: ValidationFailure[] = [];
  // The engine checks resources one after another, so the reads run side by side.
  const readStorage = storageChanged && !isUnknown(inputs.storageAccountId);
  const readWorkspace = workspaceChanged && workspaceId !== undefined;
  const [target, storage, workspace] = await Promise.all([
    service.getResource(inputs.targetResourceId),
    readStorage ? service.getPlacement(inputs.storageAccountId) : undefined,
    readWorkspace ? service.getPlacement(workspaceId) : undefined,
  ]);
  if (!target) {
    return [
      {
        property: "targetResourceId",
        reason: `targetResourceId: ${inputs.targetResourceId} was not found (or this identity cannot read it).`,
      },
    ];
  }
  const targetRegion = await service.regionOf(target);
  const blocked =
    targetChanged && targetKind(target.id) === "networkSecurityGroup" && nsgCreationBlocked(target, now);
  if (blocked) failures.push(blocked);
  else if (targetChanged && !replacing)
    failures.push(...(await existingFlowLogRefusals(service, target, targetRegion, inputs)));
  if (readStorage) {
    if (!storage) {
      failures.push({
        property: "storageAccountId",
        reason: `storageAccountId: ${inputs.storageAccountId} was not found (or this identity cannot read it).`,
      });
    } else if (normalizeRegion(storage.location) !== normalizeRegion(targetRegion)) {
      failures.push({
        property: "storageAccountId",
        reason: `storageAccountId: ${storage.id} is in ${storage.location}, but the target is in ${targetRegion}; Azure requires the storage account in the target's region.`,
      });
    }
  }
  if (readWorkspace) {
    const stated = inputs.trafficAnalytics?.workspaceRegion;
    if (!workspace) {
      failures.push({
        property: "trafficAnalytics.workspaceResourceId",
        reason: `trafficAnalytics.workspaceResourceId: ${workspaceId} was not found (or this identity cannot read it).`,
      });
    } else if (
      stated &&
      !isUnknown(stated) &&
      normalizeRegion(stated) !== normalizeRegion(workspace.location)
    ) {
      failures.push({
        property: "trafficAnalytics.workspaceRegion",
        reason: `trafficAnalytics.workspaceRegion: got "${stated}", but the workspace is in ${workspace.location}; leave it out to use the workspace's region.`,
      });
    }
  }
  return failures;
}

/**
 * What update would refuse of a flow log refresh found taken over, from the recorded inputs alone.
 * Whether Azure's flow log is still this resource's is asked by diff, which has its ID (see lifecycle.ts).
 */
export function takenOverRefusal(
  olds: Partial<FlowLogInputs> & { foreignOwnerId?: string },
  inputs: FlowLogInputs,
): ValidationFailure[] {
  if (inputs.adoptExisting || !olds.foreignOwnerId) return [];
  return [
    {
      property: "adoptExisting",
      reason: `targetResourceId: ${inputs.targetResourceId}: ${heldElsewhereRefusal(olds.foreignOwnerId, olds.ownerId)}`,
    },
  ];
}
