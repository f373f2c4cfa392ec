// The emulator's programmatic entry: start({ port: 0, ... }) serves ARM flow-log endpoints and Entra ID
// over HTTPS on loopback and returns what a client needs to reach it.
import * as https from "node:https";
import { AdminClient } from "./admin-client";
import { emulatorCertificate } from "./certs";
import { Clock } from "./clock";
import { type EmulatorOptions, resolveOptions } from "./config";
import type { EmulatorContext } from "./context";
import { FaultInjector } from "./faults";
import { aadRoutes } from "./handlers/aad";
import { adminRoutes } from "./handlers/admin";
import { flowLogActionRoutes } from "./handlers/flow-log-actions";
import { flowLogChildRoutes } from "./handlers/flow-log-children";
import { operationRoutes } from "./handlers/operations";
import { resourceRoutes } from "./handlers/resources";
import { topologyRoutes } from "./handlers/topology";
import { Operations } from "./operations";
import { RequestLog } from "./request-log";
import { loadSeed, type Seed } from "./seed";
import { createHandler, listen } from "./server";
import { describeId, MemoryStore, newEtag } from "./store";
import { Throttling } from "./throttling";
import { TokenAuthority } from "./tokens";

export type { AdminClient } from "./admin-client";
export type { EmulatorOptions, FlowLogSnapshot, LatencyProfile } from "./config";
export type { FaultRule } from "./faults";
export type { RequestLogEntry } from "./request-log";
export type { Seed } from "./seed";
export type { ThrottlingOptions } from "./throttling";

export interface RunningEmulator {
  armUrl: string;
  authorityHost: string;
  metadataHost: string;
  audience: string;
  caCertPem: string;
  caCertPath: string;
  credentials: { tenantId: string; clientId: string; clientSecret: string; subscriptionId: string };
  env: Record<string, string>;
  admin: AdminClient;
  /** Lets the admin API write hours of logs through a data plane (`startDataPlane` does it); undefined detaches. */
  attachDataPlane(dataPlane: EmulatorContext["dataPlane"]): void;
  stop(): Promise<void>;
}

// Ordered: specific routes before the generic resource read.
const ROUTES = [
  ...aadRoutes,
  ...adminRoutes,
  ...operationRoutes,
  ...flowLogActionRoutes,
  ...flowLogChildRoutes,
  ...topologyRoutes,
  ...resourceRoutes,
];

function storeFromSeed(seed: Seed) {
  const store = new MemoryStore();
  const storageKeys = new Map<string, unknown[]>();
  for (const resource of seed.resources) {
    const { type, name } = describeId(resource.id);
    const { keys, ...properties } = resource.properties ?? {};
    if (Array.isArray(keys)) storageKeys.set(resource.id.toLowerCase(), keys);
    store.put({ ...resource, type, name, etag: newEtag(), properties });
  }
  const registrations = new Map<string, string>();
  for (const sub of seed.subscriptions) {
    for (const [namespace, state] of Object.entries(sub.providers))
      registrations.set(`${sub.id}/${namespace}`.toLowerCase(), state);
  }
  return { store, storageKeys, registrations };
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const seed = loadSeed(options.seed);
  const clock = new Clock(options.now);
  const certificate = await emulatorCertificate();
  const operations = new Operations();
  const ctx: EmulatorContext = {
    options: resolved,
    seed,
    ...storeFromSeed(seed),
    clock,
    tokens: await TokenAuthority.create(clock),
    faults: new FaultInjector(options.faults),
    throttling: new Throttling(options.throttling),
    operations,
    requests: new RequestLog(),
    origin: "",
    subscription: (id) => seed.subscriptions.find((s) => s.id.toLowerCase() === id.toLowerCase()),
  };
  const server = https.createServer(
    { cert: certificate.cert, key: certificate.key },
    createHandler(ctx, ROUTES),
  );
  const port = await listen(server, resolved.host, resolved.port);
  const hostPort = resolved.host.includes(":") ? `[${resolved.host}]:${port}` : `${resolved.host}:${port}`;
  ctx.origin = `https://${hostPort}`;

  const tenant = seed.tenants[0];
  const principal = tenant.servicePrincipals[0];
  const subscriptionId = seed.subscriptions.find((s) => s.tenantId === tenant.id)?.id ?? "";
  const credentials = {
    tenantId: tenant.id,
    clientId: principal.clientId,
    clientSecret: principal.clientSecret,
    subscriptionId,
  };
  let stopped = false;
  return {
    armUrl: ctx.origin,
    authorityHost: ctx.origin,
    metadataHost: hostPort,
    audience: ctx.origin,
    caCertPem: certificate.cert,
    caCertPath: certificate.certPath,
    credentials,
    env: {
      AZURE_TENANT_ID: credentials.tenantId,
      AZURE_CLIENT_ID: credentials.clientId,
      AZURE_CLIENT_SECRET: credentials.clientSecret,
      AZURE_SUBSCRIPTION_ID: credentials.subscriptionId,
      AZURE_AUTHORITY_HOST: ctx.origin,
      ARM_METADATA_HOSTNAME: hostPort,
      NODE_EXTRA_CA_CERTS: certificate.certPath,
    },
    admin: new AdminClient(ctx.origin, certificate.cert),
    attachDataPlane(dataPlane) {
      ctx.dataPlane = dataPlane;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      operations.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
