// The flow-log service: Network Watcher's configureFlowLog / queryFlowLogStatus actions for NSG targets,
// the watcher's flowLogs child resource for VNet, subnet and NIC targets (where the actions are not
// documented), over the Azure SDK's pipeline (token, retries with Retry-After, long-running operations).

import { setTimeout as delay } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import type { TokenCredential } from "@azure/core-auth";
import { type PipelinePolicy, throttlingRetryPolicy } from "@azure/core-rest-pipeline";
import { type Client, getClient } from "@azure-rest/core-client";
import { AzureRequestError, isNotFound, restError, toAzureError } from "./errors";
import { KeyedLock } from "./keyed-lock";
import { NETWORK_API_VERSION, NetworkClient } from "./network-client";
import { normalizeFlowLog, OWNER_TAG, toWire, type WireFlowLog } from "./normalize";
import { childName, parseResourceId, sameResourceId, targetKind } from "./resource-id";
import type { ArmResource, CloudEndpoints, FlowLogConfig, FlowLogState, NetworkWatcherRef } from "./types";

export interface FlowLogServiceOptions {
  cloud: CloudEndpoints;
  credential: TokenCredential;
  /**
   * Upper bound of everything this service does, counted from its construction: every call, retry, poll
   * and wait of one operation shares it. `forOperation` gives the next operation its own. Default: 10 minutes.
   */
  timeoutMs?: number;
  /** Poll interval of long-running operations when Azure sends no Retry-After. Default: 1 s. */
  pollIntervalMs?: number;
  /** Retries of transient (5xx) and dropped requests. Default: 6. Throttled ones wait as long as the timeout allows. */
  maxRetries?: number;
  /**
   * Runs before every request that is not a read (each retry included, right before it is sent) and may
   * throw or end the process to stop it: the provider host checks that its engine still runs.
   */
  beforeWrite?: () => Promise<void>;
}

/** What a caller already knows about the flow log it writes, which spares Azure a read. */
export interface KnownFlowLog {
  /** Tags the flow log as managed by this owner (see OWNER_TAG). */
  owner?: string;
  /** The flow log as `read` just returned it; null when there is none. */
  current?: FlowLogState | null;
  /** Its flowLogs resource ID, from state. */
  flowLogId?: string;
}

/** API versions for reads outside Microsoft.Network, by resource type. */
const API_VERSIONS: Record<string, string> = {
  "microsoft.storage/storageaccounts": "2023-05-01",
  "microsoft.operationalinsights/workspaces": "2023-09-01",
};

/**
 * 429s are retried after their Retry-After until the operation's timeout aborts the wait: under a
 * subscription's sustained write throttling, a fixed number of tries fails flow logs that would
 * succeed a few seconds later.
 */
const THROTTLED_RETRIES = 100_000;
const CONFLICT_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export function normalizeRegion(region: string): string {
  return region.replace(/\s+/g, "").toLowerCase();
}

/** What every operation of one session shares: clients, the watchers found, the per-target lock. */
interface SharedSession {
  networkClients: Map<string, NetworkClient>;
  arm: Client;
  /** Writes to one target never overlap (Azure answers AnotherOperationInProgress), whatever their timeout. */
  targets: KeyedLock;
  watchers: Map<string, Promise<NetworkWatcherRef>>;
  /** Resources a deployment reads for their region or existence and does not move: see `getPlacement`. */
  placements: Map<string, Promise<ArmResource | undefined>>;
}

/** The value cached under `key`, loading it once; a failed load is forgotten so the next call tries again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = load();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

export class FlowLogService {
  private readonly shared: SharedSession;
  private readonly arm: Client;
  private readonly timeoutMs: number;
  private readonly deadline: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly options: FlowLogServiceOptions,
    shared?: SharedSession,
  ) {
    this.timeoutMs = options.timeoutMs ?? 10 * 60_000;
    this.deadline = Date.now() + this.timeoutMs;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.shared = shared ?? {
      networkClients: new Map(),
      arm: this.createClient(),
      targets: new KeyedLock(),
      watchers: new Map(),
      placements: new Map(),
    };
    this.arm = this.shared.arm;
  }

  /** The same clients and lock, with a deadline of its own for one operation (create, update, ...). */
  forOperation(timeoutMs: number): FlowLogService {
    return new FlowLogService({ ...this.options, timeoutMs }, this.shared);
  }

  /** Milliseconds left of this operation's bound. */
  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** How this operation's bound reads in a message: "90 s", "20 minutes". */
  describeLimit(): string {
    const seconds = this.timeoutMs / 1000;
    return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} s`;
  }

  /**
   * Runs `work` while no other work on this target runs in this process: a read that decides whether to
   * write, and the write, happen as one step. `apply` and `disable` expect their caller to hold it.
   */
  exclusive<T>(targetResourceId: string, work: () => Promise<T>): Promise<T> {
    return this.shared.targets.run(targetResourceId.toLowerCase(), work);
  }

  async getResource(id: string): Promise<ArmResource | undefined> {
    const parsed = parseResourceId(id);
    const apiVersion = (parsed && API_VERSIONS[parsed.type]) ?? NETWORK_API_VERSION;
    return this.bounded(`Reading ${id}`, async (abortSignal) => {
      const response = await this.arm
        .pathUnchecked(id)
        .get({ queryParameters: { "api-version": apiVersion }, abortSignal });
      if (response.status === "404") return undefined;
      if (!response.status.startsWith("2")) throw restError(response, `Reading ${id}`);
      const body = response.body as ArmResource;
      return {
        id: body.id,
        name: body.name,
        type: body.type,
        location: body.location,
        properties: body.properties ?? {},
      };
    });
  }

  /**
   * A resource read once per process: storage accounts, workspaces and the networks of subnets, which many
   * flow logs of one deployment share and only consult for their existence and region. Checking 200 flow
   * logs that write to one account then costs one read of it, not 200 on the engine's serial check path.
   */
  getPlacement(id: string): Promise<ArmResource | undefined> {
    return once(this.shared.placements, id.toLowerCase(), () => this.getResource(id));
  }

  /** Every item of an ARM list (nextLink followed), `properties` flattened, within this operation's bound. */
  async list<T>(subscriptionId: string, path: string, apiVersion?: string): Promise<T[]> {
    return this.bounded(`Listing ${path}`, async (abortSignal) => {
      const items: T[] = [];
      for await (const item of this.network(subscriptionId).pages<T>(path, { abortSignal, apiVersion }))
        items.push(item);
      return items;
    });
  }

  /** A storage account's access keys (ARM listKeys), for reading its blobs as `az storage --auth-mode key` does. */
  async listStorageKeys(storageAccountId: string): Promise<string[]> {
    const operation = `Listing the keys of ${storageAccountId}`;
    return this.bounded(operation, async (abortSignal) => {
      const response = await this.arm.pathUnchecked(`${storageAccountId}/listKeys`).post({
        queryParameters: { "api-version": API_VERSIONS["microsoft.storage/storageaccounts"] },
        abortSignal,
      });
      if (!response.status.startsWith("2")) throw restError(response, operation);
      const body = response.body as { keys?: { value: string }[] };
      return (body.keys ?? []).map((k) => k.value);
    });
  }

  /** Where a resource lives; subnets have no location of their own and live in their network's region. */
  async regionOf(resource: ArmResource): Promise<string> {
    if (resource.location) return resource.location;
    const network = resource.id.replace(/\/subnets\/[^/]+$/i, "");
    return network === resource.id ? "" : ((await this.getPlacement(network))?.location ?? "");
  }

  /** The region's watcher, looked up once per process: there is one per region and it rarely moves. */
  findNetworkWatcher(subscriptionId: string, region: string): Promise<NetworkWatcherRef> {
    const key = `${subscriptionId}/${normalizeRegion(region)}`.toLowerCase();
    return once(this.shared.watchers, key, () => this.lookUpNetworkWatcher(subscriptionId, region));
  }

  private async lookUpNetworkWatcher(subscriptionId: string, region: string): Promise<NetworkWatcherRef> {
    const operation = `Finding the Network Watcher of ${region} in subscription ${subscriptionId}`;
    const found = await this.bounded(operation, async (abortSignal) => {
      for await (const watcher of this.network(subscriptionId).networkWatchers.listAll({ abortSignal })) {
        if (normalizeRegion(watcher.location ?? "") === normalizeRegion(region)) return watcher;
      }
      return undefined;
    });
    if (!found?.id) {
      throw new AzureRequestError(
        `subscription ${subscriptionId} has no Network Watcher in ${region}. Azure usually creates NetworkWatcher_${normalizeRegion(region)} in NetworkWatcherRG with the region's first virtual network; create one, or name an existing one with networkWatcher.`,
        "NetworkWatcherNotFound",
        operation,
      );
    }
    return watcherRef(found.id, found.location ?? region);
  }

  async getNetworkWatcher(id: string): Promise<NetworkWatcherRef> {
    const ref = watcherRef(id, "");
    const watcher = await this.bounded(`Reading Network Watcher ${id}`, (abortSignal) =>
      this.network(ref.subscriptionId).networkWatchers.get(ref.resourceGroupName, ref.name, { abortSignal }),
    );
    return watcherRef(watcher.id ?? id, watcher.location ?? "");
  }

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
    if (targetKind(targetResourceId) !== "networkSecurityGroup") return child && normalizeFlowLog(child);
    const status = await this.queryStatus(watcher, targetResourceId);
    if (!status) return undefined;
    return { ...status, ...pickChildFacts(child) };
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
    try {
      const off = { ...live, enabled: false, ...(ta ? { trafficAnalytics: { ...ta, enabled: false } } : {}) };
      return await this.apply(watcher, off, { current: live });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /**
   * Replaces the tags of the flow log as it is now (`live`, just read) and returns it so tagged: a
   * decision written on the flow log itself before the write it explains. Run inside `exclusive`.
   */
  async retag(watcher: NetworkWatcherRef, live: FlowLogState, tags: Record<string, string>) {
    const name = live.flowLogResourceId?.split("/").pop();
    if (!name) return live;
    const tagged = await this.writeTags(watcher, name, tags);
    return { ...live, tags: tagged.tags ?? tags };
  }

  private async configureAction(
    watcher: NetworkWatcherRef,
    config: FlowLogConfig,
    { owner, current, flowLogId }: KnownFlowLog,
  ): Promise<FlowLogState> {
    const knownId = flowLogId ?? current?.flowLogResourceId;
    // The owner tag goes on before logging is switched on: a run killed between the two calls leaves a
    // flow log the re-run recognises as its own, never an enabled one nobody claims.
    const before =
      current !== undefined
        ? current
        : await this.findChild(watcher, config.targetResourceId, knownId).then(normalized);
    const beforeName = before?.flowLogResourceId?.split("/").pop();
    if (beforeName && owner && before?.owner !== owner)
      await this.writeTags(watcher, beforeName, { ...before?.tags, [OWNER_TAG]: owner });
    await this.bounded(`Configuring flow logs of ${config.targetResourceId}`, (abortSignal) =>
      this.withConflictRetry(abortSignal, () =>
        this.network(watcher.subscriptionId).networkWatchers.setFlowLogConfiguration(
          watcher.resourceGroupName,
          watcher.name,
          toWire(config, before?.userAssignedIdentityId) as never,
          { abortSignal, updateIntervalInMs: this.pollIntervalMs },
        ),
      ),
    );
    // The operation's own result can be partial (real traffic shows it); the status query is complete.
    const status = await this.queryStatus(watcher, config.targetResourceId);
    if (!status) {
      throw new AzureRequestError(
        "Azure reported no flow log right after configuring it",
        "FlowLogMissing",
        `Configuring flow logs of ${config.targetResourceId}`,
      );
    }
    let child = await this.findChild(watcher, config.targetResourceId, knownId);
    // The legacy action cannot set tags: they go on the flowLogs resource (just made, for an NSG that had none).
    const tags = tagsFor(config, child?.tags, owner);
    if (child?.name && !isDeepStrictEqual(child.tags ?? {}, tags))
      child = await this.writeTags(watcher, child.name, tags);
    return { ...status, ...pickChildFacts(child) };
  }

  private async writeTags(watcher: NetworkWatcherRef, name: string, tags: Record<string, string>) {
    const tagged = await this.bounded(`Tagging flow log ${name}`, (abortSignal) =>
      this.network(watcher.subscriptionId).flowLogs.updateTags(
        watcher.resourceGroupName,
        watcher.name,
        name,
        { tags },
        { abortSignal },
      ),
    );
    return tagged as WireFlowLog & { name?: string };
  }

  /**
   * Deletes the flow log as it is now (`live`, just read): the flowLogs resource goes, and with it the
   * target's logging. Gone counts as done. Run inside `exclusive`.
   */
  async remove(watcher: NetworkWatcherRef, live: FlowLogState): Promise<void> {
    const name = live.flowLogResourceId?.split("/").pop();
    if (!name) return;
    await this.bounded(`Deleting flow log ${name}`, (abortSignal) =>
      this.withConflictRetry(abortSignal, () =>
        this.network(watcher.subscriptionId).flowLogs.beginDeleteAndWait(
          watcher.resourceGroupName,
          watcher.name,
          name,
          { abortSignal, updateIntervalInMs: this.pollIntervalMs },
        ),
      ),
    ).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
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
      existing?.flowLogResourceId?.split("/").pop() ??
      config.flowLogName ??
      childName(config.targetResourceId);
    const location =
      watcher.location || existing?.location || (await this.getNetworkWatcher(watcher.id)).location;
    const located = { ...watcher, location };
    const saved = await this.bounded(
      `Configuring flow log ${name} of ${config.targetResourceId}`,
      (abortSignal) =>
        this.withConflictRetry(abortSignal, () =>
          this.network(located.subscriptionId).flowLogs.createOrUpdate(
            located.resourceGroupName,
            located.name,
            name,
            {
              location: located.location,
              tags: tagsFor(config, existing?.tags, owner),
              ...toWire(config, existing?.userAssignedIdentityId),
            } as never,
            {
              abortSignal,
              updateIntervalInMs: this.pollIntervalMs,
              resultFromAnswer: !config.userAssignedIdentityId,
            },
          ),
        ),
    ).catch(async (e: AzureRequestError) => {
      if (!existing && owner) throw await this.removeFailedCreate(located, name, owner, e);
      throw e;
    });
    return normalizeFlowLog(saved as WireFlowLog);
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
    const flowLogs = this.network(watcher.subscriptionId).flowLogs;
    const operation = `Removing the failed flow log ${name}`;
    try {
      const left = await this.bounded(operation, (abortSignal) =>
        flowLogs.get(watcher.resourceGroupName, watcher.name, name, { abortSignal }).catch((e) => {
          if (isNotFound(e)) return undefined;
          throw e;
        }),
      );
      if (left?.provisioningState !== "Failed" || left.tags?.[OWNER_TAG] !== owner) return failure;
      await this.bounded(operation, (abortSignal) =>
        flowLogs.beginDeleteAndWait(watcher.resourceGroupName, watcher.name, name, {
          abortSignal,
          updateIntervalInMs: this.pollIntervalMs,
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
    try {
      const info = await this.bounded(`Querying the flow-log status of ${targetResourceId}`, (abortSignal) =>
        this.network(watcher.subscriptionId).networkWatchers.getFlowLogStatus(
          watcher.resourceGroupName,
          watcher.name,
          { targetResourceId },
          { abortSignal, updateIntervalInMs: this.pollIntervalMs },
        ),
      );
      const state = normalizeFlowLog(info as WireFlowLog);
      return state.storageId ? state : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /**
   * The target's flowLogs resource. By its ID when known: one small answer, where the watcher's list
   * grows with every flow log in the region. The list is the fallback, for a flow log made elsewhere.
   */
  private async findChild(
    watcher: NetworkWatcherRef,
    targetResourceId: string,
    flowLogId?: string,
  ): Promise<(WireFlowLog & { name?: string }) | undefined> {
    const network = this.network(watcher.subscriptionId);
    if (flowLogId) {
      const name = flowLogId.split("/").pop() ?? "";
      const known = await this.bounded(`Reading flow log ${flowLogId}`, (abortSignal) =>
        network.flowLogs.get(watcher.resourceGroupName, watcher.name, name, { abortSignal }).catch((e) => {
          if (isNotFound(e)) return undefined;
          throw e;
        }),
      );
      if (known && sameResourceId(known.targetResourceId, targetResourceId))
        return known as WireFlowLog & { name?: string };
    }
    return this.bounded(`Listing the flow logs of ${watcher.id}`, async (abortSignal) => {
      const children = network.flowLogs.list(watcher.resourceGroupName, watcher.name, { abortSignal });
      for await (const child of children) {
        if (sameResourceId(child.targetResourceId, targetResourceId))
          return child as WireFlowLog & { name?: string };
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

  /** Runs one call within what is left of the operation's bound, turning any failure into an AzureRequestError. */
  private async bounded<T>(operation: string, op: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
    const signal = AbortSignal.timeout(Math.max(1, this.remainingMs()));
    try {
      return await op(signal);
    } catch (e) {
      if (signal.aborted)
        throw new AzureRequestError(
          `${operation} did not finish within the operation's limit of ${this.describeLimit()}`,
          "OperationTimedOut",
          operation,
        );
      throw toAzureError(e, operation);
    }
  }

  private network(subscriptionId: string): NetworkClient {
    const clients = this.shared.networkClients;
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new NetworkClient(this.arm, subscriptionId);
      clients.set(subscriptionId, client);
    }
    return client;
  }

  private createClient(): Client {
    const { cloud, credential, maxRetries = 6, beforeWrite } = this.options;
    const client = getClient(cloud.resourceManager, credential, {
      endpoint: cloud.resourceManager,
      credentials: { scopes: [`${cloud.audience}/.default`] },
      retryOptions: { maxRetries },
      additionalPolicies: [
        { policy: throttlingRetryPolicy({ maxRetries: THROTTLED_RETRIES }), position: "perRetry" as const },
      ],
    });
    // Last before the transport, after every retry wait and the token: nothing is sent unchecked.
    if (beforeWrite) client.pipeline.addPolicy(writeGuardPolicy(beforeWrite), { afterPhase: "Sign" });
    return client;
  }
}

function writeGuardPolicy(beforeWrite: () => Promise<void>): PipelinePolicy {
  return {
    name: "writeGuard",
    async sendRequest(request, next) {
      if (request.method !== "GET" && request.method !== "HEAD") await beforeWrite();
      return next(request);
    },
  };
}

function watcherRef(id: string, location: string): NetworkWatcherRef {
  const parsed = parseResourceId(id);
  if (parsed?.type !== "microsoft.network/networkwatchers") {
    throw new AzureRequestError(
      `${id} is not a Network Watcher ID`,
      "InvalidNetworkWatcherId",
      "Resolving the Network Watcher",
    );
  }
  return {
    id,
    name: parsed.names[0],
    resourceGroupName: parsed.resourceGroupName,
    subscriptionId: parsed.subscriptionId,
    location,
  };
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

/** What only the flowLogs child knows: its ID, provisioning state, the target's GUID and its tags. */
function pickChildFacts(child: WireFlowLog | undefined): Partial<FlowLogState> {
  if (!child) return {};
  const { flowLogResourceId, provisioningState, targetResourceGuid, owner, tags } = normalizeFlowLog(child);
  return {
    flowLogResourceId,
    provisioningState,
    targetResourceGuid,
    ...(owner ? { owner } : {}),
    ...(tags ? { tags } : {}),
  };
}
