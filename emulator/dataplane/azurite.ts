// Azurite's blob service as a child process on loopback, serving the emulator's storage accounts.
import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface Azurite {
  /** "http://127.0.0.1:<port>"; accounts are path-style: `${origin}/<account>`. */
  origin: string;
  stop(): Promise<void>;
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

export async function startAzurite(accounts: { name: string; key: string }[]): Promise<Azurite> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      AZURITE_BLOB,
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      "--inMemoryPersistence",
      "--skipApiVersionCheck",
      "--disableTelemetry",
      "--disableProductStyleUrl",
      "--silent",
    ],
    // In memory and started in a scratch folder, so Azurite leaves no files behind.
    {
      cwd: tmpdir(),
      env: { ...process.env, AZURITE_ACCOUNTS: accounts.map((a) => `${a.name}:${a.key}`).join(";") },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const origin = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`Azurite exited (${code}) before listening: ${output}`)));
  });
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
