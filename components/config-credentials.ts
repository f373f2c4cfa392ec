// A credential in stack config is written into every state file of the stack: the engine records the
// stack's whole configuration as the inputs of the default `pulumi-nodejs` provider, the one that runs
// FlowLogs' dynamic resources (its `configure` reads the azure-native:* keys from there). A value set with
// `pulumi config set --secret` is stored encrypted; any other value in plain text. The component cannot
// keep it out of state, so it warns at preview about plain ones and points to the environment or OIDC.
import * as pulumi from "@pulumi/pulumi";

/** azure-native's configuration keys that hold a credential. */
const CREDENTIAL_KEYS = ["clientSecret", "clientCertificatePassword", "oidcToken", "oidcRequestToken"];

/** The runtime's own answer to "was this key set with --secret?" (exported, but left out of its types). */
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean })
  .isConfigSecret;

/** The program runs already warned (by their stack resource): one warning per run, however many FlowLogs. */
const warnedRuns = new WeakSet<object>();

/** The azure-native credential keys set in this stack's config in plain text. */
export function plainCredentialKeys(): string[] {
  const config = pulumi.runtime.allConfig();
  return CREDENTIAL_KEYS.map((key) => `azure-native:${key}`).filter(
    (key) => config[key] !== undefined && !isConfigSecret?.(key),
  );
}

/** Warns, on `resource`, of credentials that would be written in plain text into the stack's state. */
export function warnOfPlainCredentials(resource: pulumi.Resource): void {
  const run = pulumi.runtime.getStackResource() ?? resource;
  if (warnedRuns.has(run)) return;
  warnedRuns.add(run);
  for (const key of plainCredentialKeys())
    pulumi.log.warn(
      `${key} is set in stack config in plain text, so Pulumi writes it unencrypted into every state file of ` +
        "this stack (the engine records the whole stack config as the inputs of the provider that runs FlowLogs). " +
        `Remove it (pulumi config rm ${key}) and set it in the environment (ARM_CLIENT_SECRET and the like) or ` +
        `sign in with OIDC; at the least, set it with pulumi config set --secret ${key}.`,
      resource,
    );
}
