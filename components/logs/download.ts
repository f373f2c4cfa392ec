// Downloading a flow log's hourly blobs for a time range, resumably: a blob already here at full size
// is skipped, a shorter one (the hour was still being written) is continued from where it stopped.
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { pipeline } from "node:stream/promises";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { FlowLogService } from "../azure";

export interface DownloadRequest {
  service: FlowLogService;
  storageAccountId: string;
  /** From the FlowLog's outputs (or `logLocation`). */
  containerName: string;
  blobPathPrefix: string;
  from: Date;
  to: Date;
  outDir: string;
  onProgress?: (done: number, total: number, blob: string) => void;
}

export interface DownloadResult {
  files: string[];
  downloaded: number;
  resumed: number;
  skipped: number;
}

const HOUR = /y=(\d{4})\/m=(\d{2})\/d=(\d{2})\/h=(\d{2})\//;

function hourOf(blobName: string): number | undefined {
  const m = HOUR.exec(blobName);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4]) : undefined;
}

export async function downloadFlowLogs(request: DownloadRequest): Promise<DownloadResult> {
  const account = await request.service.getResource(request.storageAccountId);
  const endpoint = (account?.properties.primaryEndpoints as { blob?: string } | undefined)?.blob;
  if (!account || !endpoint)
    throw new Error(`storage account ${request.storageAccountId} was not found or has no blob endpoint`);
  const [key] = await request.service.listStorageKeys(account.id);
  const blobs = new BlobServiceClient(
    endpoint.replace(/\/+$/, ""),
    new StorageSharedKeyCredential(account.name, key),
  );
  const container = blobs.getContainerClient(request.containerName);

  const wanted: { name: string; size: number }[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: request.blobPathPrefix })) {
    const hour = hourOf(blob.name);
    if (hour !== undefined && hour >= request.from.getTime() && hour < request.to.getTime()) {
      wanted.push({ name: blob.name, size: blob.properties.contentLength ?? 0 });
    }
  }
  const result: DownloadResult = { files: [], downloaded: 0, resumed: 0, skipped: 0 };
  for (const [i, blob] of wanted.entries()) {
    const file = path.join(request.outDir, request.containerName, ...blob.name.split("/"));
    const have = existsSync(file) ? statSync(file).size : 0;
    if (have >= blob.size) result.skipped++;
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      const response = await container.getBlobClient(blob.name).download(have);
      await pipeline(response.readableStreamBody!, createWriteStream(file, { flags: have ? "a" : "w" }));
      if (have) result.resumed++;
      else result.downloaded++;
    }
    result.files.push(file);
    request.onProgress?.(i + 1, wanted.length, blob.name);
  }
  return result;
}
