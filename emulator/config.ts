// The emulator's options: one object, defaults applied in one place, no side effects on import.
import type { FaultRule } from "./faults";
import type { Seed } from "./seed";
import type { ThrottlingOptions } from "./throttling";

export interface LatencyProfile {
  /** Added before every ARM response. */
  responseMs: number;
  /** How long a long-running operation stays InProgress. */
  operationMs: number;
  /** Seconds sent in Retry-After on 202 responses. */
  retryAfterSeconds: number;
}

export const LATENCY_PROFILES: Record<"none" | "fast" | "realistic", LatencyProfile> = {
  none: { responseMs: 0, operationMs: 0, retryAfterSeconds: 0 },
  fast: { responseMs: 0, operationMs: 20, retryAfterSeconds: 1 },
  realistic: { responseMs: 60, operationMs: 8_000, retryAfterSeconds: 10 },
};

/** A flow log as it changes, for observers such as the log-blob writer. */
export interface FlowLogSnapshot {
  id: string;
  name: string;
  location: string;
  targetResourceId: string;
  targetKind: "networkSecurityGroup" | "virtualNetwork" | "subnet" | "networkInterface";
  targetResourceGuid: string;
  storageId: string;
  enabled: boolean;
  retentionPolicy: { days: number; enabled: boolean };
  format: { type: string; version: number };
  trafficAnalytics?: Record<string, unknown>;
  enabledFilteringCriteria?: string;
  recordTypes?: string;
  /** The flow log's ManagedServiceIdentity, as ARM renders it. */
  identity?: Record<string, unknown>;
  tags?: Record<string, string>;
  provisioningState: string;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: Seed | string;
  latency?: keyof typeof LATENCY_PROFILES | Partial<LatencyProfile>;
  now?: Date | string;
  nsgCreationBlock?: boolean;
  configureFlowLogMode?: "async" | "sync";
  tokenLifetimeSeconds?: number;
  loose?: boolean;
  throttling?: ThrottlingOptions | false;
  conflicts?: boolean;
  /** Items per page of ARM's lists, the rest behind `nextLink`; default: every item on one page. */
  listPageSize?: number;
  faults?: FaultRule[];
  log?: (line: string) => void;
  onFlowLogChange?: (flowLog: FlowLogSnapshot) => void;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  latency: LatencyProfile;
  nsgCreationBlock: boolean;
  configureFlowLogMode: "async" | "sync";
  tokenLifetimeSeconds: number;
  loose: boolean;
  conflicts: boolean;
  listPageSize: number;
  log: (line: string) => void;
  onFlowLogChange: (flowLog: FlowLogSnapshot) => void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function listPageSize(size: number | undefined): number {
  if (size === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`listPageSize: got ${size}; expected a whole number from 1`);
  return size;
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.test(host)) {
    throw new Error(`host: got "${host}"; the emulator binds loopback only (127.0.0.0/8, ::1 or localhost)`);
  }
  const latency =
    typeof options.latency === "string"
      ? LATENCY_PROFILES[options.latency]
      : { ...LATENCY_PROFILES.fast, ...(options.latency ?? {}) };
  if (!latency) throw new Error(`latency: got "${options.latency}"; expected none, fast or realistic`);
  return {
    port: options.port ?? 0,
    host,
    latency,
    nsgCreationBlock: options.nsgCreationBlock ?? true,
    configureFlowLogMode: options.configureFlowLogMode ?? "async",
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    loose: options.loose ?? false,
    conflicts: options.conflicts ?? true,
    listPageSize: listPageSize(options.listPageSize),
    log: options.log ?? (() => undefined),
    onFlowLogChange: options.onFlowLogChange ?? (() => undefined),
  };
}
