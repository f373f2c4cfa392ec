// The one error this layer raises, and the sentence a person reads. Callers may run in another process,
// so classify by `name` and `code`, never `instanceof`. Nothing here ever carries a secret or token.

export class AzureRequestError extends Error {
  override readonly name = "AzureRequestError";
  constructor(
    message: string,
    readonly code: string,
    readonly operation: string,
    readonly statusCode?: number,
    readonly requestId?: string,
  ) {
    super(redact(message));
  }
}

export function isAzureRequestError(e: unknown): e is AzureRequestError {
  return (e as { name?: unknown } | undefined)?.name === "AzureRequestError";
}

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /(Bearer\s+)[^\s"',]+/gi;
const SECRET_PARAMS =
  /((?:client_secret|client_assertion|access_token|refresh_token|sig|password)=)[^&\s"']+/gi;

/** Removes anything shaped like a token or secret from text that may reach a person or a log. */
export function redact(text: string): string {
  return text
    .replace(JWT, "<redacted token>")
    .replace(BEARER, "$1<redacted>")
    .replace(SECRET_PARAMS, "$1<redacted>");
}

interface SdkError {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Wraps whatever the SDK or @azure/identity threw into an AzureRequestError for `operation`. */
export function toAzureError(e: unknown, operation: string): AzureRequestError {
  if (isAzureRequestError(e)) return e;
  const err = (e ?? {}) as SdkError;
  if (err.name === "AbortError") {
    return new AzureRequestError(`${operation} did not finish in time`, "OperationTimedOut", operation);
  }
  if (err.name && /Credential|Authentication|SignIn/.test(err.name)) {
    return new AzureRequestError(err.message ?? err.name, err.name, operation);
  }
  // core-lro reports an operation that ended Failed as plain text: "... has failed. <code>. <message>".
  const failed = /^The long-running operation has failed\. (\w+)\. (.*)$/s.exec(err.message ?? "");
  if (failed && !err.code) return new AzureRequestError(failed[2], failed[1], operation);
  const status = err.statusCode;
  const code = err.code ?? (status ? `HTTP${status}` : "RequestFailed");
  const requestId = err.response?.headers?.get("x-ms-request-id");
  return new AzureRequestError(err.message ?? String(e), code, operation, status, requestId);
}

/** An ARM error answer of a raw REST call (status and `{"error":{code,message}}`) as an AzureRequestError. */
export function restError(
  response: { status: string; headers: Record<string, string | undefined>; body: unknown },
  operation: string,
): AzureRequestError {
  const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new AzureRequestError(
    error?.message ?? `HTTP ${response.status}`,
    error?.code ?? `HTTP${response.status}`,
    operation,
    Number(response.status),
    response.headers["x-ms-request-id"],
  );
}

/** "Already gone": the target, the watcher or the flow log does not exist. */
export function isNotFound(e: unknown): boolean {
  return /NotFound$|^HTTP404$/.test(toAzureError(e, "").code);
}

/** What `work` gives, or undefined when what it reads or removes is already gone. */
export async function undefinedIfNotFound<T>(work: PromiseLike<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

const HINTS: [RegExp, string][] = [
  [
    /^NsgFlowLogCreationBlocked$/,
    "Azure creates no new NSG flow logs since 30 June 2025; log the NSG's virtual network, a subnet or a network interface instead (targetResourceId).",
  ],
  [
    /^(AuthorizationFailed|LinkedAuthorizationFailed)$/,
    "The identity lacks a role: flow logs need Network Contributor on the target and the Network Watcher, and read access to the storage account and workspace.",
  ],
  [
    /Storage.*(Region|Location)|(Region|Location).*Storage/i,
    "Put the storage account in the target's region (storageAccountId).",
  ],
  [
    /Insights|Registration|NotRegistered/i,
    "Register the resource provider once per subscription: az provider register --namespace Microsoft.Insights.",
  ],
  [
    /^InvalidTAWorkspaceRegion$/,
    "Leave trafficAnalytics.workspaceRegion out (it is looked up) or set it to the workspace's region.",
  ],
  [
    /^AnotherOperationInProgress$/,
    "Another change to this target was still running after every retry; run the update again.",
  ],
  [
    /^(TooManyRequests|HTTP429)$/,
    "Azure Resource Manager throttled this subscription even after the retries; run again later or with fewer parallel operations.",
  ],
  [/NotFound$/, "Check the ID, and that the identity can read the resource."],
  [
    /^(AuthenticationFailed|ExpiredAuthenticationToken|InvalidAuthenticationToken\w*)$/,
    "Azure rejected the token: check tenantId and that the identity belongs to the subscription's tenant.",
  ],
  [
    /^OperationTimedOut$/,
    "Raise timeoutMinutes (or the resource's customTimeouts for this operation) if Azure is slow today.",
  ],
];

/** The name of the error createCredential raises when a way to sign in lacks a setting. */
export const MISSING_SIGN_IN_SETTING = "SignInSettingMissing";

/** The names @azure/identity (and createCredential) give their errors: signing in failed before any request reached Azure. */
const SIGN_IN_ERRORS = new Set([
  MISSING_SIGN_IN_SETTING,
  "CredentialUnavailableError",
  "AuthenticationError",
  "AggregateAuthenticationError",
  "AuthenticationRequiredError",
]);

const ANY_SIGN_IN =
  "set ARM_CLIENT_ID, ARM_TENANT_ID and ARM_CLIENT_SECRET (or stack config azure-native:clientId, " +
  "azure-native:tenantId and the secret azure-native:clientSecret); in a pipeline ARM_USE_OIDC=true with " +
  "ARM_CLIENT_ID, ARM_TENANT_ID and ARM_OIDC_TOKEN_FILE_PATH (or GitHub's token request variables); on an " +
  "Azure machine ARM_USE_MSI=true; or sign in with `az login`";

/** What to set, by the credential that failed (its name leads @azure/identity's message). */
const SIGN_IN_FIXES: [RegExp, string][] = [
  [
    /^ClientSecretCredential/,
    "check ARM_CLIENT_SECRET (or azure-native:clientSecret) and that ARM_CLIENT_ID and ARM_TENANT_ID name the app registration it belongs to",
  ],
  [
    /^ClientCertificateCredential/,
    "check ARM_CLIENT_CERTIFICATE_PATH and ARM_CLIENT_CERTIFICATE_PASSWORD (or azure-native:clientCertificatePath and clientCertificatePassword), with ARM_CLIENT_ID and ARM_TENANT_ID",
  ],
  [
    /^(ClientAssertionCredential|WorkloadIdentityCredential)/,
    "check the OIDC settings: ARM_USE_OIDC=true, ARM_CLIENT_ID and ARM_TENANT_ID of the federated identity, and ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH or the pipeline's token request variables",
  ],
  [
    /^ManagedIdentityCredential/,
    "ARM_USE_MSI=true needs a managed identity on this machine (ARM_CLIENT_ID picks a user-assigned one); elsewhere leave it out and use a client secret or OIDC",
  ],
];

/**
 * @azure/identity's message cut to what a person needs: the credential and Entra ID's AADSTS sentence,
 * else the first line, without the trace and correlation IDs and timestamps around it.
 */
function signInCause(message: string): string {
  const way = /^(\w+Credential)\b/.exec(message)?.[1];
  const entra = /AADSTS\d+: [^.]*\./.exec(message)?.[0];
  if (entra) return way ? `${way}: ${entra}` : entra;
  const first = message
    .split("\n")[0]
    .split(/\s+Trace ID:/)[0]
    .trim();
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/**
 * A sign-in failure, led by what to set; its cause in one line. A chain of credentials that all were
 * unavailable (nothing set up) is summed up, not listed credential by credential.
 */
function describeSignInFailure(err: AzureRequestError): string {
  const message = err.message.trim();
  // Our own check of the settings already says what is missing and where to set it.
  if (err.code === MISSING_SIGN_IN_SETTING) return message;
  const fix = SIGN_IN_FIXES.find(([pattern]) => pattern.test(message))?.[1];
  const cause =
    err.code === "AggregateAuthenticationError" || /^ChainedTokenCredential/.test(message)
      ? "no credential is set up: none of the environment, workload identity, managed identity or the Azure CLI could sign in"
      : signInCause(message);
  const what = fix ?? ANY_SIGN_IN;
  return redact(`Signing in to Azure failed: ${what}. (${cause})`);
}

/** Whether `e` is a sign-in failure of @azure/identity rather than an answer of Azure. */
export function isSignInFailure(e: unknown): boolean {
  const err = isAzureRequestError(e) ? e : toAzureError(e, "");
  return SIGN_IN_ERRORS.has(err.code);
}

/** One paragraph: what failed, Azure's code, status and request id, its message, and what to do. */
export function describeAzureError(e: unknown): string {
  const err = isAzureRequestError(e) ? e : toAzureError(e, "The Azure request");
  if (SIGN_IN_ERRORS.has(err.code)) return describeSignInFailure(err);
  const facts = [
    err.code,
    err.statusCode && `HTTP ${err.statusCode}`,
    err.requestId && `request id ${err.requestId}`,
  ]
    .filter(Boolean)
    .join(", ");
  const hint = HINTS.find(([pattern]) => pattern.test(err.code))?.[1];
  return redact(`${err.operation} failed (${facts}): ${err.message}${hint ? ` ${hint}` : ""}`);
}
