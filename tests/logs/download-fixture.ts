// What the download tests share: the emulator with its data plane (Azurite over HTTPS), the seeded NSG
// flow log of nsg-web logging into flowlogsweu001, and the real `flowlogs download` run as a person
// runs it, in a child process that signs in through the emulator's Entra ID.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ContainerClient } from "@azure/storage-blob";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, type DataPlaneOptions, startDataPlane } from "../../emulator/dataplane";
import { JWT_PATTERN, providerEnv, secretsOf, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import * as ids from "../support/seed-ids";

export const NSG_CONTAINER = "insights-logs-networksecuritygroupflowevent";
export const NSG_PREFIX = `resourceId=${ids.NSG_WITH_ENABLED_LOG.toUpperCase()}/`;
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");

export interface Storage {
  emulator: RunningEmulator;
  dataPlane: DataPlane;
  /** The NSG flow log's container as the blob service sees it. */
  container: ContainerClient;
  /** A new empty folder, removed by `stop`. */
  newFolder(): string;
  stop(): Promise<void>;
}

/** The emulator and its data plane; `prepare` changes the emulated Azure before Azurite starts. */
export async function startStorage(
  options: DataPlaneOptions = {},
  prepare?: (emulator: RunningEmulator) => Promise<unknown>,
): Promise<Storage> {
  const emulator = await startEmulatedAzure();
  await prepare?.(emulator);
  const dataPlane = await startDataPlane(emulator, options);
  const scratch = mkdtempSync(path.join(tmpdir(), "flowlogs-download-"));
  return {
    emulator,
    dataPlane,
    container: dataPlane.container(ids.STORAGE_WEU, NSG_CONTAINER),
    newFolder: () => mkdtempSync(path.join(scratch, "out-")),
    stop: async () => {
      await dataPlane.stop();
      await emulator.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `flowlogs download` of nsg-web's logs for [from, to) into `out`; resolves with the exit code, never rejects. */
export function download(
  emulator: RunningEmulator,
  out: string,
  from: string,
  to: string,
): Promise<CommandResult> {
  const args = ["download", "--storage-account", ids.STORAGE_WEU, "--target", ids.NSG_WITH_ENABLED_LOG];
  const env = { ...process.env, ...providerEnv(emulator) };
  return new Promise((resolve) => {
    execFile(
      flowlogs,
      [...args, "--from", from, "--to", to, "--out", out],
      { env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Where `download` puts a blob of the NSG container. */
export function localFile(out: string, blobName: string): string {
  return path.join(out, NSG_CONTAINER, ...blobName.split("/"));
}

/** Invariant 2 for the command: no client secret, account key or bearer token in what it printed. */
export async function assertNoCredentials(emulator: RunningEmulator, result: CommandResult): Promise<void> {
  const keys = Object.values(await emulator.admin.storageKeys()).flatMap((list) => list.map((k) => k.value));
  const text = `${result.stdout}\n${result.stderr}`;
  for (const secret of [...secretsOf(emulator), ...keys])
    assert.ok(!text.includes(secret), "a credential leaked");
  assert.doesNotMatch(text, JWT_PATTERN, "a bearer token leaked");
}
