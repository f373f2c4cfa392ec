// The NSG flow-log handover's provider, loaded at call time by handover-shim.js. Create disables an
// NSG's flow log once every flow log covering it is enabled and Succeeded in Azure; delete (the
// migration's rollback) enables it again, only when this handover disabled it.
//
// Ownership: the NSG's flow log belongs to no resource of this stack, and the FlowLog rules never
// disable a flow log they did not make. A handover does, because the program lists the NSG in
// `nsgFlowLogs`: that is the program asking. It still refuses an enabled one that a FlowLog manages
// (owner tag), which would turn it on again at its next `up`, and claims the NSG in this program so a
// FlowLog on the same NSG is refused.
import type * as pulumi from "@pulumi/pulumi";
import { type ArmSession, describeAzureError, type FlowLogState } from "../azure";
import { parseResourceId, sameResourceId } from "../azure/resource-id";
import { claimTarget } from "./claims";
import {
  diffHandover,
  type HandoverInputs,
  type HandoverOutputs,
  handoverWithDefaults,
  validateHandover,
} from "./handover-inputs";
import { handedOver, withHandoverTag, withoutHandoverTag } from "./handover-tag";
import { isUnknown } from "./inputs";
import { isAnotherFlowLog, nameInUrn } from "./owner";
import { FlowLogRefusal, isRefusal } from "./refusal";
import { armSession, useStackConfig } from "./session";

/** Every method the engine calls; refresh leaves the inputs as they are. */
type Provider = Required<pulumi.dynamic.ResourceProvider<HandoverInputs, HandoverOutputs>>;

/** A refusal keeps its words; anything else is described as the Azure failure it is. */
async function describedAs<T>(what: string, work: () => Promise<T>): Promise<T> {
  return work().catch((e: unknown) => {
    throw new Error(`${what}: ${isRefusal(e) ? e.message : describeAzureError(e)}`);
  });
}

const minutes = (inputs: HandoverInputs) => inputs.timeoutMinutes * 60_000;

/** Why a covering flow log, as Azure has it now, logs nothing; undefined when it logs. */
function notLogging(name: string, live: { enabled?: unknown; provisioningState?: unknown } | undefined) {
  if (!live) return `${name}: not found`;
  if (!live.enabled) return `${name}: disabled`;
  if (live.provisioningState !== "Succeeded") return `${name}: provisioning state ${live.provisioningState}`;
  return undefined;
}

/**
 * Throws, naming each one, unless every covering flow log, new (`coveredBy`) or existing (the plan's
 * `coveredByExisting`, read again: the plan may be older than what Azure has now), is enabled and
 * Succeeded in Azure now.
 */
async function confirmCovered(service: ArmSession, nsg: string, inputs: HandoverInputs) {
  const states = await Promise.all([
    ...inputs.coveredBy.map(async (c) => {
      const watcher = await service.getNetworkWatcher(c.networkWatcherId);
      const live = await service.flowLogs.read(watcher, c.targetResourceId, c.flowLogResourceId);
      return notLogging(c.name, live && !isAnotherFlowLog(c.flowLogResourceId, live) ? live : undefined);
    }),
    ...inputs.coveredByExisting.map(async (id) =>
      notLogging(id, (await service.getResource(id))?.properties),
    ),
  ]);
  const missing = states.filter(Boolean);
  if (missing.length > 0)
    throw new FlowLogRefusal(
      `the flow log of ${nsg} stays enabled until every flow log it waits for is enabled and Succeeded (${missing.join("; ")}). ` +
        "Nothing was changed; run `pulumi up` again once they are.",
    );
}

/** The watcher holding the NSG's flow log: the plan's flow log ID names it, else the NSG's region's. */
async function nsgWatcher(service: ArmSession, inputs: HandoverInputs) {
  if (inputs.flowLogResourceId)
    return service.getNetworkWatcher(inputs.flowLogResourceId.replace(/\/flowLogs\/[^/]+$/i, ""));
  const nsg = await service.getResource(inputs.targetResourceId);
  if (!nsg) return undefined;
  return service.findNetworkWatcher(parseResourceId(nsg.id)!.subscriptionId, nsg.location);
}

function refuseManaged(nsg: string, live: FlowLogState): void {
  if (!live.enabled || !live.owner) return;
  throw new FlowLogRefusal(
    `the flow log of ${nsg} is managed by a FlowLog resource (owner tag ${live.owner}), which would enable it again at its next \`pulumi up\`. ` +
      "Nothing was changed. Set that FlowLog's `enabled: false` (or remove it) instead, and drop this NSG from `nsgFlowLogs`.",
  );
}

/** What an earlier handover of this NSG disabled stays its to restore. */
function restorable(recorded: HandoverOutputs | undefined): Partial<HandoverOutputs> {
  if (!recorded?.disabledByMigration) return { disabledByMigration: false };
  const { trafficAnalyticsWasEnabled } = recorded;
  return {
    disabledByMigration: true,
    ...(trafficAnalyticsWasEnabled !== undefined ? { trafficAnalyticsWasEnabled } : {}),
  };
}

/**
 * Disables the NSG's flow log once the new ones run. `recorded` is the state of an earlier handover
 * of the same NSG (an update).
 */
async function handOver(inputs: HandoverInputs, recorded?: HandoverOutputs): Promise<HandoverOutputs> {
  const nsg = inputs.targetResourceId;
  const service = await armSession(minutes(inputs));
  return describedAs(`Disabling the NSG flow log of ${nsg}`, async () => {
    await confirmCovered(service, nsg, inputs);
    const watcher = await nsgWatcher(service, inputs);
    const outputs: HandoverOutputs = {
      ...inputs,
      networkWatcherId: watcher?.id ?? "",
      nsgFlowLogEnabled: false,
      disabledByMigration: false,
      ...restorable(recorded),
    };
    // No NSG or no flow log: nothing logs there, so there is nothing to hand over.
    if (!watcher) return outputs;
    return service.exclusive(nsg, async () => {
      const live = await service.flowLogs.read(watcher, nsg, inputs.flowLogResourceId);
      if (!live) return outputs;
      outputs.nsgFlowLogResourceId = live.flowLogResourceId;
      refuseManaged(nsg, live);
      // Tagged first, so a run killed before its state records the disable still knows it made it.
      const untagged = live.enabled && !handedOver(live);
      const tagged = untagged ? await service.flowLogs.retag(watcher, live, withHandoverTag(live)) : live;
      if (live.enabled) await service.flowLogs.disable(watcher, tagged);
      const mine = handedOver(tagged);
      if (outputs.disabledByMigration || !mine) return outputs;
      return { ...outputs, disabledByMigration: true, ...mine };
    });
  });
}

/** Turns the NSG's flow log on again, as it was, if this handover turned it off and nobody took it since. */
async function handBack(recorded: HandoverOutputs): Promise<void> {
  if (!recorded.disabledByMigration || !recorded.networkWatcherId) return;
  const nsg = recorded.targetResourceId;
  const service = await armSession(minutes(handoverWithDefaults({ ...recorded })));
  await describedAs(`Enabling the NSG flow log of ${nsg} again`, () =>
    service.exclusive(nsg, async () => {
      const watcher = await service.getNetworkWatcher(recorded.networkWatcherId);
      const live = await service.flowLogs.read(watcher, nsg, recorded.nsgFlowLogResourceId);
      // Gone, on again already, replaced, or taken over by a FlowLog (its owner tag) since: not ours to change.
      if (!live || live.enabled || live.owner || isAnotherFlowLog(recorded.nsgFlowLogResourceId, live))
        return;
      const ta = live.trafficAnalytics;
      const wasOn = recorded.trafficAnalyticsWasEnabled ?? false;
      const on = {
        ...live,
        enabled: true,
        tags: withoutHandoverTag(live),
        ...(ta ? { trafficAnalytics: { ...ta, enabled: wasOn } } : {}),
      };
      await service.flowLogs.apply(watcher, on, { current: live });
    }),
  );
}

export const handoverProvider: Provider = {
  async configure(req) {
    useStackConfig((key) => req.config.get(key));
  },

  async check(olds, news) {
    const inputs = handoverWithDefaults(news as unknown as Record<string, unknown>);
    const failures = validateHandover(inputs);
    const nsg = inputs.targetResourceId;
    if (failures.length === 0 && inputs.migration && !isUnknown(nsg)) {
      const established = olds.targetResourceId !== undefined && sameResourceId(olds.targetResourceId, nsg);
      const holder = claimTarget(nsg, inputs.migration, established);
      if (holder)
        failures.push({
          property: "targetResourceId",
          reason:
            `targetResourceId: ${nsg} is also the target of "${nameInUrn(holder)}" (${holder}) in this program, ` +
            `and NsgFlowLogMigration "${nameInUrn(inputs.migration)}" disables its flow log: the two would undo each other on every \`up\`. ` +
            "Keep the NSG in one of them.",
        });
    }
    return { inputs, failures };
  },

  async diff(_id, olds, news) {
    return diffHandover(olds, news);
  },

  async create(inputs) {
    const outs = await handOver(inputs);
    return { id: `handover:${inputs.targetResourceId.toLowerCase()}`, outs };
  },

  async update(_id, olds, news) {
    return { outs: await handOver(news, olds) };
  },

  async delete(_id, olds) {
    await handBack(olds);
  },

  async read(id, props) {
    const recorded = props!;
    const inputs = handoverWithDefaults(recorded as unknown as Record<string, unknown>);
    if (!recorded.networkWatcherId) return { id, props: recorded };
    const service = await armSession(minutes(inputs));
    const nsg = recorded.targetResourceId;
    const live = await describedAs(`Reading the NSG flow log of ${nsg}`, async () => {
      const watcher = await service.getNetworkWatcher(recorded.networkWatcherId);
      return service.flowLogs.read(watcher, nsg, recorded.nsgFlowLogResourceId);
    });
    const enabled =
      live !== undefined && !isAnotherFlowLog(recorded.nsgFlowLogResourceId, live) && live.enabled;
    return { id, props: { ...recorded, nsgFlowLogEnabled: enabled } };
  },
};
