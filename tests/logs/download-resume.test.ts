// Item 8 of issue 11: resuming a download must not corrupt an hour. Azure commits each PT1H.json as a
// block list and inserts new record blocks before the closing `]}` block, so a copy taken mid-hour is
// not a prefix of the finished blob; the emulator's data plane writes hours the same way.
import * as assert from "node:assert/strict";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { resumePoint } from "../../components/logs/blob-copy";
import { assertNoCredentials, download, localFile, type Storage, startStorage } from "./download-fixture";

const DAY = "2026-11-24";
const at = (time: string) => new Date(`${DAY}T${time}:00Z`);

describe("flowlogs download resumes by the blob's block list (issue 11, item 8)", () => {
  let storage: Storage;

  before(async () => {
    storage = await startStorage();
  });

  after(async () => {
    await storage?.stop();
  });

  const blobBytes = (name: string) => storage.container.getBlobClient(name).downloadToBuffer();

  it("item 8: the emulator commits an hour in several block lists, new records before the closing block", async () => {
    const [name] = await storage.dataPlane.writeHours(at("08:00"), at("08:15"));
    const early = await blobBytes(name);
    assert.deepEqual(
      await storage.dataPlane.writeHours(at("08:00"), at("08:15")),
      [],
      "nothing new to commit",
    );
    await storage.dataPlane.writeHours(at("08:00"), at("09:00"));
    const finished = await blobBytes(name);
    const blocks = (await storage.container.getBlockBlobClient(name).getBlockList("committed"))
      .committedBlocks!;
    assert.deepEqual(
      [blocks.length, blocks[0].size, blocks.at(-1)!.size],
      [8, 12, 2],
      '`{"records":[`, six records, `]}`',
    );
    assert.ok(early.toString().endsWith("]}") && finished.toString().endsWith("]}"));
    assert.ok(
      !finished.subarray(0, early.length).equals(early),
      "a mid-hour copy is not a prefix of the hour",
    );
    assert.ok(
      finished.subarray(0, early.length - 2).equals(early.subarray(0, -2)),
      "but its blocks are kept",
    );
  });

  it("item 8: a copy taken mid-hour is brought up to the finished hour byte for byte", async () => {
    const out = storage.newFolder();
    const names = await storage.dataPlane.writeHours(at("10:00"), at("10:25"));
    assert.equal(names.length, 2, "the two NICs behind nsg-web");
    const first = await download(storage.emulator, out, `${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`);
    assert.match(first.stdout, /2 blobs in .*: 2 downloaded, 0 resumed, 0 already here/, first.stderr);

    await storage.dataPlane.writeHours(at("10:00"), at("11:00"));
    const resumed = await download(storage.emulator, out, `${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`);
    assert.match(resumed.stdout, /2 blobs in .*: 0 downloaded, 2 resumed, 0 already here/, resumed.stderr);
    for (const name of names)
      assert.deepEqual(readFileSync(localFile(out, name)), await blobBytes(name), name);
    const again = await download(storage.emulator, out, `${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`);
    assert.match(again.stdout, /0 downloaded, 0 resumed, 2 already here/);
    await assertNoCredentials(storage.emulator, resumed);
  });

  it("item 8: a copy cut inside a block continues after its last whole block; a wrong one is fetched whole", async () => {
    const out = storage.newFolder();
    const [cut, wrong] = await storage.dataPlane.writeHours(at("12:00"), at("13:00"));
    await download(storage.emulator, out, `${DAY}T12:00:00Z`, `${DAY}T13:00:00Z`);
    const cutBytes = await blobBytes(cut);
    truncateSync(localFile(out, cut), Math.floor(cutBytes.length / 2));
    const wrongBytes = await blobBytes(wrong);
    writeFileSync(localFile(out, wrong), Buffer.alloc(wrongBytes.length - 100, "x"));
    const result = await download(storage.emulator, out, `${DAY}T12:00:00Z`, `${DAY}T13:00:00Z`);
    assert.match(result.stdout, /1 downloaded, 1 resumed, 0 already here/, result.stderr);
    assert.deepEqual(readFileSync(localFile(out, cut)), cutBytes);
    assert.deepEqual(readFileSync(localFile(out, wrong)), wrongBytes);
  });

  it("item 8: the resume point is the end of the last block the local copy holds whole", () => {
    const blocks = [12, 100, 80, 2];
    assert.equal(resumePoint(blocks, 5), undefined, "not even the first block: fetch whole");
    assert.deepEqual(resumePoint(blocks, 12), { verifyFrom: 0, continueFrom: 12 });
    assert.deepEqual(resumePoint(blocks, 114), { verifyFrom: 12, continueFrom: 112 }, "an old closing `]}`");
    assert.deepEqual(resumePoint(blocks, 150), { verifyFrom: 12, continueFrom: 112 });
    assert.deepEqual(resumePoint(blocks, 194), { verifyFrom: 192, continueFrom: 194 });
  });
});
