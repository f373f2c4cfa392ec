// One hour's PT1H.json as Azure writes it: a block blob of `{"records":[` (12 bytes), one block per
// record (each after the first starts with `,`), and `]}` (2 bytes) last. Every few minutes Azure
// stages the new records and commits a new block list with them inserted before `]}`, so the blob grows
// in the middle: a copy taken mid-hour ends in `]}` and is not a prefix of the later blob.
import type { BlockBlobClient } from "@azure/storage-blob";

const OPEN = '{"records":[';
const CLOSE = "]}";

/** Block IDs of one blob must all be as long: a letter for the kind and the record's index. */
const blockId = (kind: "o" | "r" | "c", index = 0) =>
  Buffer.from(`${kind}-${String(index).padStart(6, "0")}`).toString("base64");

async function committedBlockIds(blob: BlockBlobClient): Promise<string[]> {
  try {
    const list = await blob.getBlockList("committed");
    return (list.committedBlocks ?? []).map((b) => b.name);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return [];
    throw e;
  }
}

/**
 * Brings the blob up to `records` (the hour's records so far, oldest first): stages the ones it lacks
 * and commits them before `]}`. Returns false when it already had them all.
 */
export async function writeHourBlob(blob: BlockBlobClient, records: object[]): Promise<boolean> {
  const committed = await committedBlockIds(blob);
  const written = committed.length ? committed.length - 2 : 0;
  if (committed.length && records.length <= written) return false;
  const stage = (id: string, text: string) => blob.stageBlock(id, Buffer.from(text), Buffer.byteLength(text));
  if (!committed.length) {
    await stage(blockId("o"), OPEN);
    await stage(blockId("c"), CLOSE);
  }
  for (let i = written; i < records.length; i++)
    await stage(blockId("r", i), `${i === 0 ? "" : ","}${JSON.stringify(records[i])}`);
  await blob.commitBlockList([blockId("o"), ...records.map((_, i) => blockId("r", i)), blockId("c")]);
  return true;
}
