// Microsoft Entra ID (Azure AD) as @azure/identity and MSAL use it: OpenID configuration, signing keys,
// and the token endpoint for client credentials with a secret or a federated client assertion.
import type { EmulatorContext } from "../context";
import { AadError } from "../errors";
import { type EmuRequest, type EmuResponse, json, type Route } from "../http";
import type { SeedServicePrincipal, SeedTenant } from "../seed";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const FEDERATED_AUDIENCE = "api://AzureADTokenExchange";
export const OIDC_ISSUER_PATH = "/_emulator/oidc";

/** The resources tokens can be issued for: ARM (the emulator itself) and Azure Storage. */
function knownResource(ctx: EmulatorContext, scope: string): string | undefined {
  const resource = scope.replace(/\/\.default$/, "").replace(/\/+$/, "");
  const known = [ctx.origin, "https://storage.azure.com"];
  return known.find((k) => k.toLowerCase() === resource.toLowerCase());
}

function tenantOf(ctx: EmulatorContext, tenantId: string) {
  const tenant = ctx.seed.tenants.find((t) => t.id.toLowerCase() === tenantId.toLowerCase());
  if (!tenant) throw new AadError(400, "invalid_tenant", `AADSTS90002: Tenant '${tenantId}' not found.`);
  return tenant;
}

function openIdConfiguration(ctx: EmulatorContext, tenantId: string): EmuResponse {
  tenantOf(ctx, tenantId);
  const base = `${ctx.origin}/${tenantId}`;
  return json(200, {
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${ctx.origin}/${tenantId}/discovery/v2.0/keys`,
    response_types_supported: ["code", "id_token", "token"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
    tenant_region_scope: "EU",
  });
}

async function authenticate(
  ctx: EmulatorContext,
  principal: SeedServicePrincipal,
  form: URLSearchParams,
): Promise<void> {
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null) {
    if (secret !== principal.clientSecret) {
      throw new AadError(
        401,
        "invalid_client",
        `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${principal.clientId}'.`,
      );
    }
    return;
  }
  if (assertion !== null && form.get("client_assertion_type") === ASSERTION_TYPE) {
    const issuer = `${ctx.origin}${OIDC_ISSUER_PATH}`;
    let claims: { sub: string; aud: string | string[] };
    try {
      claims = await ctx.tokens.verifyOidcToken(assertion, issuer);
    } catch (e) {
      throw new AadError(
        400,
        "invalid_client",
        `AADSTS700024: Client assertion is not within its valid time range or is not trusted (${(e as { code?: string }).code ?? "invalid"}).`,
      );
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const trusted = (principal.federated ?? []).some(
      (f) =>
        (f.issuer === "self" || f.issuer === issuer) &&
        f.subject === claims.sub &&
        audiences.includes(f.audience ?? FEDERATED_AUDIENCE),
    );
    if (!trusted) {
      throw new AadError(
        400,
        "invalid_client",
        `AADSTS70021: No matching federated identity record found for presented assertion subject '${claims.sub}'.`,
      );
    }
    return;
  }
  throw new AadError(
    400,
    "invalid_request",
    "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}

/** The tenant a token request is for: named in the path, or (AD FS, which has none) the client's own. */
type TenantOfRequest = (ctx: EmulatorContext, form: URLSearchParams) => SeedTenant;

async function token(
  req: EmuRequest,
  ctx: EmulatorContext,
  tenantFor: TenantOfRequest,
): Promise<EmuResponse> {
  const form = new URLSearchParams(req.rawBody);
  const tenant = tenantFor(ctx, form);
  if (form.get("grant_type") !== "client_credentials") {
    throw new AadError(
      400,
      "unsupported_grant_type",
      "AADSTS70003: The app requested an unsupported grant type; only client_credentials is emulated.",
    );
  }
  const clientId = form.get("client_id") ?? "";
  const principal = tenant.servicePrincipals.find((p) => p.clientId === clientId);
  if (!principal) {
    throw new AadError(
      400,
      "unauthorized_client",
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant.id}'.`,
    );
  }
  await authenticate(ctx, principal, form);
  const scope = form.get("scope") ?? "";
  const resource = scope
    .split(" ")
    .map((s) => knownResource(ctx, s))
    .find(Boolean);
  if (!resource) {
    throw new AadError(
      400,
      "invalid_resource",
      `AADSTS500011: The resource principal named ${scope} was not found in the tenant named ${tenant.id}.`,
    );
  }
  const lifetime = ctx.options.tokenLifetimeSeconds;
  const accessToken = await ctx.tokens.issueAccessToken(tenant.id, clientId, resource, lifetime);
  return json(200, {
    token_type: "Bearer",
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
  });
}

/** AD FS has no tenant in its paths; the client's registration names it (inferred: the emulator's choice). */
function tenantOfClient(ctx: EmulatorContext, form: URLSearchParams): SeedTenant {
  const clientId = form.get("client_id") ?? "";
  const tenant = ctx.seed.tenants.find((t) => t.servicePrincipals.some((p) => p.clientId === clientId));
  if (!tenant) {
    throw new AadError(
      400,
      "unauthorized_client",
      `MSIS9607: The 'client_id' parameter in the request is invalid. No registered client is found with identifier '${clientId}'.`,
    );
  }
  return tenant;
}

/**
 * AD FS, as Azure Stack Hub and custom clouds use it: the Azure CLI (MSAL) discovers it at
 * `{loginEndpoint}/adfs/.well-known/openid-configuration` (no `/v2.0`, no instance discovery).
 */
const adfsRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/adfs\/\.well-known\/openid-configuration$/i,
    operation: "aad.openidConfiguration",
    access: "open",
    handle: (_req, ctx) =>
      json(200, {
        issuer: `${ctx.origin}/adfs`,
        authorization_endpoint: `${ctx.origin}/adfs/oauth2/authorize/`,
        token_endpoint: `${ctx.origin}/adfs/oauth2/token/`,
        jwks_uri: `${ctx.origin}/adfs/discovery/keys`,
        response_types_supported: ["code", "id_token", "token"],
        grant_types_supported: ["client_credentials"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      }),
  },
  {
    method: "GET",
    pattern: /^\/adfs\/discovery\/keys$/i,
    operation: "aad.keys",
    access: "open",
    handle: (_req, ctx) => json(200, ctx.tokens.jwks),
  },
  {
    method: "POST",
    pattern: /^\/adfs\/oauth2\/token$/i,
    operation: "token",
    access: "open",
    handle: (req, ctx) => token(req, ctx, tenantOfClient),
  },
];

export const aadRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/i,
    operation: "aad.openidConfiguration",
    access: "open",
    handle: (_req, ctx, m) => openIdConfiguration(ctx, m[1]),
  },
  {
    method: "GET",
    pattern: /^\/([^/]+)\/discovery\/v2\.0\/keys$/i,
    operation: "aad.keys",
    access: "open",
    handle: (_req, ctx) => json(200, ctx.tokens.jwks),
  },
  {
    method: "POST",
    pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/i,
    operation: "token",
    access: "open",
    handle: (req, ctx, m) => token(req, ctx, (c) => tenantOf(c, m[1])),
  },
  ...adfsRoutes,
  {
    method: "GET",
    pattern: /^\/_emulator\/oidc\/\.well-known\/openid-configuration$/i,
    operation: "oidc.configuration",
    access: "open",
    handle: (_req, ctx) =>
      json(200, {
        issuer: `${ctx.origin}${OIDC_ISSUER_PATH}`,
        jwks_uri: `${ctx.origin}${OIDC_ISSUER_PATH}/jwks`,
        id_token_signing_alg_values_supported: ["RS256"],
      }),
  },
  {
    method: "GET",
    pattern: /^\/_emulator\/oidc\/jwks$/i,
    operation: "oidc.keys",
    access: "open",
    handle: (_req, ctx) => json(200, ctx.tokens.oidcJwks),
  },
  {
    method: "GET",
    pattern: /^\/metadata\/endpoints$/i,
    operation: "metadata",
    access: "open",
    handle: (_req, ctx) =>
      json(200, {
        name: "AzureEmulator",
        resourceManager: `${ctx.origin}/`,
        // Read by the Azure CLI's endpoint discovery (`az cloud register --endpoint-resource-manager`).
        galleryEndpoint: `${ctx.origin}/`,
        graphEndpoint: `${ctx.origin}/`,
        portalEndpoint: `${ctx.origin}/`,
        authentication: {
          loginEndpoint: `${ctx.origin}/`,
          audiences: [ctx.origin],
          tenant: "common",
          identityProvider: "AAD",
        },
        suffixes: { storage: "core.windows.net" },
      }),
  },
];
