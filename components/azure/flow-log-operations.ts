// What a session does to flow logs: Network Watcher's configureFlowLog / queryFlowLogStatus actions for
// NSG targets, the watcher's flowLogs child resource for VNet, subnet and NIC targets (where the actions
// are not documented). Every call runs within its session's deadline (see `bounded`).

import { setTimeout as delay } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import { AzureRequestError, toAzureError, undefinedIfNotFound } from "./errors";
import type { NetworkClient, WireChild } from "./network-client";
import { normalizeFlowLog, OWNER_TAG, toWire, type WireFlowLog } from "./normalize";
import { defaultFlowLogName, resourceName, sameResourceId, targetKind } from "./resource-id";
import type { FlowLogConfig, FlowLogState, NetworkWatcherRef } from "./types";

/** What a caller already knows about the flow log it writes, which spares Azure a read. */
export interface KnownFlowLog {
  /** Tags the flow log as managed by this owner (see OWNER_TAG). */
  owner?: string;
  /** The flow log as `read` just returned it; null when there is none. */
  current?: FlowLogState | null;
  /** Its flowLogs resource ID, from state. */
  flowLogId?: string;
}

/** What the operations use of their ArmSession: its deadline, its Network Watcher clients, a watcher read. */
export interface SessionCalls {
  readonly pollIntervalMs: number;
  bounded<T>(operation: string, op: (signal: AbortSignal) => PromiseLike<T>): Promise<T>;
  network(subscriptionId: string): NetworkClient;
  getNetworkWatcher(id: string): Promise<NetworkWatcherRef>;
}

const CONFLICT_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export class FlowLogOperations {
  constructor(private readonly session: SessionCalls) {}

  /**
   * The flow log Azure has for the target, or undefined when there is none (for an NSG, also when the NSG
   * is gone). `flowLogId`, when known, is read directly instead of searching the watcher's list.
   */
  async read(
    watcher: NetworkWatcherRef,
    targetResourceId: string,
    flowLogId?: string,
  ): Promise<FlowLogState | undefined> {
    const child = await this.findChild(watcher, targetResourceId, flowLogId);
    // An NSG's flowLogs child is the object queryFlowLogStatus reads, with the same settings (azure-cli's
    // recording test_nw_flow_log_show.yaml queries the status of a flow log made as a child; the spec
    // gives FlowLog and FlowLogInformation the same properties): the status is asked only without a child.
    if (targetKind(targetResourceId) !== "networkSecurityGroup" || child)
      return child && normalizeFlowLog(child);
    return this.queryStatus(watcher, targetResourceId);
  }

  /** Configures the flow log; with `owner`, also tags it as managed by that owner. Run inside `exclusive`. */
  async apply(
    watcher: NetworkWatcherRef,
    config: FlowLogConfig,
    known: KnownFlowLog = {},
  ): Promise<FlowLogState> {
    return targetKind(config.targetResourceId) === "networkSecurityGroup"
      ? this.configureAction(watcher, config, known)
      : this.putChild(watcher, config, known);
  }

  /**
   * Turns logging off as it is now (`live`, just read), keeping the storage account Azure requires. Gone
   * counts as done. Run inside `exclusive`.
   */
  async disable(watcher: NetworkWatcherRef, live: FlowLogState): Promise<FlowLogState | undefined> {
    const ta = live.trafficAnalytics;
    const off = { ...live, enabled: false, ...(ta ? { trafficAnalytics: { ...ta, enabled: false } } : {}) };
    return undefinedIfNotFound(this.apply(watcher, off, { current: live }));
  }

  /**
   * Replaces the tags of the flow log as it is now (`live`, just read) and returns it so tagged: a
   * decision written on the flow log itself before the write it explains. Run inside `exclusive`.
   */
  async retag(watcher: NetworkWatcherRef, live: FlowLogState, tags: Record<string, string>) {
    const name = resourceName(live.flowLogResourceId);
    if (!name) return live;
    const tagged = await this.updateTags(watcher, name, tags);
    return { ...live, tags: tagged.tags ?? tags };
  }

  /**
   * Deletes the flow log as it is now (`live`, just read): the flowLogs resource goes, and with it the
   * target's logging. Gone counts as done. Run inside `exclusive`.
   */
  async remove(watcher: NetworkWatcherRef, live: FlowLogState): Promise<void> {
    const name = resourceName(live.flowLogResourceId);
    if (!name) return;
    await undefinedIfNotFound(
      this.session.bounded(`Deleting flow log ${name}`, (abortSignal) =>
        this.withConflictRetry(abortSignal, () =>
          this.session
            .network(watcher.subscriptionId)
            .flowLogs.delete(watcher.resourceGroupName, watcher.name, name, {
              abortSignal,
              updateIntervalInMs: this.session.pollIntervalMs,
            }),
        ),
      ),
    );
  }

  private async configureAction(
    watcher: NetworkWatcherRef,
    config: FlowLogConfig,
    { owner, current, flowLogId }: KnownFlowLog,
  ): Promise<FlowLogState> {
    const knownId = flowLogId ?? current?.flowLogResourceId;
    let before =
      current !== undefined
        ? current
        : await this.findChild(watcher, config.targetResourceId, knownId).then(normalized);
    // The legacy action cannot set tags: they go on the flowLogs resource first, the owner tag with them,
    // so a run killed between the two calls leaves a flow log the re-run recognises as its own, never an
    // enabled one nobody claims.
    const beforeName = resourceName(before?.flowLogResourceId);
    if (before && beforeName && !isDeepStrictEqual(before.tags ?? {}, tagsFor(config, before.tags, owner)))
      before = normalizeFlowLog(
        await this.updateTags(watcher, beforeName, tagsFor(config, before.tags, owner)),
      );
    const sent = toWire(config, before?.userAssignedIdentityId);
    const answer = await this.session.bounded(
      `Configuring flow logs of ${config.targetResourceId}`,
      (abortSignal) =>
        this.withConflictRetry(abortSignal, () =>
          this.session
            .network(watcher.subscriptionId)
            .networkWatchers.configureFlowLog(watcher.resourceGroupName, watcher.name, sent, {
              abortSignal,
              updateIntervalInMs: this.session.pollIntervalMs,
            }),
        ),
    );
    const applied = before?.flowLogResourceId ? appliedSettings(answer, sent, before) : undefined;
    if (before && applied) return { ...normalizeFlowLog(applied), ...childFacts(before) };
    let after = await this.read(watcher, config.targetResourceId, knownId ?? before?.flowLogResourceId);
    if (!after) {
      throw new AzureRequestError(
        "Azure reported no flow log right after configuring it",
        "FlowLogMissing",
        `Configuring flow logs of ${config.targetResourceId}`,
      );
    }
    // A flowLogs resource the action just made (an NSG that had none) gets its tags now.
    const name = resourceName(after.flowLogResourceId);
    const tags = tagsFor(config, after.tags, owner);
    if (name && !isDeepStrictEqual(after.tags ?? {}, tags))
      after = { ...after, ...childFacts(normalizeFlowLog(await this.updateTags(watcher, name, tags))) };
    return after;
  }

  private updateTags(watcher: NetworkWatcherRef, name: string, tags: Record<string, string>) {
    return this.session.bounded(`Tagging flow log ${name}`, (abortSignal) =>
      this.session
        .network(watcher.subscriptionId)
        .flowLogs.updateTags(watcher.resourceGroupName, watcher.name, name, { tags }, { abortSignal }),
    );
  }

  private async putChild(
    watcher: NetworkWatcherRef,
    config: FlowLogConfig,
    { owner, current, flowLogId }: KnownFlowLog,
  ): Promise<FlowLogState> {
    const existing =
      current !== undefined
        ? current
        : await this.findChild(watcher, config.targetResourceId, flowLogId).then(normalized);
    const name =
      resourceName(existing?.flowLogResourceId) ??
      config.flowLogName ??
      defaultFlowLogName(config.targetResourceId);
    const location =
      watcher.location || existing?.location || (await this.session.getNetworkWatcher(watcher.id)).location;
    const located = { ...watcher, location };
    const saved = await this.session
      .bounded(`Configuring flow log ${name} of ${config.targetResourceId}`, (abortSignal) =>
        this.withConflictRetry(abortSignal, () =>
          this.session.network(located.subscriptionId).flowLogs.createOrUpdate(
            located.resourceGroupName,
            located.name,
            name,
            {
              location: located.location,
              tags: tagsFor(config, existing?.tags, owner),
              ...toWire(config, existing?.userAssignedIdentityId),
            },
            {
              abortSignal,
              updateIntervalInMs: this.session.pollIntervalMs,
              resultFromAnswer: !config.userAssignedIdentityId,
            },
          ),
        ),
      )
      .catch(async (e: AzureRequestError) => {
        if (!existing && owner) throw await this.removeFailedCreate(located, name, owner, e);
        throw e;
      });
    return normalizeFlowLog(saved);
  }

  /**
   * Azure keeps a flowLogs resource whose first PUT failed, in provisioning state Failed. One that this
   * call made (no flow log before it, our owner tag on it) is removed, so a failed create leaves Azure
   * as it was; when that is not possible the error says what is left. Returns the error to throw.
   */
  private async removeFailedCreate(
    watcher: NetworkWatcherRef,
    name: string,
    owner: string,
    failure: AzureRequestError,
  ): Promise<AzureRequestError> {
    if (failure.code === "OperationTimedOut") return failure;
    const flowLogs = this.session.network(watcher.subscriptionId).flowLogs;
    const operation = `Removing the failed flow log ${name}`;
    try {
      const left = await this.session.bounded(operation, (abortSignal) =>
        undefinedIfNotFound(flowLogs.get(watcher.resourceGroupName, watcher.name, name, { abortSignal })),
      );
      if (left?.provisioningState !== "Failed" || left.tags?.[OWNER_TAG] !== owner) return failure;
      await this.session.bounded(operation, (abortSignal) =>
        flowLogs.delete(watcher.resourceGroupName, watcher.name, name, {
          abortSignal,
          updateIntervalInMs: this.session.pollIntervalMs,
        }),
      );
      return failure;
    } catch (e) {
      const left = toAzureError(e, operation);
      return new AzureRequestError(
        `${failure.message} Azure kept the new flow log ${name} in provisioning state Failed and removing it failed too (${left.code}: ${left.message}); delete it, or set \`adoptExisting: true\`, before the next \`pulumi up\` if it is enabled.`,
        failure.code,
        failure.operation,
        failure.statusCode,
        failure.requestId,
      );
    }
  }

  private async queryStatus(
    watcher: NetworkWatcherRef,
    targetResourceId: string,
  ): Promise<FlowLogState | undefined> {
    const info = await undefinedIfNotFound(
      this.session.bounded(`Querying the flow-log status of ${targetResourceId}`, (abortSignal) =>
        this.session
          .network(watcher.subscriptionId)
          .networkWatchers.queryFlowLogStatus(
            watcher.resourceGroupName,
            watcher.name,
            { targetResourceId },
            { abortSignal, updateIntervalInMs: this.session.pollIntervalMs },
          ),
      ),
    );
    if (!info) return undefined;
    const state = normalizeFlowLog(info);
    return state.storageId ? state : undefined;
  }

  /**
   * The target's flowLogs resource. By its ID when known: one small answer, where the watcher's list
   * grows with every flow log in the region. The list is the fallback, for a flow log made elsewhere.
   */
  private async findChild(
    watcher: NetworkWatcherRef,
    targetResourceId: string,
    flowLogId?: string,
  ): Promise<WireChild | undefined> {
    const network = this.session.network(watcher.subscriptionId);
    if (flowLogId) {
      const name = resourceName(flowLogId);
      const known = await this.session.bounded(`Reading flow log ${flowLogId}`, (abortSignal) =>
        undefinedIfNotFound(
          network.flowLogs.get(watcher.resourceGroupName, watcher.name, name, { abortSignal }),
        ),
      );
      if (known && sameResourceId(known.targetResourceId, targetResourceId)) return known;
    }
    return this.session.bounded(`Listing the flow logs of ${watcher.id}`, async (abortSignal) => {
      const children = network.flowLogs.list(watcher.resourceGroupName, watcher.name, { abortSignal });
      for await (const child of children) {
        if (sameResourceId(child.targetResourceId, targetResourceId)) return child;
      }
      return undefined;
    });
  }

  /** Retries Azure's 409 AnotherOperationInProgress (someone else's change to the target) with backoff. */
  private async withConflictRetry<T>(signal: AbortSignal, op: () => PromiseLike<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== "AnotherOperationInProgress" || attempt >= CONFLICT_BACKOFF_MS.length) throw e;
        await delay(CONFLICT_BACKOFF_MS[attempt], undefined, { signal });
      }
    }
  }
}

/**
 * The tags to write: the ones asked for (or, when none are, the ones the flow log has), and the owner
 * tag on top, which no other tag may remove or replace (Azure compares tag names case-insensitively).
 */
function tagsFor(
  config: FlowLogConfig,
  current: Record<string, string> | undefined,
  owner: string | undefined,
): Record<string, string> {
  const ownerTag = owner ?? current?.[OWNER_TAG];
  const others = Object.entries(config.tags ?? current ?? {}).filter(
    ([key]) => key.toLowerCase() !== OWNER_TAG.toLowerCase(),
  );
  return { ...Object.fromEntries(others), ...(ownerTag ? { [OWNER_TAG]: ownerTag } : {}) };
}

function normalized(child: WireFlowLog | undefined): FlowLogState | null {
  return child ? normalizeFlowLog(child) : null;
}

/**
 * The settings as configureFlowLog applied them, from its own answer, or undefined when only a read can
 * tell. Azure answers 200 with the full FlowLogInformation (azure-cli's recordings, API 2019-11-01), or
 * 202 whose Location poll ends in the full one (azure-cli's test_network_watcher_flow_log.yaml, 2020-06,
 * API 2020-05-01) or in a partial one without storageId and traffic analytics although both were set
 * (Azure PowerShell's TestFlowLog.json, 2020-04, API 2020-03-01). Azure then holds those two as they
 * were sent: PowerShell's status query right after the partial answer, and azure-cli's full answers,
 * show them so. A partial answer is completed with them, unless the request or the flow log carries what
 * no recorded partial answer shows (identity, filter, record types).
 */
function appliedSettings(
  answer: WireFlowLog | undefined,
  sent: ReturnType<typeof toWire>,
  before: FlowLogState,
): WireFlowLog | undefined {
  if (!answer) return undefined;
  if (answer.storageId)
    return !sent.flowAnalyticsConfiguration || answer.flowAnalyticsConfiguration ? answer : undefined;
  const unrecorded: unknown[] = [
    ...[sent.identity, sent.enabledFilteringCriteria, sent.recordTypes],
    ...[before.userAssignedIdentityId, before.enabledFilteringCriteria, before.recordTypes],
  ];
  if (unrecorded.some(Boolean)) return undefined;
  const { storageId, flowAnalyticsConfiguration } = sent;
  return { ...answer, storageId, ...(flowAnalyticsConfiguration ? { flowAnalyticsConfiguration } : {}) };
}

/** What only the flowLogs child knows: its ID, provisioning state, the target's GUID and its tags. */
function childFacts(child: FlowLogState): Partial<FlowLogState> {
  const { flowLogResourceId, provisioningState, targetResourceGuid, owner, tags } = child;
  return {
    flowLogResourceId,
    provisioningState,
    targetResourceGuid,
    ...(owner ? { owner } : {}),
    ...(tags ? { tags } : {}),
  };
}
