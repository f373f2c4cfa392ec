// Network Watcher's REST operations that the ARM session uses, over the Azure core pipeline: the
// same token, retry and long-running-operation machinery (@azure-rest/core-client, @azure/core-lro) that
// @azure/arm-network is built on, without loading that SDK's models of the whole Network provider, which
// cost the provider host more memory than the rest of the package together.
import { setTimeout as delay } from "node:timers/promises";
import {
  createHttpPoller,
  type OperationResponse,
  type OperationState,
  type ResourceLocationConfig,
} from "@azure/core-lro";
import { type Client, createRestError, type PathUncheckedResponse } from "@azure-rest/core-client";
import type { WireFlowLog } from "./normalize";

export const NETWORK_API_VERSION = "2025-05-01";

/** @azure/core-lro's poll interval when neither Azure nor the caller gives one. */
const DEFAULT_POLL_INTERVAL_MS = 2_000;

export interface CallOptions {
  abortSignal?: AbortSignal;
  /** Poll interval of a long-running operation when Azure sends no Retry-After. */
  updateIntervalInMs?: number;
}

export interface PutOptions extends CallOptions {
  /**
   * The PUT's own answer is the result once its operation succeeds (provisioning state aside), so the
   * final GET is skipped. Not when Azure fills parts only at the end (a user-assigned identity's IDs).
   */
  resultFromAnswer?: boolean;
}

export interface WireWatcher {
  id?: string;
  location?: string;
}

/** A flowLogs resource as the service uses it: `properties` flattened into the resource, as the SDKs do. */
export type WireChild = WireFlowLog & { name?: string };

/** Keys that stay on the envelope when flattened fields go back under `properties`. */
const FLOW_LOG_ENVELOPE = ["id", "name", "type", "location", "tags", "etag", "identity"];
const FLOW_LOG_INFORMATION_ENVELOPE = ["targetResourceId", "flowAnalyticsConfiguration", "identity"];

function flatten<T>(body: unknown): T {
  const { properties, ...envelope } = (body ?? {}) as { properties?: object };
  return { ...envelope, ...properties } as T;
}

function nest(flat: object, envelopeKeys: string[]): object {
  const envelope: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat))
    (envelopeKeys.includes(key) ? envelope : properties)[key] = value;
  return { ...envelope, properties };
}

/** Poll and final URLs come from Azure's headers, usually with their own api-version; the rest get ours. */
function withApiVersion(url: string): string {
  return new URL(url, "https://management.azure.com").searchParams.has("api-version")
    ? url
    : `${url}${url.includes("?") ? "&" : "?"}api-version=${NETWORK_API_VERSION}`;
}

function expect(response: PathUncheckedResponse, statuses: string[]): PathUncheckedResponse {
  if (!statuses.includes(response.status)) throw createRestError(response);
  return response;
}

/** One subscription's Network Watchers and their flowLogs children. */
export class NetworkClient {
  constructor(
    private readonly arm: Client,
    private readonly subscriptionId: string,
  ) {}

  readonly networkWatchers = {
    listAll: (options: CallOptions = {}): AsyncIterable<WireWatcher> =>
      this.pages(
        `/subscriptions/${this.subscriptionId}/providers/Microsoft.Network/networkWatchers`,
        options,
      ),
    get: async (resourceGroupName: string, name: string, options: CallOptions = {}): Promise<WireWatcher> =>
      flatten(await this.get(this.watcherPath(resourceGroupName, name), options)),
    /** The legacy action, for NSG targets. */
    configureFlowLog: (
      resourceGroupName: string,
      name: string,
      information: object,
      options: CallOptions = {},
    ) =>
      this.operation<WireFlowLog>(
        "post",
        `${this.watcherPath(resourceGroupName, name)}/configureFlowLog`,
        nest(information, FLOW_LOG_INFORMATION_ENVELOPE),
        ["200", "202"],
        "location",
        options,
      ),
    queryFlowLogStatus: (
      resourceGroupName: string,
      name: string,
      parameters: { targetResourceId: string },
      options: CallOptions = {},
    ) =>
      this.operation<WireFlowLog>(
        "post",
        `${this.watcherPath(resourceGroupName, name)}/queryFlowLogStatus`,
        parameters,
        ["200", "202"],
        "location",
        options,
      ),
  };

  readonly flowLogs = {
    get: async (resourceGroupName: string, watcher: string, name: string, options: CallOptions = {}) =>
      flatten<WireChild>(await this.get(this.flowLogPath(resourceGroupName, watcher, name), options)),
    list: (resourceGroupName: string, watcher: string, options: CallOptions = {}): AsyncIterable<WireChild> =>
      this.pages(`${this.watcherPath(resourceGroupName, watcher)}/flowLogs`, options),
    createOrUpdate: (
      resourceGroupName: string,
      watcher: string,
      name: string,
      flowLog: object,
      options: PutOptions = {},
    ) =>
      this.operation<WireChild>(
        "put",
        this.flowLogPath(resourceGroupName, watcher, name),
        nest(flowLog, FLOW_LOG_ENVELOPE),
        ["200", "201"],
        "azure-async-operation",
        options,
      ),
    delete: (resourceGroupName: string, watcher: string, name: string, options: CallOptions = {}) =>
      this.operation<unknown>(
        "delete",
        this.flowLogPath(resourceGroupName, watcher, name),
        undefined,
        ["200", "202", "204"],
        "location",
        options,
      ),
    updateTags: async (
      resourceGroupName: string,
      watcher: string,
      name: string,
      tags: { tags: Record<string, string> },
      { abortSignal }: CallOptions = {},
    ): Promise<WireChild> => {
      const response = await this.arm
        .pathUnchecked(this.flowLogPath(resourceGroupName, watcher, name))
        .patch({ queryParameters: { "api-version": NETWORK_API_VERSION }, body: tags, abortSignal });
      return flatten(expect(response, ["200"]).body);
    },
  };

  private watcherPath(resourceGroupName: string, name: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${encodeURIComponent(resourceGroupName)}/providers/Microsoft.Network/networkWatchers/${encodeURIComponent(name)}`;
  }

  private flowLogPath(resourceGroupName: string, watcher: string, name: string): string {
    return `${this.watcherPath(resourceGroupName, watcher)}/flowLogs/${encodeURIComponent(name)}`;
  }

  private async get(path: string, { abortSignal }: CallOptions): Promise<unknown> {
    const response = await this.arm
      .pathUnchecked(path)
      .get({ queryParameters: { "api-version": NETWORK_API_VERSION }, abortSignal });
    return expect(response, ["200"]).body;
  }

  /** Every item of a list, following nextLink; `apiVersion` for lists outside Microsoft.Network's own. */
  async *pages<T>(
    path: string,
    { abortSignal, apiVersion = NETWORK_API_VERSION }: CallOptions & { apiVersion?: string },
  ): AsyncIterable<T> {
    let next: string | undefined = path;
    let query: Record<string, string> | undefined = { "api-version": apiVersion };
    while (next) {
      const response = expect(
        await this.arm.pathUnchecked(next).get({ queryParameters: query, abortSignal }),
        ["200"],
      );
      const page = response.body as { value?: unknown[]; nextLink?: string };
      for (const item of page.value ?? []) yield flatten<T>(item);
      // A nextLink carries its own api-version and continuation.
      next = page.nextLink;
      query = undefined;
    }
  }

  /** A long-running operation, started and polled to its end by @azure/core-lro. */
  private async operation<T>(
    method: "post" | "put" | "delete",
    path: string,
    body: unknown,
    statuses: string[],
    resourceLocationConfig: ResourceLocationConfig,
    { abortSignal, updateIntervalInMs, resultFromAnswer = false }: PutOptions,
  ): Promise<T> {
    const asOperationResponse = (response: PathUncheckedResponse): OperationResponse => ({
      flatResponse: response,
      rawResponse: { ...response, statusCode: Number(response.status), body: response.body },
    });
    const query = { "api-version": NETWORK_API_VERSION };
    let firstPollAfterMs = updateIntervalInMs ?? DEFAULT_POLL_INTERVAL_MS;
    let answer: PathUncheckedResponse | undefined;
    const poller = createHttpPoller<T, OperationState<T>>(
      {
        sendInitialRequest: async () => {
          const response = expect(
            await this.arm.pathUnchecked(path)[method]({ queryParameters: query, body, abortSignal }),
            statuses,
          );
          const retryAfterSeconds = Number(response.headers["retry-after"]);
          if (retryAfterSeconds > 0) firstPollAfterMs = retryAfterSeconds * 1000;
          answer = response;
          return asOperationResponse(response);
        },
        sendPollRequest: async (pollPath) =>
          asOperationResponse(
            expect(await this.arm.pathUnchecked(withApiVersion(pollPath)).get({ abortSignal }), [
              "200",
              "201",
              "202",
              "204",
            ]),
          ),
      },
      {
        intervalInMs: updateIntervalInMs,
        resourceLocationConfig,
        skipFinalGet: resultFromAnswer,
        processResult: async (result) =>
          resultFromAnswer && answer
            ? ({ ...flatten<object>(answer.body), provisioningState: "Succeeded" } as T)
            : flatten<T>((result as PathUncheckedResponse).body),
      },
    );
    // The poller asks once straight away; an operation Azure has just accepted is never done by then.
    await poller.submitted();
    if (!poller.isDone) await delay(firstPollAfterMs, undefined, { signal: abortSignal });
    return poller.pollUntilDone({ abortSignal });
  }
}
