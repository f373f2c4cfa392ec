// The flow-log dynamic provider's implementation, loaded at call time by the serialized shim.
// Every method returns the full output shape; errors carry a clear message and never a secret.
import type * as pulumi from "@pulumi/pulumi";
import {
  describeAzureError,
  type FlowLogService,
  type FlowLogState,
  isSignInFailure,
  type KnownFlowLog,
  type NetworkWatcherRef,
  type TrafficAnalytics,
} from "../azure";
import { childName, networkWatcherId, parseResourceId, sameResourceId } from "../azure/resource-id";
import { claimTarget, secondClaimMessage } from "./claims";
import { diffFlowLog, STATE_ONLY_DIFFS } from "./diff";
import {
  defaultOnDestroy,
  type FlowLogInputs,
  type FlowLogOutputs,
  isUnknown,
  operationTimeoutMs,
  recordedOnDestroy,
  withDefaults,
  withoutUndefined,
} from "./inputs";
import { nestedArgProblems } from "./known-keys";
import { heldByAnother, isAnotherFlowLog, newOwnerId, sameUrn } from "./owner";
import { checkAgainstAzure } from "./preview-checks";
import { FlowLogRefusal, isRefusal } from "./refusal";
import { refuseRename, replacementNeedsDelete, replacementUnlogsHandedOver } from "./replacement";
import { adoptCurrentProvider } from "./serialized-provider";
import { flowLogService, useStackConfig } from "./session";
import { liveInputs, tagsToWrite, toConfig, toOutputs } from "./translate";
import { forTheEngine, validateInputs } from "./validate";
import { waitWhileUpdating } from "./wait";

type Provider = Required<
  Pick<
    pulumi.dynamic.ResourceProvider<FlowLogInputs, FlowLogOutputs>,
    "check" | "diff" | "create" | "update" | "delete"
  >
> & {
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  // The SDK types `inputs` as outputs; what refresh records as inputs is the inputs' shape.
  read(
    id: string,
    props?: FlowLogOutputs,
  ): Promise<{ id?: string; props?: FlowLogOutputs; inputs?: FlowLogInputs }>;
};

/** Runs the provider's work; a refusal keeps its own words, anything else is explained as an Azure failure. */
async function explained<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    // Signing in failed before any request: what to set comes first, not the operation it stopped.
    if (isSignInFailure(e)) throw new Error(describeAzureError(e));
    throw new Error(`${what}: ${isRefusal(e) ? e.message : describeAzureError(e)}`);
  }
}

/**
 * The read-only checks against Azure; a failed read (say, signing in) is a failure of the check, not
 * an exception, which the provider host would print again with its stack trace.
 */
async function checkedAgainstAzure(olds: Partial<FlowLogInputs>, inputs: FlowLogInputs) {
  try {
    return await checkAgainstAzure(olds, inputs);
  } catch (e) {
    const reason = describeAzureError(e);
    return [{ property: "", reason: isSignInFailure(e) ? reason : `Checking against Azure: ${reason}` }];
  }
}

async function resolveWatcher(service: FlowLogService, inputs: FlowLogInputs, targetLocation: string) {
  const target = parseResourceId(inputs.targetResourceId)!;
  if (inputs.networkWatcher) {
    const { resourceGroupName, name } = inputs.networkWatcher;
    return service.getNetworkWatcher(networkWatcherId(target.subscriptionId, resourceGroupName, name));
  }
  return service.findNetworkWatcher(target.subscriptionId, targetLocation);
}

async function resolveTrafficAnalytics(
  service: FlowLogService,
  inputs: FlowLogInputs,
): Promise<TrafficAnalytics | undefined> {
  const ta = inputs.trafficAnalytics;
  if (!ta) return undefined;
  let { workspaceId, workspaceRegion } = ta;
  if (!workspaceId || !workspaceRegion) {
    const workspace = await service.getPlacement(ta.workspaceResourceId);
    if (!workspace)
      throw new Error(
        `trafficAnalytics.workspaceResourceId: workspace ${ta.workspaceResourceId} was not found`,
      );
    workspaceId ??= String(workspace.properties.customerId);
    workspaceRegion ??= workspace.location;
  }
  return {
    enabled: ta.enabled,
    workspaceResourceId: ta.workspaceResourceId,
    workspaceId,
    workspaceRegion,
    intervalInMinutes: ta.intervalInMinutes as 10 | 60,
  };
}

function watcherOf(outputs: FlowLogOutputs): NetworkWatcherRef {
  const parsed = parseResourceId(outputs.networkWatcherId)!;
  return {
    id: outputs.networkWatcherId,
    name: parsed.names[0],
    resourceGroupName: parsed.resourceGroupName,
    subscriptionId: parsed.subscriptionId,
    location: "",
  };
}

/** The flowLogs child's ID; configureFlowLog names it `Microsoft.Network<rg><target>` when Azure does not say. */
function flowLogIdOf(watcher: NetworkWatcherRef, inputs: FlowLogInputs, live: FlowLogState): string {
  if (live.flowLogResourceId) return live.flowLogResourceId;
  return `${watcher.id}/flowLogs/${inputs.flowLogName ?? childName(inputs.targetResourceId)}`;
}

function describeLive(live: FlowLogState): string {
  const retention = live.retentionPolicy.enabled
    ? `${live.retentionPolicy.days} days`
    : "no retention policy";
  const state = live.provisioningState && live.provisioningState !== "Succeeded";
  return `storage ${live.storageId}, ${retention}, format version ${live.format.version}${state ? `, provisioning state ${live.provisioningState}` : ""}`;
}

/** A create may enable a target's flow log only when it is off, ours (see sameUrn) or adopted on purpose. */
function refuseTakeOver(existing: FlowLogState | undefined, inputs: FlowLogInputs): void {
  if (!existing?.enabled || inputs.adoptExisting) return;
  if (existing.owner && inputs.ownerId && sameUrn(existing.owner, inputs.ownerId)) return;
  const whose = existing.owner
    ? "it is tagged as managed by another Pulumi resource"
    : "it carries no owner tag, so it was made outside this package (the portal, a script) or by a release before owner tags";
  throw new FlowLogRefusal(
    `the provider refused to take over the target's enabled flow log (${describeLive(existing)}): ${whose}. ` +
      "Azure was not asked to change anything. If this resource was renamed or moved, add an alias " +
      '(`aliases: [{ name: "<old name>" }]`) so it keeps the flow log it made; to manage this flow log ' +
      "with this resource, set `adoptExisting: true` (dynamic resources cannot be brought in with `pulumi import`).",
  );
}

/** An update may change only the flow log this resource recorded, while it still holds it. */
function refuseForeignUpdate(recorded: FlowLogOutputs, live: FlowLogState, next: FlowLogInputs): void {
  if (isAnotherFlowLog(recorded.flowLogResourceId, live)) {
    throw new FlowLogRefusal(
      `the flow log this resource manages (${recorded.flowLogResourceId}) is gone, and the target now has another one (${live.flowLogResourceId}). ` +
        "Nothing was changed. Run `pulumi refresh` (it drops the gone flow log from state), then `pulumi up` to create or, with `adoptExisting: true`, take over the new one.",
    );
  }
  if (heldByAnother(live, recorded.ownerId) && !next.adoptExisting) {
    throw new FlowLogRefusal(
      `the flow log is now managed by another Pulumi resource (its owner tag is ${live.owner}, this resource's is ${recorded.ownerId}), ` +
        "so this resource no longer changes it. Nothing was changed. Remove this resource from the program (or `pulumi state delete` it) " +
        "to leave the flow log to its new owner, or set `adoptExisting: true` to take it back.",
    );
  }
}

async function apply(
  inputs: FlowLogInputs,
  watcher: NetworkWatcherRef,
  service: FlowLogService,
  known: Omit<KnownFlowLog, "owner">,
  tags = inputs.tags,
) {
  const trafficAnalytics = await resolveTrafficAnalytics(service, inputs);
  const config = toConfig(inputs, trafficAnalytics, tags);
  const live = await service.apply(watcher, config, { ...known, owner: inputs.ownerId });
  const id = flowLogIdOf(watcher, inputs, live);
  return { id, outs: toOutputs(inputs, watcher, live, id) };
}

/**
 * The target's flow log, or undefined when there is none or the target was deleted: a flow log can
 * outlive its target in the watcher's list, but it logs nothing, so it counts as gone.
 */
async function readIfTargetExists(
  service: FlowLogService,
  watcher: NetworkWatcherRef,
  recorded: FlowLogOutputs,
) {
  const { targetResourceId, flowLogResourceId } = recorded;
  const [live, target] = await Promise.all([
    service.read(watcher, targetResourceId, flowLogResourceId),
    service.getResource(targetResourceId),
  ]);
  return target ? live : undefined;
}

export const provider: Provider = {
  async configure(req) {
    useStackConfig((key) => req.config.get(key));
  },

  async check(olds, news) {
    const inputs = withDefaults(news as unknown as Record<string, unknown>);
    // A flow log recorded without onDestroy was made by an earlier release, which promised to disable it:
    // an upgrade does not turn that into a delete. Everything else takes its target's default.
    const recordedBeforeOnDestroy = olds.targetResourceId !== undefined && olds.onDestroy === undefined;
    if (inputs.onDestroy === undefined && !recordedBeforeOnDestroy)
      inputs.onDestroy = defaultOnDestroy(inputs.targetResourceId);
    // The owner is fixed at the first check and kept: the tag Azure holds names it, and an aliased rename keeps it.
    if (olds.ownerId) inputs.ownerId = olds.ownerId;
    else if (inputs.ownerUrn) inputs.ownerId = newOwnerId(inputs.ownerUrn);
    // Nested objects that came as Outputs reach us only now: their keys get the component's check.
    const failures = [
      ...nestedArgProblems(news as unknown as Record<string, unknown>),
      ...validateInputs(inputs),
    ];
    if (failures.length === 0 && inputs.ownerUrn && !isUnknown(inputs.targetResourceId)) {
      const established =
        olds.targetResourceId !== undefined && sameResourceId(olds.targetResourceId, inputs.targetResourceId);
      const first = claimTarget(inputs.targetResourceId, inputs.ownerUrn, established);
      if (first)
        failures.push({
          property: "targetResourceId",
          reason: secondClaimMessage(inputs.targetResourceId, first),
        });
    }
    if (failures.length === 0 && olds.targetResourceId !== undefined) {
      const recorded = olds as Partial<FlowLogInputs>;
      const refusal =
        replacementNeedsDelete(recorded, inputs) ?? replacementUnlogsHandedOver(recorded, inputs);
      if (refusal) failures.push(refusal);
    }
    if (failures.length === 0) failures.push(...(await checkedAgainstAzure(olds, inputs)));
    return { inputs: withoutUndefined(inputs), failures: forTheEngine(failures) };
  },

  async diff(_id, olds, news) {
    return diffFlowLog(olds, news);
  },

  async create(inputs) {
    const service = await flowLogService(operationTimeoutMs(inputs, "create"));
    const target = inputs.targetResourceId;
    return explained(`Enabling flow logs on ${target}`, async () => {
      const found = await waitWhileUpdating(service, target);
      const watcher = await resolveWatcher(service, inputs, await service.regionOf(found));
      // Deciding and writing under one lock: a second resource on this target sees the first one's flow log.
      return service.exclusive(target, async () => {
        const first = inputs.ownerUrn && claimTarget(target, inputs.ownerUrn);
        if (first) throw new FlowLogRefusal(`${secondClaimMessage(target, first)} Nothing was changed.`);
        const existing = await service.read(watcher, target);
        // Our own tag means an earlier create reached Azure but not the engine's state: carry on.
        refuseTakeOver(existing, inputs);
        refuseRename(existing, inputs);
        return apply(inputs, watcher, service, { current: existing ?? null });
      });
    });
  },

  async update(_id, olds, news) {
    // Nothing Azure holds changed (say, only onDestroy): record the new inputs, write nothing.
    if (diffFlowLog(olds, news).diffs.every((d) => STATE_ONLY_DIFFS.includes(d)))
      return { outs: { ...olds, ...news } };
    const service = await flowLogService(operationTimeoutMs(news, "update"));
    const target = news.targetResourceId;
    return explained(`Updating flow logs on ${target}`, async () => {
      await waitWhileUpdating(service, target);
      const watcher = watcherOf(olds);
      return service.exclusive(target, async () => {
        const live = await service.read(watcher, target, olds.flowLogResourceId);
        if (live) refuseForeignUpdate(olds, live, news);
        const known = { current: live ?? null, flowLogId: olds.flowLogResourceId };
        return { outs: (await apply(news, watcher, service, known, tagsToWrite(news, olds, live))).outs };
      });
    });
  },

  async delete(_id, olds) {
    const recorded = withDefaults(olds as unknown as Record<string, unknown>);
    const service = await flowLogService(operationTimeoutMs(recorded, "delete"));
    // Deleted as the peers do, or disabled: NSG flow logs can no longer be created, but a disabled one can be re-enabled.
    const removing = recordedOnDestroy(olds) === "delete";
    await explained(`${removing ? "Deleting" : "Disabling"} flow logs on ${olds.targetResourceId}`, () =>
      service.exclusive(olds.targetResourceId, async () => {
        const watcher = watcherOf(olds);
        // A flow log that outlived its target can still be deleted (and logs nothing), but not reconfigured.
        const live = removing
          ? await service.read(watcher, olds.targetResourceId, olds.flowLogResourceId)
          : await readIfTargetExists(service, watcher, olds);
        // Ours is gone (another flow log on the target is someone else's), or another resource took
        // this one over (say, a rename with adoptExisting): nothing of ours to disable.
        if (!live || isAnotherFlowLog(olds.flowLogResourceId, live) || heldByAnother(live, olds.ownerId))
          return;
        if (removing) await service.remove(watcher, live);
        else await service.disable(watcher, live);
      }),
    );
  },

  async read(id, props) {
    const recorded = props!;
    adoptCurrentProvider(recorded);
    const inputs = withDefaults(recorded as unknown as Record<string, unknown>);
    const service = await flowLogService(operationTimeoutMs(inputs));
    const watcher = watcherOf(recorded);
    const live = await explained(`Reading flow logs of ${recorded.targetResourceId}`, () =>
      readIfTargetExists(service, watcher, recorded),
    );
    // The target or our flow log is gone (a different flow log on the target is not ours): an empty
    // result drops the resource from state.
    if (
      !live ||
      !sameResourceId(live.targetResourceId, recorded.targetResourceId) ||
      isAnotherFlowLog(recorded.flowLogResourceId, live)
    )
      return {};
    const outs = toOutputs(inputs, watcher, live, recorded.flowLogResourceId ?? id);
    if (heldByAnother(live, recorded.ownerId)) outs.foreignOwnerId = live.owner;
    return { id, props: outs, inputs: liveInputs(inputs, live) };
  },
};
