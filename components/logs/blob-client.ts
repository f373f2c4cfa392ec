// Signing in to a storage account's blob service to read flow logs: with the Entra ID token credential
// first (the identity needs Storage Blob Data Reader on the account or container), and with the account
// key from ARM's listKeys only when the token is refused. Hardened accounts disallow shared keys and
// need the token; identities with ARM rights but no data role still get in with the key.
import type { TokenCredential } from "@azure/core-auth";
import { BlobServiceClient, type ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { type ArmSession, describeAzureError, redact } from "../azure";

export type SignIn = "Entra ID token" | "account key";

export interface ContainerAccess {
  container: ContainerClient;
  signedInWith: SignIn;
}

export interface ContainerRequest {
  service: ArmSession;
  credential: TokenCredential;
  storageAccountId: string;
  containerName: string;
  /** The probe lists one blob under it, which is what Storage Blob Data Reader allows. */
  prefix: string;
  onNotice?: (message: string) => void;
}

interface ServiceError {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Storage's codes for credentials it does not take (InvalidAuthenticationInfo: 400, the others 403). */
const REFUSED_CODES = /^(Authentication|Authorization|KeyBasedAuthentication|InvalidAuthenticationInfo)/;

/** Why this way of signing in was refused (401/403, or Entra ID gave no token); undefined for other errors. */
function refusal(e: unknown): string | undefined {
  const err = (e ?? {}) as ServiceError;
  if (err.name && /Credential|Authentication/.test(err.name))
    return redact(`${err.name}: ${(err.message ?? "").split("\n")[0]}`);
  if (err.statusCode === 401 || err.statusCode === 403 || REFUSED_CODES.test(err.code ?? ""))
    return `HTTP ${err.statusCode}${err.code ? ` ${err.code}` : ""}`;
  return undefined;
}

/** Lists one blob; returns the refusal, if any. Other errors (no such container, network) are thrown. */
async function probe(container: ContainerClient, prefix: string): Promise<string | undefined> {
  try {
    await container.listBlobsFlat({ prefix }).byPage({ maxPageSize: 1 }).next();
    return undefined;
  } catch (e) {
    const reason = refusal(e);
    if (reason === undefined) throw new Error(redact(`Listing ${container.url}: ${(e as Error).message}`));
    return reason;
  }
}

async function accountKey(service: ArmSession, storageAccountId: string): Promise<string> {
  const [key] = await service.listStorageKeys(storageAccountId);
  if (!key) throw new Error(`listKeys returned no key for ${storageAccountId}`);
  return key;
}

export async function openContainer(request: ContainerRequest): Promise<ContainerAccess> {
  const { service, storageAccountId, containerName, prefix } = request;
  const account = await service.getResource(storageAccountId);
  const endpoint = (account?.properties.primaryEndpoints as { blob?: string } | undefined)?.blob;
  if (!account || !endpoint)
    throw new Error(`storage account ${storageAccountId} was not found or has no blob endpoint`);
  const url = endpoint.replace(/\/+$/, "");

  const byToken = new BlobServiceClient(url, request.credential).getContainerClient(containerName);
  const tokenRefused = await probe(byToken, prefix);
  if (tokenRefused === undefined) return { container: byToken, signedInWith: "Entra ID token" };
  request.onNotice?.(
    `The blob service of ${account.name} refused the Entra ID token (${tokenRefused}); ` +
      "reading with the account key from listKeys instead. Assign the identity Storage Blob Data Reader to read without keys.",
  );
  let key: string;
  try {
    key = await accountKey(service, account.id);
  } catch (e) {
    throw new Error(
      `Cannot read the blobs of ${storageAccountId}: the Entra ID token was refused (${tokenRefused}) ` +
        `and the account key could not be read: ${describeAzureError(e)}`,
    );
  }
  const byKey = new BlobServiceClient(
    url,
    new StorageSharedKeyCredential(account.name, key),
  ).getContainerClient(containerName);
  const keyRefused = await probe(byKey, prefix);
  if (keyRefused === undefined) return { container: byKey, signedInWith: "account key" };
  throw new Error(
    `Cannot read the blobs of ${storageAccountId}: the Entra ID token was refused (${tokenRefused}) and so was ` +
      `the account key (${keyRefused}; the account may disallow shared-key access). ` +
      "Assign the identity Storage Blob Data Reader on the account or the container.",
  );
}
