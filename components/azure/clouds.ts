// Azure's clouds, and custom ones (Azure Stack, or our emulator) described by a metadata host.
import { createDefaultHttpClient, createPipelineRequest } from "@azure/core-rest-pipeline";
import type { AzureSettings, CloudEndpoints } from "./types";

const KNOWN_CLOUDS: Record<string, Omit<CloudEndpoints, "custom">> = {
  public: {
    name: "AzureCloud",
    resourceManager: "https://management.azure.com",
    authorityHost: "https://login.microsoftonline.com",
    audience: "https://management.core.windows.net",
    storageSuffix: "core.windows.net",
  },
  usgovernment: {
    name: "AzureUSGovernment",
    resourceManager: "https://management.usgovcloudapi.net",
    authorityHost: "https://login.microsoftonline.us",
    audience: "https://management.core.usgovcloudapi.net",
    storageSuffix: "core.usgovcloudapi.net",
  },
  china: {
    name: "AzureChinaCloud",
    resourceManager: "https://management.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
    audience: "https://management.core.chinacloudapi.cn",
    storageSuffix: "core.chinacloudapi.cn",
  },
};

/** The names azure-native, Terraform and the Azure CLI use for the same clouds. */
const ALIASES: Record<string, string> = {
  public: "public",
  azurecloud: "public",
  azurepubliccloud: "public",
  usgovernment: "usgovernment",
  azureusgovernment: "usgovernment",
  azureusgovernmentcloud: "usgovernment",
  china: "china",
  azurechinacloud: "china",
};

const METADATA_API_VERSION = "2022-09-01";

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

interface MetadataDocument {
  name?: string;
  resourceManager?: string;
  authentication?: { loginEndpoint?: string; audiences?: string[] };
  suffixes?: { storage?: string };
}

async function fromMetadataHost(host: string): Promise<CloudEndpoints> {
  const url = `https://${host}/metadata/endpoints?api-version=${METADATA_API_VERSION}`;
  let doc: MetadataDocument;
  try {
    // The ARM pipeline's HTTP client, loaded already: the global fetch would first load its own (undici),
    // which the first read of a refresh waits for.
    const response = await createDefaultHttpClient().sendRequest(
      createPipelineRequest({ url, abortSignal: AbortSignal.timeout(30_000) }),
    );
    if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}`);
    doc = JSON.parse(response.bodyAsText ?? "") as MetadataDocument;
  } catch (e) {
    throw new Error(
      `Could not read the cloud's endpoints from metadata host ${host} (${url}): ${(e as Error).message}`,
    );
  }
  const { resourceManager, authentication } = doc;
  if (!resourceManager || !authentication?.loginEndpoint || !authentication.audiences?.length) {
    throw new Error(
      `Metadata host ${host} did not describe resourceManager, authentication.loginEndpoint and audiences`,
    );
  }
  return {
    name: doc.name ?? host,
    resourceManager: trimSlash(resourceManager),
    authorityHost: trimSlash(authentication.loginEndpoint),
    audience: trimSlash(authentication.audiences[0]),
    storageSuffix: doc.suffixes?.storage ?? "core.windows.net",
    custom: true,
  };
}

/** The cloud the settings name: a metadata host wins, then `environment` (default: public). */
export async function resolveCloud(settings: AzureSettings): Promise<CloudEndpoints> {
  if (settings.metadataHost) return fromMetadataHost(settings.metadataHost);
  const requested = settings.environment ?? "public";
  const key = ALIASES[requested.toLowerCase()];
  if (!key) {
    throw new Error(
      `environment: got "${requested}"; expected one of "public", "usgovernment", "china" ` +
        "(or a metadataHost / ARM_METADATA_HOSTNAME for a custom cloud)",
    );
  }
  return { ...KNOWN_CLOUDS[key], custom: false };
}
