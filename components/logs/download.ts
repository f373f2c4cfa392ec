// Downloading a flow log's hourly blobs for a time range, resumably: a blob already here at full size
// is skipped, an older or interrupted copy is brought up to date by the blob's block list (blob-copy.ts).
// Every local path is checked before anything is written (local-path.ts): a blob whose name could lead
// out of the download folder is skipped and named in the result, and the others are downloaded.
import type { TokenCredential } from "@azure/core-auth";
import type { ArmSession } from "../azure";
import { openContainer, type SignIn } from "./blob-client";
import { copyBlob } from "./blob-copy";
import { checkContainerName, localPathOf } from "./local-path";

export interface DownloadRequest {
  service: ArmSession;
  /** Blobs are read with this identity's Entra ID token, and with the account key only if it is refused. */
  credential: TokenCredential;
  storageAccountId: string;
  /** From the FlowLog's outputs (or `logLocation`). */
  containerName: string;
  blobPathPrefix: string;
  from: Date;
  to: Date;
  outDir: string;
  onProgress?: (done: number, total: number, blob: string) => void;
  /** Told when the token is refused and the account key is used instead. */
  onNotice?: (message: string) => void;
}

export interface DownloadResult {
  files: string[];
  downloaded: number;
  resumed: number;
  skipped: number;
  /** Blobs not downloaded because of their names, each with why. */
  refused: string[];
  signedInWith: SignIn;
}

const HOUR = /y=(\d{4})\/m=(\d{2})\/d=(\d{2})\/h=(\d{2})\//;

function hourOf(blobName: string): number | undefined {
  const m = HOUR.exec(blobName);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4]) : undefined;
}

export async function downloadFlowLogs(request: DownloadRequest): Promise<DownloadResult> {
  checkContainerName(request.containerName);
  const { container, signedInWith } = await openContainer({
    service: request.service,
    credential: request.credential,
    storageAccountId: request.storageAccountId,
    containerName: request.containerName,
    prefix: request.blobPathPrefix,
    onNotice: request.onNotice,
  });

  const wanted: { name: string; size: number; file: string }[] = [];
  const refused: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: request.blobPathPrefix })) {
    const hour = hourOf(blob.name);
    if (hour === undefined || hour < request.from.getTime() || hour >= request.to.getTime()) continue;
    const file = localPathOf(request.outDir, request.containerName, blob.name);
    if (typeof file === "string")
      wanted.push({ name: blob.name, size: blob.properties.contentLength ?? 0, file });
    else refused.push(file.refused);
  }
  const result: DownloadResult = { files: [], downloaded: 0, resumed: 0, skipped: 0, refused, signedInWith };
  for (const [i, blob] of wanted.entries()) {
    const outcome = await copyBlob(container.getBlockBlobClient(blob.name), blob.file, blob.size);
    result[outcome]++;
    result.files.push(blob.file);
    request.onProgress?.(i + 1, wanted.length, blob.name);
  }
  return result;
}
