// The flow-log dynamic provider's implementation, loaded at call time by the serialized shim.
// Every method returns the full output shape; errors carry a clear message and never a secret.
import type * as pulumi from "@pulumi/pulumi";
import {
  describeAzureError,
  type FlowLogService,
  type FlowLogState,
  type KnownFlowLog,
  type NetworkWatcherRef,
  type TrafficAnalytics,
} from "../azure";
import { networkWatcherId, parseResourceId, sameResourceId } from "../azure/resource-id";
import { diffFlowLog } from "./diff";
import { type FlowLogInputs, type FlowLogOutputs, withDefaults, withoutUndefined } from "./inputs";
import { checkAgainstAzure } from "./preview-checks";
import { flowLogService, useStackConfig } from "./session";
import { liveInputs, toConfig, toOutputs } from "./translate";
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

/** Runs an Azure call and turns any failure into a message a person can act on. */
async function explained<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw new Error(`${what}: ${describeAzureError(e)}`);
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
    const workspace = await service.getResource(ta.workspaceResourceId);
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
  const target = parseResourceId(inputs.targetResourceId)!;
  return `${watcher.id}/flowLogs/Microsoft.Network${target.resourceGroupName}${target.names.join("")}`;
}

function describeLive(live: FlowLogState): string {
  const retention = live.retentionPolicy.enabled
    ? `${live.retentionPolicy.days} days`
    : "no retention policy";
  return `storage ${live.storageId}, ${retention}, format version ${live.format.version}`;
}

async function apply(
  inputs: FlowLogInputs,
  watcher: NetworkWatcherRef,
  service: FlowLogService,
  known: Omit<KnownFlowLog, "owner">,
) {
  const trafficAnalytics = await resolveTrafficAnalytics(service, inputs);
  const config = toConfig(inputs, trafficAnalytics);
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
    // The tag Azure holds names the owner this resource was created with; an aliased rename keeps it.
    if (olds.ownerId) inputs.ownerId = olds.ownerId;
    const failures = validateInputs(inputs);
    if (failures.length === 0) {
      const checked = explained(`Checking ${inputs.targetResourceId} against Azure`, () =>
        checkAgainstAzure(olds as Partial<FlowLogInputs>, inputs),
      );
      failures.push(...(await checked));
    }
    return { inputs: withoutUndefined(inputs), failures };
  },

  async diff(_id, olds, news) {
    return diffFlowLog(olds, news);
  },

  async create(inputs) {
    const service = await flowLogService(inputs.timeoutMinutes);
    const what = `Enabling flow logs on ${inputs.targetResourceId}`;
    return explained(what, async () => {
      const target = await waitWhileUpdating(service, inputs.targetResourceId, inputs.timeoutMinutes);
      const watcher = await resolveWatcher(service, inputs, await service.regionOf(target));
      const existing = await service.read(watcher, inputs.targetResourceId);
      // Our own tag means an earlier create reached Azure but not the engine's state: carry on.
      const ours = existing?.owner !== undefined && existing.owner === inputs.ownerId;
      if (existing?.enabled && !ours && !inputs.adoptExisting) {
        throw new Error(
          `the target already has an enabled flow log (${describeLive(existing)}) that this stack did not create. ` +
            "Nothing was changed. To manage that flow log with this resource, set `adoptExisting: true` " +
            "(dynamic resources cannot be brought in with `pulumi import`); if you renamed this resource, add an alias instead.",
        );
      }
      return apply(inputs, watcher, service, { current: existing ?? null });
    });
  },

  async update(_id, olds, news) {
    const service = await flowLogService(news.timeoutMinutes);
    return explained(`Updating flow logs on ${news.targetResourceId}`, async () => {
      await waitWhileUpdating(service, news.targetResourceId, news.timeoutMinutes);
      const known = { flowLogId: olds.flowLogResourceId };
      return { outs: (await apply(news, watcherOf(olds), service, known)).outs };
    });
  },

  async delete(_id, olds) {
    const recorded = withDefaults(olds as unknown as Record<string, unknown>);
    const service = await flowLogService(recorded.timeoutMinutes);
    // Disabled, not removed: NSG flow logs can no longer be created, but a disabled one can be re-enabled.
    await explained(`Disabling flow logs on ${olds.targetResourceId}`, async () => {
      const watcher = watcherOf(olds);
      const live = await readIfTargetExists(service, watcher, olds);
      if (!live) return;
      // Another resource took this flow log over (say, a rename with adoptExisting): it is theirs to keep.
      if (live.owner && live.owner !== olds.ownerId) return;
      await service.disable(watcher, live);
    });
  },

  async read(id, props) {
    const recorded = props!;
    const inputs = withDefaults(recorded as unknown as Record<string, unknown>);
    const service = await flowLogService(inputs.timeoutMinutes);
    const watcher = watcherOf(recorded);
    const live = await explained(`Reading flow logs of ${recorded.targetResourceId}`, () =>
      readIfTargetExists(service, watcher, recorded),
    );
    // The target or its flow log is gone: an empty result drops the resource from state.
    if (!live || !sameResourceId(live.targetResourceId, recorded.targetResourceId)) return {};
    const outs = toOutputs(inputs, watcher, live, recorded.flowLogResourceId ?? id);
    return { id, props: outs, inputs: liveInputs(inputs, live) };
  },
};
