// The flow-log dynamic provider's implementation, loaded at call time by the serialized shim.
// Every method returns the full output shape; errors carry a clear message and never a secret.
import type * as pulumi from "@pulumi/pulumi";
import {
  type ArmSession,
  describeAzureError,
  type FlowLogState,
  isSignInFailure,
  type KnownFlowLog,
  type NetworkWatcherRef,
  type TrafficAnalytics,
} from "../azure";
import { defaultFlowLogName, parseResourceId, sameResourceId } from "../azure/resource-id";
import { forgetCheckReads, rememberCheckReads, takeCheckReads } from "./check-reads";
import { claimedInState, claimTarget, secondClaimMessage } from "./claims";
import { diffFlowLog, writesToAzure } from "./diff";
import { explained } from "./explained";
import { forTheEngine, type ValidationFailure } from "./failures";
import {
  asRecorded,
  defaultOnDestroy,
  type FlowLogInputs,
  type FlowLogOutputs,
  isUnknown,
  operationTimeoutMs,
  recordedOnDestroy,
  withDefaults,
  withoutUndefined,
} from "./inputs";
import { goneTargetRefusal, keptByAzureWarning } from "./kept-by-azure";
import { nestedArgProblems } from "./known-keys";
import { heldByAnother, isAnotherFlowLog, newOwnerId } from "./owner";
import { checkAgainstAzure, takenOverRefusal } from "./preview-checks";
import { asRecordedOutputs, withRecordedIds } from "./recorded-outputs";
import { FlowLogRefusal } from "./refusal";
import { renameRefusal, replacementNeedsDelete, replacementUnlogsHandedOver } from "./replacement";
import { adoptCurrentProvider } from "./serialized-provider";
import { armSession, useStackConfig } from "./session";
import { heldElsewhereRefusal, takeOverRefusal } from "./takeover";
import { readFlowLogOf, resolveWatcher } from "./target-watcher";
import { liveInputs, tagsToWrite, toConfig, toOutputs } from "./translate";
import { validateInputs } from "./validate";
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

/**
 * A read-only check against Azure; a failed read (say, signing in) is a failure of the check, not an
 * exception, which the provider host would print again with its stack trace.
 */
async function checkedAgainstAzure(check: () => Promise<ValidationFailure[]>): Promise<ValidationFailure[]> {
  try {
    return await check();
  } catch (e) {
    const reason = describeAzureError(e);
    return [{ property: "", reason: isSignInFailure(e) ? reason : `Checking against Azure: ${reason}` }];
  }
}

async function resolveTrafficAnalytics(
  service: ArmSession,
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

function watcherOf(outputs: { networkWatcherId: string }): NetworkWatcherRef {
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
  return `${watcher.id}/flowLogs/${inputs.flowLogName ?? defaultFlowLogName(inputs.targetResourceId)}`;
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
    throw new FlowLogRefusal(heldElsewhereRefusal(String(live.owner), recorded.ownerId));
  }
}

/**
 * What update would refuse about the flow log as Azure holds it now, asked by diff so that a preview
 * refuses it too: the engine gives check only the old inputs, but diff the outputs, whose ID finds the
 * flow log in one GET. Update reuses the read when it follows in this process (see check-reads.ts).
 */
async function refuseForeignUpdateEarly(
  recorded: FlowLogOutputs & { networkWatcherId: string },
  next: FlowLogInputs,
): Promise<void> {
  const service = await armSession(operationTimeoutMs(next));
  const watcher = watcherOf(recorded);
  const live = await service.flowLogs.read(watcher, next.targetResourceId, recorded.flowLogResourceId);
  rememberCheckReads(next, { watcher, existing: live });
  if (live) refuseForeignUpdate(recorded, live, next);
}

async function apply(
  inputs: FlowLogInputs,
  watcher: NetworkWatcherRef,
  service: ArmSession,
  known: Omit<KnownFlowLog, "owner">,
  tags = inputs.tags,
) {
  const trafficAnalytics = await resolveTrafficAnalytics(service, inputs);
  const config = toConfig(inputs, trafficAnalytics, tags);
  const live = await service.flowLogs.apply(watcher, config, { ...known, owner: inputs.ownerId });
  forgetCheckReads(inputs.targetResourceId);
  const id = flowLogIdOf(watcher, inputs, live);
  return { id, outs: toOutputs(inputs, watcher, live, id) };
}

/**
 * The target's flow log, or undefined when there is none or the target was deleted: a flow log can
 * outlive its target in the watcher's list, but it logs nothing, so it counts as gone.
 */
async function readIfTargetExists(service: ArmSession, watcher: NetworkWatcherRef, recorded: FlowLogOutputs) {
  const { targetResourceId, flowLogResourceId } = recorded;
  const [live, target] = await Promise.all([
    service.flowLogs.read(watcher, targetResourceId, flowLogResourceId),
    service.getResource(targetResourceId),
  ]);
  return target ? live : undefined;
}

/**
 * Deletes the flow log; one Azure refuses to delete because its target is gone is left to Azure with a
 * warning, so the resource still leaves the stack. Any other refusal fails the delete.
 */
async function removeUnlessKeptByAzure(service: ArmSession, watcher: NetworkWatcherRef, live: FlowLogState) {
  try {
    await service.flowLogs.remove(watcher, live);
  } catch (e) {
    const code = goneTargetRefusal(e);
    if (!code) throw e;
    // Only a flow log with an ID is sent a DELETE. The dynamic provider host has no channel to the
    // engine's log (pulumi/pulumi#6065); the engine shows its stderr.
    console.warn(keptByAzureWarning(live.flowLogResourceId!, code));
  }
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
    if (failures.length === 0) {
      // A replacement's old flow log may still hold the target: create asks again once it is gone.
      const replacing =
        olds.targetResourceId === undefined &&
        !!inputs.ownerUrn &&
        !isUnknown(inputs.targetResourceId) &&
        claimedInState(inputs.targetResourceId, inputs.ownerUrn);
      failures.push(
        ...(await checkedAgainstAzure(() =>
          checkAgainstAzure(olds as Partial<FlowLogInputs>, inputs, { replacing }),
        )),
      );
    }
    if (failures.length === 0 && olds.targetResourceId !== undefined)
      failures.push(
        ...takenOverRefusal(olds as Partial<FlowLogInputs> & { foreignOwnerId?: string }, inputs),
      );
    return {
      inputs: withoutUndefined(asRecorded(inputs)) as FlowLogInputs,
      failures: forTheEngine(failures),
    };
  },

  async diff(id, olds, news) {
    const recorded = withRecordedIds(id, olds);
    const diff = diffFlowLog(recorded, news);
    // A flow log refresh found taken over is refused by check already (and refresh diffs what it read).
    const takenOver = recorded.foreignOwnerId ?? (news as { foreignOwnerId?: string }).foreignOwnerId;
    if (writesToAzure(diff) && !takenOver)
      await explained(`targetResourceId: ${news.targetResourceId}`, () =>
        refuseForeignUpdateEarly(recorded, withDefaults(news as unknown as Record<string, unknown>)),
      );
    return diff;
  },

  async create(checked) {
    // The owner ID is drawn here, not in check, so previews stay deterministic; outputs keep it.
    const inputs = withDefaults(checked as unknown as Record<string, unknown>);
    if (inputs.ownerUrn) inputs.ownerId = newOwnerId(inputs.ownerUrn);
    const service = await armSession(operationTimeoutMs(inputs, "create"));
    const target = inputs.targetResourceId;
    return explained(`Enabling flow logs on ${target}`, async () => {
      // What this process's check just read of the target, its watcher and its flow log, when it may stand.
      const checked = takeCheckReads(inputs);
      const reused = checked?.target && { ...checked, target: checked.target };
      const found = reused?.target ?? (await waitWhileUpdating(service, target));
      const watcher =
        reused?.watcher ?? (await resolveWatcher(service, inputs, found, await service.regionOf(found)));
      // Deciding and writing under one lock: a second resource on this target sees the first one's flow log.
      return service.exclusive(target, async () => {
        const first = inputs.ownerUrn && claimTarget(target, inputs.ownerUrn);
        if (first) throw new FlowLogRefusal(`${secondClaimMessage(target, first)} Nothing was changed.`);
        const existing = reused ? reused.existing : await readFlowLogOf(service, found, watcher);
        const refusal = takeOverRefusal(existing, inputs) ?? renameRefusal(existing, inputs);
        if (refusal) throw new FlowLogRefusal(refusal);
        const { id, outs } = await apply(inputs, watcher, service, { current: existing ?? null });
        return { id, outs: asRecordedOutputs(id, outs) };
      });
    });
  },

  async update(id, recordedOutputs, checked) {
    const olds = withRecordedIds(id, recordedOutputs);
    // Nothing Azure holds changed (say, only onDestroy): record the new inputs, write nothing.
    if (!writesToAzure(diffFlowLog(olds, checked)))
      return { outs: asRecordedOutputs(id, { ...olds, ...checked }) };
    // The owner is the one create drew (or an earlier release's check), recorded in outputs.
    const news = withDefaults({ ...checked, ownerId: olds.ownerId } as unknown as Record<string, unknown>);
    const service = await armSession(operationTimeoutMs(news, "update"));
    const target = news.targetResourceId;
    return explained(`Updating flow logs on ${target}`, async () => {
      // Diff's read of the flow log, when it stands, spares the target's: Azure refuses a flow-log write
      // while it still updates the target, which changes nothing (a 409 is retried with backoff).
      const reused = takeCheckReads(news);
      if (!reused) await waitWhileUpdating(service, target);
      const watcher = watcherOf(olds);
      return service.exclusive(target, async () => {
        const live =
          reused && sameResourceId(reused.watcher.id, watcher.id)
            ? reused.existing
            : await service.flowLogs.read(watcher, target, olds.flowLogResourceId);
        if (live) refuseForeignUpdate(olds, live, news);
        const known = { current: live ?? null, flowLogId: olds.flowLogResourceId };
        const { outs } = await apply(news, watcher, service, known, tagsToWrite(news, olds, live));
        return { outs: asRecordedOutputs(id, outs) };
      });
    });
  },

  async delete(id, recordedOutputs) {
    const olds = withRecordedIds(id, recordedOutputs);
    const recorded = withDefaults(olds as unknown as Record<string, unknown>);
    const service = await armSession(operationTimeoutMs(recorded, "delete"));
    // Deleted as the peers do, or disabled: NSG flow logs can no longer be created, but a disabled one can be re-enabled.
    const removing = recordedOnDestroy(olds) === "delete";
    await explained(`${removing ? "Deleting" : "Disabling"} flow logs on ${olds.targetResourceId}`, () =>
      service.exclusive(olds.targetResourceId, async () => {
        const watcher = watcherOf(olds);
        // A flow log that outlived its target can still be deleted (and logs nothing), but not reconfigured.
        const live = removing
          ? await service.flowLogs.read(watcher, olds.targetResourceId, olds.flowLogResourceId)
          : await readIfTargetExists(service, watcher, olds);
        // Ours is gone (another flow log on the target is someone else's), or another resource took
        // this one over (say, a rename with adoptExisting): nothing of ours to disable.
        if (!live || isAnotherFlowLog(olds.flowLogResourceId, live) || heldByAnother(live, olds.ownerId))
          return;
        if (removing) await removeUnlessKeptByAzure(service, watcher, live);
        else await service.flowLogs.disable(watcher, live);
        forgetCheckReads(olds.targetResourceId);
      }),
    );
  },

  async read(id, props) {
    adoptCurrentProvider(props!);
    const recorded = withRecordedIds(id, props!);
    const inputs = withDefaults(recorded as unknown as Record<string, unknown>);
    const service = await armSession(operationTimeoutMs(inputs));
    const watcher = watcherOf(recorded);
    // From the lists this process's reads share; what they do not show, by ID (never dropped on a list's word).
    const live = await explained(
      `Reading flow logs of ${recorded.targetResourceId}`,
      async () =>
        (await service.listedFlowLog(watcher, recorded.targetResourceId, recorded.flowLogResourceId)) ??
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
    const outs = toOutputs(inputs, watcher, live, recorded.flowLogResourceId);
    if (heldByAnother(live, recorded.ownerId)) outs.foreignOwnerId = live.owner;
    // Recorded in the inputs too, where the next check sees it and refuses an update before `up` would.
    const foreign = outs.foreignOwnerId ? { foreignOwnerId: outs.foreignOwnerId } : {};
    return {
      id,
      props: asRecordedOutputs(id, outs),
      inputs: { ...asRecorded(liveInputs(inputs, live)), ...foreign } as FlowLogInputs,
    };
  },
};
