// The emulated Azure for tests and the demo: the emulator on loopback, trusted by this process and by
// the engine's provider processes, plus the environment those processes need to reach it.
import { EventEmitter } from "node:events";
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

/** The emulator's log, one line per request, for tests that wait on a request instead of sleeping. */
export class EmulatorLog {
  private readonly lines = new EventEmitter();
  /** Pass as the emulator's `log` option. */
  readonly write = (line: string): void => {
    this.lines.emit("line", line);
  };

  /** Resolves once `count` lines matching `pattern` (a string: containing it) have been logged from now on. */
  next(pattern: RegExp | string, count = 1): Promise<void> {
    const matches = (line: string) =>
      typeof pattern === "string" ? line.includes(pattern) : pattern.test(line);
    return new Promise((resolve) => {
      let seen = 0;
      const listener = (line: string) => {
        if (!matches(line) || ++seen < count) return;
        this.lines.off("line", listener);
        resolve();
      };
      this.lines.on("line", listener);
    });
  }
}
