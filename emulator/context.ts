// Everything a handler may use, created once per running emulator.
import type { Clock } from "./clock";
import type { ResolvedOptions } from "./config";
import type { FaultInjector } from "./faults";
import type { Operations } from "./operations";
import type { RequestLog } from "./request-log";
import type { Seed, SeedSubscription } from "./seed";
import type { ResourceStore } from "./store";
import type { Throttling } from "./throttling";
import type { TokenAuthority } from "./tokens";

export interface EmulatorContext {
  options: ResolvedOptions;
  seed: Seed;
  store: ResourceStore;
  clock: Clock;
  tokens: TokenAuthority;
  faults: FaultInjector;
  throttling: Throttling;
  operations: Operations;
  requests: RequestLog;
  /** Resource provider registration per subscription, e.g. "11..11/microsoft.insights" -> "Registered". */
  registrations: Map<string, string>;
  /** Storage account keys, kept out of the resources so no GET shows them. */
  storageKeys: Map<string, unknown[]>;
  /** The data plane, while one runs for this emulator: the admin API writes more hours through it. */
  dataPlane?: { writeHours(from: Date, to: Date): Promise<string[]> };
  /** "https://127.0.0.1:<port>", known once the server listens. */
  origin: string;
  subscription(id: string): SeedSubscription | undefined;
}
