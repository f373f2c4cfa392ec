// Item 9 of issue 11: blob names become local paths, and whoever can write to the storage account
// chooses them. A name that leads out of --out is refused before anything is written. Item 12 of issue 21:
// one such name skips that blob alone (a warning, exit 3), and the other blobs are downloaded.
import * as assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ContainerSASPermissions } from "@azure/storage-blob";
import { checkContainerName, localPathOf } from "../../components/logs/local-path";
import {
  assertNoCredentials,
  download,
  localFile,
  NSG_PREFIX,
  type Storage,
  startStorage,
} from "./download-fixture";

/**
 * Puts a blob by its raw name: the SDK (through WHATWG URLs) would fold `..` away before sending it, a
 * hand-made request does not, and the blob service keeps the name as sent.
 */
async function plantBlob(storage: Storage, rawName: string): Promise<void> {
  const sas = await storage.container.generateSasUrl({
    permissions: ContainerSASPermissions.parse("cw"),
    expiresOn: new Date(Date.now() + 3_600_000),
  });
  const url = new URL(sas);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: "PUT",
        path: `${url.pathname}/${rawName}${url.search}`,
        headers: { "x-ms-blob-type": "BlockBlob", "Content-Length": 2 },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
  assert.equal(status, 201);
}

describe("flowlogs download keeps every file inside --out (issue 11, item 9), skipping only bad names (issue 21, item 12)", () => {
  let storage: Storage;

  before(async () => {
    storage = await startStorage();
  });

  after(async () => {
    await storage?.stop();
  });

  it("item 12: a blob named with .. is skipped with a warning naming it and --out, the rest downloaded, exit 3", async () => {
    await storage.dataPlane.writeHours(new Date("2026-11-24T10:00:00Z"), new Date("2026-11-24T11:00:00Z"));
    const hour = `${NSG_PREFIX}y=2026/m=11/d=24/h=10/m=00/macAddress=000D3A1B2C3D/`;
    // From the blob's folder up past the container's folder and --out itself, into a sibling of --out.
    const ups = "../".repeat(hour.split("/").length + 1);
    const name = `${hour}${ups}escaped/PT1H.json`;
    await plantBlob(storage, name);

    const parent = storage.newFolder();
    const out = path.join(parent, "out");
    mkdirSync(out);
    const result = await download(storage.emulator, out, "2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z");
    assert.equal(result.code, 3, `${result.stdout}\n${result.stderr}`);
    assert.ok(result.stderr.includes(`warning: skipped blob ${JSON.stringify(name)}`), result.stderr);
    assert.ok(result.stderr.includes(`its name has the part "..", which could lead outside --out ${out}.`));
    assert.match(
      result.stdout,
      /^([1-9]\d*) blobs in .*: \1 downloaded, 0 resumed, 0 already here, 1 skipped for their names/,
    );
    assert.deepEqual(readdirSync(parent), ["out"], "nothing beside --out");
    assert.ok(existsSync(localFile(out, `${hour}PT1H.json`)), "the hour's own blob is downloaded");
    await assertNoCredentials(storage.emulator, result);
  });

  it("item 9: dot, empty, absolute, backslash and drive-letter parts are refused; flow-log names pass", () => {
    const out = path.join(tmpdir(), "out");
    for (const name of ["a/./b", "a//b", "/etc/passwd", "a/..\\..\\b", "a/C:/b", "a/b/", "..", "a/b\0c"]) {
      const refusal = localPathOf(out, "logs", name);
      assert.match(typeof refusal === "string" ? refusal : refusal.refused, /could lead outside --out/, name);
    }
    const blob = `${NSG_PREFIX}y=2026/m=11/d=24/h=10/m=00/macAddress=000D3A1B2C3D/PT1H.json`;
    assert.equal(localPathOf(out, "logs", blob), path.join(out, "logs", ...blob.split("/")));
  });

  it("item 9: a --container that is not a container name is refused before anything is read", () => {
    for (const name of ["..", "../x", "a/b", "Logs", "ab", "a--b"]) {
      assert.throws(
        () => checkContainerName(name),
        (e: Error) => e.message.startsWith(`--container: got "${name}"; expected a container name`),
      );
    }
    checkContainerName("insights-logs-networksecuritygroupflowevent");
  });
});
