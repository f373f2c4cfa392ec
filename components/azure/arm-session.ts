// One ARM session: the pipeline (token, retries with Retry-After), the reads and lists every caller
// shares, storage keys, the per-process caches, the per-target lock, and each operation's deadline.
// What a session does to flow logs is in flow-log-operations.ts, reached as `session.flowLogs`.

import type { TokenCredential } from "@azure/core-auth";
import { type PipelinePolicy, throttlingRetryPolicy } from "@azure/core-rest-pipeline";
import { type Client, getClient } from "@azure-rest/core-client";
import { AzureRequestError, restError, toAzureError } from "./errors";
import { FlowLogOperations } from "./flow-log-operations";
import { KeyedLock } from "./keyed-lock";
import { NETWORK_API_VERSION, NetworkClient } from "./network-client";
import { parseResourceId } from "./resource-id";
import { SharedLists } from "./shared-lists";
import type { ArmResource, CloudEndpoints, FlowLogState, NetworkWatcherRef } from "./types";

export interface ArmSessionOptions {
  cloud: CloudEndpoints;
  credential: TokenCredential;
  /**
   * Upper bound of everything this session does, counted from its construction: every call, retry, poll
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

export function normalizeRegion(region: string): string {
  return region.replace(/\s+/g, "").toLowerCase();
}

/** What every operation of one session shares: clients, the watchers found, the per-target lock. */
interface SharedState {
  networkClients: Map<string, NetworkClient>;
  arm: Client;
  /** Writes to one target never overlap (Azure answers AnotherOperationInProgress), whatever their timeout. */
  targets: KeyedLock;
  watchers: Map<string, Promise<NetworkWatcherRef>>;
  /** Resources a deployment reads for their region or existence and does not move: see `getPlacement`. */
  placements: Map<string, Promise<ArmResource | undefined>>;
  /** Refresh's lists of flow logs and targets, dropped on every write this process sends. */
  lists: SharedLists;
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

export class ArmSession {
  /** Reading, configuring, disabling and deleting flow logs within this session's deadline. */
  readonly flowLogs: FlowLogOperations;
  readonly pollIntervalMs: number;
  private readonly shared: SharedState;
  private readonly arm: Client;
  private readonly timeoutMs: number;
  private readonly deadline: number;

  constructor(
    private readonly options: ArmSessionOptions,
    shared?: SharedState,
  ) {
    this.timeoutMs = options.timeoutMs ?? 10 * 60_000;
    this.deadline = Date.now() + this.timeoutMs;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    const lists = shared?.lists ?? new SharedLists();
    this.shared = shared ?? {
      networkClients: new Map(),
      arm: this.createClient(lists),
      targets: new KeyedLock(),
      watchers: new Map(),
      placements: new Map(),
      lists,
    };
    this.arm = this.shared.arm;
    this.flowLogs = new FlowLogOperations(this);
  }

  /** The same clients and lock, with a deadline of its own for one operation (create, update, ...). */
  forOperation(timeoutMs: number): ArmSession {
    return new ArmSession({ ...this.options, timeoutMs }, this.shared);
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
   * write, and the write, happen as one step. `flowLogs.apply` and `disable` expect their caller to hold it.
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

  /**
   * Refresh's read of a flow log and its target, from the lists every read of this process shares (see
   * shared-lists.ts); undefined when the lists do not show both, and the caller reads them by ID.
   */
  listedFlowLog(
    watcher: NetworkWatcherRef,
    targetResourceId: string,
    flowLogId: string | undefined,
  ): Promise<FlowLogState | undefined> {
    const load = (subscriptionId: string, path: string) => this.list<{ id?: string }>(subscriptionId, path);
    return this.shared.lists.flowLog(load, watcher, targetResourceId, flowLogId);
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

  /** Runs one call within what is left of the operation's bound, turning any failure into an AzureRequestError. */
  async bounded<T>(operation: string, op: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
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

  /** The Network Watcher client of one subscription, made once per session. */
  network(subscriptionId: string): NetworkClient {
    const clients = this.shared.networkClients;
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new NetworkClient(this.arm, subscriptionId);
      clients.set(subscriptionId, client);
    }
    return client;
  }

  private createClient(lists: SharedLists): Client {
    const { cloud, credential, maxRetries = 6, beforeWrite } = this.options;
    const client = getClient(cloud.resourceManager, credential, {
      endpoint: cloud.resourceManager,
      credentials: { scopes: [`${cloud.audience}/.default`] },
      retryOptions: { maxRetries },
      additionalPolicies: [
        { policy: throttlingRetryPolicy({ maxRetries: THROTTLED_RETRIES }), position: "perRetry" as const },
      ],
    });
    client.pipeline.addPolicy(forgetListsOnWrite(lists), { afterPhase: "Sign" });
    // Last before the transport, after every retry wait and the token: nothing is sent unchecked.
    if (beforeWrite) client.pipeline.addPolicy(writeGuardPolicy(beforeWrite), { afterPhase: "Sign" });
    return client;
  }
}

/** POSTs that change nothing: Network Watcher's status query and a storage account's keys. */
const READ_ACTIONS = /\/(queryFlowLogStatus|listKeys)(\?|$)/i;

function isWrite(method: string, url: string): boolean {
  if (method === "GET" || method === "HEAD") return false;
  return !(method === "POST" && READ_ACTIONS.test(new URL(url).pathname));
}

/** Drops the shared lists when a write is sent and again when it is answered, each try included. */
function forgetListsOnWrite(lists: SharedLists): PipelinePolicy {
  return {
    name: "forgetListsOnWrite",
    async sendRequest(request, next) {
      if (!isWrite(request.method, request.url)) return next(request);
      lists.forget();
      try {
        return await next(request);
      } finally {
        lists.forget();
      }
    },
  };
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
