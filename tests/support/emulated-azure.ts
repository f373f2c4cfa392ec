// The emulated Azure for tests and the demo: the emulator on loopback, trusted by this process and by
// the engine's provider processes, plus the environment those processes need to reach it.
import * as tls from "node:tls";
import { type EmulatorOptions, type RunningEmulator, start } from "../../emulator";

let trusted = false;

/** Starts the emulator and makes this process trust its certificate (one per process) for new connections. */
export async function startEmulatedAzure(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await start({ port: 0, latency: "none", ...options });
  if (!trusted) {
    tls.setDefaultCACertificates([...tls.getCACertificates("default"), emulator.caCertPem]);
    trusted = true;
  }
  return emulator;
}

/** Environment for the engine and the dynamic-provider host: credentials and cloud come from here, never from inputs. */
export function providerEnv(emulator: RunningEmulator): Record<string, string> {
  return { ...emulator.env, NODE_EXTRA_CA_CERTS: emulator.caCertPath };
}

/** Every string that must never appear in state, logs or messages. */
export function secretsOf(emulator: RunningEmulator): string[] {
  return [emulator.credentials.clientSecret];
}

/** Bearer tokens (JWTs) look like this; none may leak either. */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./;
