// Invariant 1 across releases: a user upgrades the installed package between two runs; the engine shows
// no diff, Azure gets no write, and the serialized provider in state is byte for byte the same.
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OWNER_TAG } from "../../components/azure";
import type { RunningEmulator } from "../../emulator";
import { createConsumerProject, npm, readmeProjectFiles } from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { AzureProbe } from "../support/flow-log-program";
import { packedTarball, releasedTarball, repackAs } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

/** Makes the README's stack with flow logs on vnet-web and its subnet `app`, with the installed release. */
async function upWithInstalledRelease(project: string, stateDir: string, emulator: RunningEmulator) {
  const pulumi = new PulumiCli(project, stateDir, providerEnv(emulator));
  await pulumi.run(["stack", "init", "dev"]);
  await pulumi.run(["config", "set", "storageAccountId", ids.STORAGE_WEU]);
  await pulumi.run(["config", "set", "targets", JSON.stringify({ web: ids.VNET_WEB, app: ids.SUBNET_APP })]);
  await pulumi.run(["up", "--yes", "--non-interactive"]);
  return pulumi;
}

/** After an upgrade: preview and up show the stack, the user's component and two FlowLogs with their settings resource each unchanged, and neither they nor refresh write to Azure. */
async function assertUnchangedAndUnwritten(pulumi: PulumiCli, probe: AzureProbe) {
  const mark = await probe.requestCount();
  const preview = await pulumi.run(["preview", "--diff", "--non-interactive"]);
  assert.match(preview.stdout, /6 unchanged/);
  assert.doesNotMatch(preview.stdout, /to (create|update|replace|delete)/);
  const up = await pulumi.run(["up", "--yes", "--non-interactive"]);
  assert.match(up.stdout, /6 unchanged/);
  await pulumi.run(["refresh", "--yes", "--non-interactive"]);
  assert.deepEqual(await probe.writesSince(mark), []);
}

/** The flow-log settings resources of an exported stack. */
function settingsOf(exported: string) {
  const { deployment } = JSON.parse(exported) as {
    deployment: {
      resources?: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
    };
  };
  return (deployment.resources ?? []).filter((r) => r.type.endsWith("FlowLogSettings"));
}

/** The `__provider` of every flow log in an exported stack. */
function serializedProviders(exported: string): string[] {
  const { deployment } = JSON.parse(exported) as {
    deployment: { resources?: { type: string; inputs?: { __provider?: string } }[] };
  };
  return (deployment.resources ?? [])
    .filter((r) => r.type.endsWith("FlowLogSettings"))
    .map((r) => r.inputs?.__provider ?? "");
}

describe("upgrading the installed package (two packed releases, real pulumi CLI)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let project: string;
  let stateDir: string;
  let olderTarball: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    // The older release: the same package with another version and an implementation that leaves a mark
    // when the provider host loads it, so the test knows which release ran.
    olderTarball = repackAs(packedTarball(), "0.1.99", (dir) => {
      const lifecycle = path.join(dir, "dist", "provider", "lifecycle.js");
      writeFileSync(
        lifecycle,
        `require("node:fs").writeFileSync(__dirname + "/loaded-by-host", "");\n${readFileSync(lifecycle, "utf8")}`,
      );
    });
    project = await createConsumerProject(olderTarball, readmeProjectFiles());
    stateDir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-upgrade-state-"));
  });

  after(async () => {
    await emulator?.stop();
    for (const dir of [project && path.dirname(project), stateDir, olderTarball])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows no diff, writes nothing and keeps __provider byte-identical", async () => {
    const probe = new AzureProbe(emulator);
    const pulumi = await upWithInstalledRelease(project, stateDir, emulator);
    const installed = path.join(project, "node_modules", "pulumi-azure-flowlogs");
    assert.ok(
      existsSync(path.join(installed, "dist", "provider", "loaded-by-host")),
      "the older release did not run",
    );
    const before = serializedProviders((await pulumi.run(["stack", "export"])).stdout);

    await npm(project, ["install", packedTarball()]);
    const current = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
    assert.equal(JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")).version, current);
    await assertUnchangedAndUnwritten(pulumi, probe);
    assert.ok(!existsSync(path.join(installed, "dist", "provider", "loaded-by-host")));
    const after = serializedProviders((await pulumi.run(["stack", "export"])).stdout);
    assert.equal(after.length, 2);
    assert.deepEqual(after, before, "__provider changed between releases");
    console.log(
      `      __provider: ${Buffer.byteLength(after[0])} bytes, identical across 0.1.99 -> ${current}`,
    );
  });
});

describe("upgrading from the 0.3.0 release (owner IDs drawn at check), real pulumi CLI", function () {
  this.timeout(900_000);
  let emulator: RunningEmulator;
  let project: string;
  let stateDir: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    project = await createConsumerProject(releasedTarball("0.3.0"), readmeProjectFiles());
    stateDir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-upgrade-030-"));
  });

  after(async () => {
    await emulator?.stop();
    for (const dir of [project, stateDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("deterministic previews: 0.3.0 state (a random owner ID in its inputs) upgrades with no diff and no write; its owner tag stays, and update, refresh and destroy work", async () => {
    const probe = new AzureProbe(emulator);
    const pulumi = await upWithInstalledRelease(project, stateDir, emulator);
    const recorded = settingsOf((await pulumi.run(["stack", "export"])).stdout);
    // What 0.3.0 did: a random owner ID drawn by check, in the inputs.
    assert.equal(recorded.length, 2);
    for (const r of recorded) assert.match(String(r.inputs?.ownerId), /^[0-9a-f]{32}\.[0-9a-f]{16}$/);
    const ownerTags = async () =>
      Promise.all(
        [ids.VNET_WEB, ids.SUBNET_APP].map(async (t) => {
          const live = await probe.flowLogOf(t);
          return live && (await emulator.admin.getResource(live.id)).tags?.[OWNER_TAG];
        }),
      );
    const tagsBefore = await ownerTags();

    await npm(project, ["install", packedTarball()]);
    await assertUnchangedAndUnwritten(pulumi, probe);
    assert.deepEqual(await ownerTags(), tagsBefore);
    const upgraded = settingsOf((await pulumi.run(["stack", "export"])).stdout);
    assert.deepEqual(
      upgraded.map((r) => r.outputs?.ownerId).sort(),
      recorded.map((r) => r.outputs?.ownerId).sort(),
      "the owner ID 0.3.0 drew stays in outputs",
    );

    // The owner tag still matches what state holds, so a change goes through and nothing is refused.
    await pulumi.run(["config", "set", "enabled", "false"]);
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.enabled, false);
    assert.deepEqual(await ownerTags(), tagsBefore);
    await pulumi.run(["destroy", "--yes", "--non-interactive"]);
    assert.equal(await probe.flowLogOf(ids.VNET_WEB), undefined);
    assert.equal(await probe.flowLogOf(ids.SUBNET_APP), undefined);
  });
});
