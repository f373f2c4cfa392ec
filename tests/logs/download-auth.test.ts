// Item 10 of issue 11: storage without shared keys. `flowlogs download` reads blobs with the Entra ID
// token first (Azurite takes OAuth over HTTPS) and with the account key from listKeys only when the
// blob service refuses the token; no credential or token ever reaches its output.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { RunningEmulator } from "../../emulator";
import * as ids from "../support/seed-ids";
import {
  assertNoCredentials,
  download,
  localFile,
  NSG_CONTAINER,
  type Storage,
  startStorage,
} from "./download-fixture";

const FROM = "2026-11-24T10:00:00Z";
const TO = "2026-11-24T11:00:00Z";

const disallowSharedKeys = (emulator: RunningEmulator) =>
  emulator.admin.patchResource(ids.STORAGE_WEU, { properties: { allowSharedKeyAccess: false } });

async function listKeysCalls(emulator: RunningEmulator): Promise<number> {
  return (await emulator.admin.requests({ operation: "storageAccounts.listKeys" })).length;
}

describe("flowlogs download signs in to blobs with Entra ID first (issue 11, item 10)", () => {
  let storage: Storage | undefined;

  afterEach(async () => {
    await storage?.stop();
    storage = undefined;
  });

  it("item 10: an account that disallows shared keys is read with the token, never asking for its keys", async () => {
    storage = await startStorage({}, disallowSharedKeys);
    const names = await storage.dataPlane.writeHours(new Date(FROM), new Date(TO));
    const account = await storage.emulator.admin.getResource(ids.STORAGE_WEU);
    const [key] = (await storage.emulator.admin.storageKeys())[ids.STORAGE_WEU.toLowerCase()];
    const byKey = new BlobServiceClient(
      (account.properties.primaryEndpoints as { blob: string }).blob,
      new StorageSharedKeyCredential(account.name, key.value),
    );
    // Azure answers 403 KeyBasedAuthenticationNotPermitted; Azurite with OAuth on answers a key it does
    // not hold 400 InvalidAuthenticationInfo (its token check sees a header that is not a bearer token).
    await assert.rejects(
      byKey.getContainerClient(NSG_CONTAINER).listBlobsFlat().next(),
      (e: { code?: string }) => e.code === "InvalidAuthenticationInfo",
      "the account key is refused",
    );

    const out = storage.newFolder();
    const result = await download(storage.emulator, out, FROM, TO);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 blobs in .*: 2 downloaded/);
    assert.equal(result.stderr.includes("account key"), false, result.stderr);
    assert.equal(await listKeysCalls(storage.emulator), 0, "listKeys is never called");
    for (const name of names) {
      const blob: Buffer = await storage.container.getBlobClient(name).downloadToBuffer();
      assert.deepEqual(readFileSync(localFile(out, name)), blob, name);
    }
    await assertNoCredentials(storage.emulator, result);
  });

  it("item 10: falls back to the account key when the blob service refuses the token", async () => {
    storage = await startStorage({ tokenAuth: false });
    await storage.dataPlane.writeHours(new Date(FROM), new Date(TO));
    const out = storage.newFolder();
    const result = await download(storage.emulator, out, FROM, TO);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 blobs in .*: 2 downloaded/);
    assert.match(
      result.stderr,
      /refused the Entra ID token \(HTTP 403[^)]*\); reading with the account key from listKeys instead/,
    );
    assert.equal(await listKeysCalls(storage.emulator), 1);
    await assertNoCredentials(storage.emulator, result);
  });

  it("item 10: with the token and the key both refused, a clear error and no credential in it", async () => {
    storage = await startStorage({ tokenAuth: false }, disallowSharedKeys);
    const out = storage.newFolder();
    const result = await download(storage.emulator, out, FROM, TO);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /flowlogs: Cannot read the blobs of .*flowlogsweu001: the Entra ID token was refused \(HTTP 403[^)]*\) and so was the account key \(HTTP 403[^)]*; the account may disallow shared-key access\)\. Assign the identity Storage Blob Data Reader/,
    );
    await assertNoCredentials(storage.emulator, result);
  });
});
