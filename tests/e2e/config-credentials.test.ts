// Issue 21, item 13: a client secret in stack config, as the README's credentials table once suggested,
// through the real engine: what Pulumi stores of it in state, the warning at preview when it is in plain
// text, and the recommended path (environment variables) that keeps every secret out of state.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { type StackState, TestStack } from "../support/engine";
import { flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets, assertNoSecretsIn } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

/** The warnings the engine showed, as text. */
const warnings = (events: EngineEvent[]) =>
  events
    .map((e) => e.diagnosticEvent)
    .filter((d) => d?.severity === "warning")
    .map((d) => d?.message ?? "");

/** Every file the stack's backend holds (checkpoint, backups, history), as one text. */
function backendFiles(s: TestStack): string {
  const root = path.join(s.backendDir, ".pulumi");
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(root, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
}

/** The inputs the engine recorded for the default provider of dynamic resources. */
function dynamicProviderInputs(state: StackState): Record<string, unknown> {
  const provider = (state.resources ?? []).find((r) => r.type === "pulumi:providers:pulumi-nodejs");
  assert.ok(provider, "the default pulumi-nodejs provider is in state");
  return (provider as { inputs?: Record<string, unknown> }).inputs ?? {};
}

describe("credentials in stack config (issue 21, item 13)", function () {
  this.timeout(10 * 60_000);
  let emulator: RunningEmulator;
  const stacks: TestStack[] = [];

  before(async () => {
    emulator = await startEmulatedAzure();
  });

  after(async () => {
    for (const s of stacks) await s.dispose();
    await emulator?.stop();
  });

  /** A stack of one FlowLog signing in with the client secret from `config`, or from the environment. */
  async function stack(target: string, secretConfig?: { secret: boolean }) {
    const { AZURE_CLIENT_SECRET, ...env } = providerEnv(emulator);
    const created = await TestStack.create({
      program: program({ targetResourceId: target }),
      env: secretConfig ? env : { ...env, AZURE_CLIENT_SECRET },
      config: secretConfig
        ? { "azure-native:clientSecret": { value: AZURE_CLIENT_SECRET, ...secretConfig } }
        : undefined,
    });
    stacks.push(created);
    return created;
  }

  it("item 13: a client secret in plain config is warned of at preview, and is what state then holds in plain text", async () => {
    const s = await stack(ids.scaleVnet(61), { secret: false });
    const preview = await s.preview();
    const warned = warnings(preview.events).filter((m) => m.includes("azure-native:clientSecret"));
    assert.equal(warned.length, 1, warnings(preview.events).join("\n"));
    assert.match(
      warned[0],
      /azure-native:clientSecret is set in stack config in plain text, so Pulumi writes it unencrypted into every state file .* set it in the environment \(ARM_CLIENT_SECRET and the like\) or sign in with OIDC/,
    );
    await s.up();
    // What the README says Pulumi stores: the whole config as the dynamic provider's inputs.
    const inputs = dynamicProviderInputs(await s.state());
    assert.equal(inputs["azure-native:clientSecret"], emulator.credentials.clientSecret);
    assert.ok(backendFiles(s).includes(`"azure-native:clientSecret":"${emulator.credentials.clientSecret}"`));
  });

  it("item 13: a client secret set with --secret is not warned of, and state holds it encrypted only", async () => {
    const s = await stack(ids.scaleVnet(62), { secret: true });
    const preview = await s.preview();
    assert.deepEqual(
      warnings(preview.events).filter((m) => m.includes("clientSecret")),
      [],
    );
    const up = await s.up();
    const state = await s.state();
    assert.ok("azure-native:clientSecret" in dynamicProviderInputs(state));
    // On disk (the checkpoint, its backups and history), only the stack's ciphertext.
    const stored = backendFiles(s);
    assert.match(
      stored,
      /"azure-native:clientSecret":\{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","ciphertext":"v1:/,
    );
    // (`pulumi stack export`, as the Automation API runs it, shows it decrypted: that is not what is stored.)
    const printed = [preview, up].map((run) => `${run.stdout}\n${JSON.stringify(run.events)}`);
    assertNoSecretsIn(emulator, [stored, ...printed]);
  });

  it("item 13: signing in from the environment (the README's first recommendation) leaves no secret in state or output", async () => {
    const s = await stack(ids.scaleVnet(63));
    const preview = await s.preview();
    assert.deepEqual(
      warnings(preview.events).filter((m) => m.includes("azure-native:")),
      [],
    );
    const up = await s.up();
    assert.ok(!JSON.stringify(dynamicProviderInputs(await s.state())).includes("clientSecret"));
    await assertNoSecrets(emulator, s, [preview, up, backendFiles(s)]);
  });
});
