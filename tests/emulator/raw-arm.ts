// Clients of the emulator for its own tests: the official SDK's credential and network client, and
// raw HTTPS for what the SDK would not send (other api-versions, lenient bodies, headers to inspect).
import { NetworkManagementClient } from "@azure/arm-network";
import { ClientSecretCredential } from "@azure/identity";
import type { RunningEmulator } from "../../emulator";
import * as ids from "../support/seed-ids";

export const API = "api-version=2025-05-01";
export const WATCHER = { rg: "NetworkWatcherRG", name: "NetworkWatcher_westeurope" };
export const configurePath = `${ids.WATCHER_WEU}/configureFlowLog?${API}`;

export function credentialOf(emu: RunningEmulator) {
  const { tenantId, clientId, clientSecret } = emu.credentials;
  return new ClientSecretCredential(tenantId, clientId, clientSecret, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true,
  });
}

export function networkClient(emu: RunningEmulator, subscriptionId = ids.SUBSCRIPTION) {
  return new NetworkManagementClient(credentialOf(emu), subscriptionId, {
    endpoint: emu.armUrl,
    credentials: { scopes: [`${emu.audience}/.default`] },
    retryOptions: { maxRetries: 4, retryDelayInMs: 50 },
  });
}

export async function token(emu: RunningEmulator): Promise<string> {
  return (await credentialOf(emu).getToken(`${emu.audience}/.default`))!.token;
}

export interface RawOptions {
  /** A bearer token; `null` sends none; default: a fresh one for the seeded principal. */
  bearer?: string | null;
  /** The body exactly as written (no JSON.stringify), e.g. a documentation here-string. */
  raw?: string;
  contentType?: string;
}

/** A raw ARM call; returns status, headers and parsed body. */
export async function arm(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  options: RawOptions = {},
) {
  const auth =
    options.bearer === null ? {} : { Authorization: `Bearer ${options.bearer ?? (await token(emu))}` };
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const contentType = options.contentType ?? "application/json";
  const response = await fetch(`${emu.armUrl}${path}`, {
    method,
    headers: { ...auth, ...(payload === undefined ? {} : { "Content-Type": contentType }) },
    body: payload,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function configureBody(
  target: string,
  overrides: Record<string, unknown> = {},
  storageId = ids.STORAGE_WEU,
) {
  return { targetResourceId: target, properties: { storageId, enabled: true, ...overrides } };
}
