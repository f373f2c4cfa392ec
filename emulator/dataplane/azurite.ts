// Azurite's blob service as a child process on loopback over HTTPS, serving the emulator's storage
// accounts. HTTPS because Azure's blob endpoints are HTTPS and Azurite takes bearer tokens only there.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface Azurite {
  /** "https://127.0.0.1:<port>"; accounts are path-style: `${origin}/<account>`. */
  origin: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** The accounts and the keys Azurite signs shared-key requests with. */
  accounts: { name: string; key: string }[];
  /** PEM certificate and private key of the HTTPS listener (the emulator's, which clients already trust). */
  tls: { cert: string; key: string };
  /** Accept Entra ID bearer tokens (Azurite's basic OAuth: issuer, audience and lifetime are checked). */
  oauth: boolean;
}

const AZURITE_BLOB = path.join(
  __dirname,
  "..",
  "..",
  "node_modules",
  "azurite",
  "dist",
  "src",
  "blob",
  "main.js",
);

export async function startAzurite(options: AzuriteOptions): Promise<Azurite> {
  // In memory and started in a scratch folder that also holds the PEM files, so Azurite leaves nothing behind.
  const scratch = mkdtempSync(path.join(tmpdir(), "flowlogs-azurite-"));
  const certPath = path.join(scratch, "cert.pem");
  const keyPath = path.join(scratch, "key.pem");
  writeFileSync(certPath, options.tls.cert);
  writeFileSync(keyPath, options.tls.key, { mode: 0o600 });
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(__dirname, "azurite-child.js"),
      AZURITE_BLOB,
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      "--cert",
      certPath,
      "--key",
      keyPath,
      ...(options.oauth ? ["--oauth", "basic"] : []),
      "--inMemoryPersistence",
      "--skipApiVersionCheck",
      "--disableTelemetry",
      "--disableProductStyleUrl",
      "--silent",
    ],
    {
      cwd: scratch,
      env: {
        ...process.env,
        AZURITE_ACCOUNTS: options.accounts.map((a) => `${a.name}:${a.key}`).join(";"),
      },
      // Standard input stays open while this process lives; azurite-child.js exits when it closes.
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
  const origin = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      removeScratch();
      reject(new Error(`Azurite exited (${code}) before listening: ${output}`));
    });
  });
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => {
          removeScratch();
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
