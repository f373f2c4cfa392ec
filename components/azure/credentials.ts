// One credential from the settings, built with @azure/identity only. The first complete way to sign
// in wins, in the order azure-native documents: secret, certificate, OIDC, managed identity; with
// none of them, the usual chain (environment, workload identity, managed identity, Azure CLI).
import type { TokenCredential } from "@azure/core-auth";
import {
  AzureCliCredential,
  ChainedTokenCredential,
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import { MISSING_SIGN_IN_SETTING } from "./errors";
import type { AzureSettings, CloudEndpoints } from "./types";

/** Audience of federated (OIDC) tokens exchanged for Entra ID tokens. */
const FEDERATED_AUDIENCE = "api://AzureADTokenExchange";

function requireIds(settings: AzureSettings, how: string): { tenantId: string; clientId: string } {
  const { tenantId, clientId } = settings;
  if (!tenantId || !clientId) {
    const missing = [
      !tenantId && "ARM_TENANT_ID (or azure-native:tenantId)",
      !clientId && "ARM_CLIENT_ID (or azure-native:clientId)",
    ].filter(Boolean);
    throw Object.assign(
      new Error(`Signing in to Azure with ${how} needs more: set ${missing.join(" and ")}.`),
      {
        name: MISSING_SIGN_IN_SETTING,
      },
    );
  }
  return { tenantId, clientId };
}

/** Asks a CI system (GitHub Actions and alike) for an ID token, as its OIDC request URL and token allow. */
function requestFederatedToken(url: string, bearer: string): () => Promise<string> {
  return async () => {
    const separator = url.includes("?") ? "&" : "?";
    const response = await fetch(`${url}${separator}audience=${encodeURIComponent(FEDERATED_AUDIENCE)}`, {
      headers: { Authorization: `Bearer ${bearer}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`The OIDC request URL answered HTTP ${response.status}`);
    const body = (await response.json()) as { value?: string };
    if (!body.value) throw new Error("The OIDC request URL returned no token");
    return body.value;
  };
}

/**
 * The credential, its failures led by its name (e.g. "ClientSecretCredential: ..."): @azure/identity's
 * messages often leave it out, and what to set depends on it.
 */
export function createCredential(settings: AzureSettings, cloud: CloudEndpoints): TokenCredential {
  const credential = chooseCredential(settings, cloud);
  const way = credential.constructor.name;
  return {
    async getToken(scopes, options) {
      try {
        return await credential.getToken(scopes, options);
      } catch (e) {
        const err = e as Error;
        if (err?.message !== undefined && !err.message.startsWith(way))
          err.message = `${way}: ${err.message}`;
        throw err;
      }
    },
  };
}

function chooseCredential(settings: AzureSettings, cloud: CloudEndpoints): TokenCredential {
  const options = { authorityHost: cloud.authorityHost, disableInstanceDiscovery: cloud.custom };
  if (settings.clientSecret) {
    const { tenantId, clientId } = requireIds(settings, "a client secret");
    return new ClientSecretCredential(tenantId, clientId, settings.clientSecret, options);
  }
  if (settings.clientCertificatePath) {
    const { tenantId, clientId } = requireIds(settings, "a client certificate");
    return new ClientCertificateCredential(
      tenantId,
      clientId,
      {
        certificatePath: settings.clientCertificatePath,
        certificatePassword: settings.clientCertificatePassword,
      },
      options,
    );
  }
  if (settings.oidcToken) {
    const { tenantId, clientId } = requireIds(settings, "an OIDC token");
    const token = settings.oidcToken;
    return new ClientAssertionCredential(tenantId, clientId, async () => token, options);
  }
  if (settings.oidcTokenFilePath) {
    const { tenantId, clientId } = requireIds(settings, "an OIDC token file");
    return new WorkloadIdentityCredential({
      ...options,
      tenantId,
      clientId,
      tokenFilePath: settings.oidcTokenFilePath,
    });
  }
  if (settings.useOidc && settings.oidcRequestUrl && settings.oidcRequestToken) {
    const { tenantId, clientId } = requireIds(settings, "OIDC");
    return new ClientAssertionCredential(
      tenantId,
      clientId,
      requestFederatedToken(settings.oidcRequestUrl, settings.oidcRequestToken),
      options,
    );
  }
  if (settings.useMsi) {
    return new ManagedIdentityCredential(settings.clientId ? { clientId: settings.clientId } : {});
  }
  return new ChainedTokenCredential(
    new EnvironmentCredential(options),
    ...(process.env.AZURE_FEDERATED_TOKEN_FILE ? [new WorkloadIdentityCredential(options)] : []),
    new ManagedIdentityCredential(settings.clientId ? { clientId: settings.clientId } : {}),
    new AzureCliCredential({ tenantId: settings.tenantId }),
  );
}
