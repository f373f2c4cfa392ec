// Azure settings as Pulumi users already write them: the azure-native stack config keys first, then
// the ARM_* variables Terraform and Pulumi read, then the AZURE_* ones the Azure SDKs read.
import type { AzureSettings } from "./types";

type Lookup = (key: string) => string | undefined;

type StringKey = Exclude<keyof AzureSettings, "useOidc" | "useMsi">;

/** Each setting: its stack config key (same name) and the environment variables, in order of precedence. */
const SOURCES: Record<keyof AzureSettings, string[]> = {
  environment: ["ARM_ENVIRONMENT", "AZURE_ENVIRONMENT"],
  metadataHost: ["ARM_METADATA_HOSTNAME", "ARM_METADATA_HOST"],
  tenantId: ["ARM_TENANT_ID", "AZURE_TENANT_ID"],
  clientId: ["ARM_CLIENT_ID", "AZURE_CLIENT_ID"],
  clientSecret: ["ARM_CLIENT_SECRET", "AZURE_CLIENT_SECRET"],
  clientCertificatePath: ["ARM_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PATH"],
  clientCertificatePassword: ["ARM_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_CERTIFICATE_PASSWORD"],
  useOidc: ["ARM_USE_OIDC"],
  oidcToken: ["ARM_OIDC_TOKEN"],
  oidcTokenFilePath: ["ARM_OIDC_TOKEN_FILE_PATH", "AZURE_FEDERATED_TOKEN_FILE"],
  oidcRequestToken: ["ARM_OIDC_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
  oidcRequestUrl: ["ARM_OIDC_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_URL"],
  useMsi: ["ARM_USE_MSI"],
  subscriptionId: ["ARM_SUBSCRIPTION_ID", "AZURE_SUBSCRIPTION_ID"],
};

const BOOLEAN_SETTINGS = new Set<keyof AzureSettings>(["useOidc", "useMsi"]);

function firstSet(values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v.trim() !== "")?.trim();
}

export function resolveAzureSettings(config: Lookup, env: NodeJS.ProcessEnv): AzureSettings {
  const settings: AzureSettings = {};
  for (const [key, envNames] of Object.entries(SOURCES) as [keyof AzureSettings, string[]][]) {
    const value = firstSet([config(key), ...envNames.map((name) => env[name])]);
    if (value === undefined) continue;
    if (BOOLEAN_SETTINGS.has(key)) settings[key as "useOidc" | "useMsi"] = /^(true|1|yes)$/i.test(value);
    else settings[key as StringKey] = value;
  }
  return settings;
}
