// A typed client for the admin API, as tests, the demo and benchmarks use it.
import type { FlowLogSnapshot } from "./config";
import type { FaultRule } from "./faults";
import type { RequestLogEntry } from "./request-log";
import type { ThrottlingOptions } from "./throttling";

export interface AdminResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface EmulatorState {
  now: string;
  resources: AdminResource[];
}

export class AdminClient {
  constructor(
    private readonly origin: string,
    private readonly ca: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { request } = await import("node:https");
    return new Promise<T>((resolve, reject) => {
      const req = request(
        `${this.origin}/_emulator/${path}`,
        { method, ca: this.ca, headers: body === undefined ? {} : { "Content-Type": "application/json" } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => {
            if ((res.statusCode ?? 500) >= 400)
              reject(new Error(`admin ${method} ${path}: HTTP ${res.statusCode} ${text}`));
            else resolve((text ? JSON.parse(text) : undefined) as T);
          });
        },
      );
      req.on("error", reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  state(): Promise<EmulatorState> {
    return this.call("GET", "state");
  }

  flowLogs(): Promise<FlowLogSnapshot[]> {
    return this.call("GET", "flow-logs");
  }

  requests(filter: { operation?: string; method?: string } = {}): Promise<RequestLogEntry[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
    return this.call("GET", `requests?${query}`);
  }

  /** Storage account keys by lower-cased account ID, for the data plane that serves those accounts. */
  storageKeys(): Promise<Record<string, { keyName: string; value: string }[]>> {
    return this.call("GET", "storage-keys");
  }

  clearRequests(): Promise<void> {
    return this.call("DELETE", "requests");
  }

  getResource(id: string): Promise<AdminResource> {
    return this.call("GET", `resources?id=${encodeURIComponent(id)}`);
  }

  /** Changes a resource behind the component's back, as someone in the portal would. */
  patchResource(
    id: string,
    patch: { location?: string; tags?: Record<string, string>; properties?: Record<string, unknown> },
  ): Promise<AdminResource> {
    return this.call("PATCH", `resources?id=${encodeURIComponent(id)}`, patch);
  }

  /** Creates or replaces a resource, e.g. to restore one `deleteResource` removed. */
  putResource(
    id: string,
    resource: { location?: string; tags?: Record<string, string>; properties?: Record<string, unknown> },
  ): Promise<AdminResource> {
    return this.call("PUT", `resources?id=${encodeURIComponent(id)}`, resource);
  }

  deleteResource(id: string): Promise<void> {
    return this.call("DELETE", `resources?id=${encodeURIComponent(id)}`);
  }

  injectFault(rule: FaultRule | FaultRule[]): Promise<FaultRule[]> {
    return this.call("POST", "faults", rule);
  }

  clearFaults(): Promise<void> {
    return this.call("DELETE", "faults");
  }

  setThrottling(options: ThrottlingOptions | false): Promise<ThrottlingOptions> {
    return this.call("PUT", "throttling", options);
  }

  advanceClock(seconds: number): Promise<{ now: string }> {
    return this.call("POST", "clock", { advanceSeconds: seconds });
  }

  setClock(iso: string): Promise<{ now: string }> {
    return this.call("POST", "clock", { now: iso });
  }

  /** Writes hours of flow-log records through the running data plane (default: the hour up to the clock). */
  writeHours(
    range: { from?: string; to?: string } = {},
  ): Promise<{ from: string; to: string; blobs: string[] }> {
    return this.call("POST", "data-plane/hours", range);
  }

  /** A federated ID token from the emulator's own OIDC issuer, as a CI system would hand one out. */
  async mintOidcToken(subject?: string): Promise<string> {
    return (await this.call<{ token: string }>("POST", "oidc-token", subject ? { subject } : {})).token;
  }
}
