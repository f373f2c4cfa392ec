// Copying one hour's PT1H.json to a local file, and bringing an older or interrupted copy up to date.
// Azure writes the hour as a block list and commits new record blocks before the closing `]}` block, so
// a copy taken mid-hour ends in a `]}` that the later blob no longer has there: appending from the local
// length would corrupt it. Instead the copy is continued after the last block of the blob's committed
// block list that it holds whole, once that block's bytes are checked against the blob's.
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  truncateSync,
} from "node:fs";
import * as path from "node:path";
import { pipeline } from "node:stream/promises";
import type { BlockBlobClient } from "@azure/storage-blob";

export type CopyOutcome = "downloaded" | "resumed" | "skipped";

/** Changes between reading the block list and reading the blocks are retried this often. */
const ATTEMPTS = 3;

export interface ResumePoint {
  /** Start of the last block the local copy holds whole: its bytes are compared with the blob's. */
  verifyFrom: number;
  /** Its end: the copy continues from here. */
  continueFrom: number;
}

/** Where a local copy of `localLength` bytes continues, given the blob's committed block sizes in order. */
export function resumePoint(blockSizes: number[], localLength: number): ResumePoint | undefined {
  let point: ResumePoint | undefined;
  let offset = 0;
  for (const size of blockSizes) {
    if (offset + size > localLength) break;
    point = { verifyFrom: offset, continueFrom: offset + size };
    offset += size;
  }
  return point;
}

function localBytes(file: string, from: number, to: number): Buffer {
  const buffer = Buffer.alloc(to - from);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

async function fetchWhole(blob: BlockBlobClient, file: string): Promise<void> {
  const response = await blob.download(0);
  await pipeline(response.readableStreamBody!, createWriteStream(file));
}

/** Continues the copy by the committed block list; false when the local bytes are not the blob's. */
async function continueCopy(blob: BlockBlobClient, file: string, localLength: number): Promise<boolean> {
  const list = await blob.getBlockList("committed");
  const sizes = (list.committedBlocks ?? []).map((b) => b.size);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const point = resumePoint(sizes, localLength);
  if (!point || total !== list.blobContentLength || point.continueFrom >= total) return false;
  const conditions = { ifMatch: list.etag };
  const check = await blob.downloadToBuffer(point.verifyFrom, point.continueFrom - point.verifyFrom, {
    conditions,
  });
  if (!check.equals(localBytes(file, point.verifyFrom, point.continueFrom))) return false;
  const rest = await blob.download(point.continueFrom, undefined, { conditions });
  await pipeline(
    rest.readableStreamBody!,
    createWriteStream(file, { flags: "r+", start: point.continueFrom }),
  );
  truncateSync(file, total);
  return true;
}

/** Brings `file` up to the blob (`listedSize` bytes when listed): skipped, downloaded whole, or continued. */
export async function copyBlob(
  blob: BlockBlobClient,
  file: string,
  listedSize: number,
): Promise<CopyOutcome> {
  const localLength = existsSync(file) ? statSync(file).size : -1;
  if (localLength === listedSize) return "skipped";
  mkdirSync(path.dirname(file), { recursive: true });
  if (localLength > 0 && localLength < listedSize) {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await continueCopy(blob, file, localLength)) return "resumed";
        break;
      } catch (e) {
        // 412: the blob changed between the block list and the read; read the new list.
        if ((e as { statusCode?: number }).statusCode !== 412 || attempt === ATTEMPTS) throw e;
      }
    }
  }
  await fetchWhole(blob, file);
  return "downloaded";
}
