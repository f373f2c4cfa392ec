// Invariant 1 across releases: a user upgrades the installed package between two runs; the engine shows
// no diff, Azure gets no write, and the serialized provider in state is byte for byte the same.
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { createConsumerProject, npm, readmeProjectFiles } from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { AzureProbe } from "../support/flow-log-program";
import { packedTarball, repackAs } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

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
    const pulumi = new PulumiCli(project, stateDir, providerEnv(emulator));
    await pulumi.run(["stack", "init", "dev"]);
    await pulumi.run(["config", "set", "storageAccountId", ids.STORAGE_WEU]);
    await pulumi.run([
      "config",
      "set",
      "targets",
      JSON.stringify({ web: ids.VNET_WEB, app: ids.SUBNET_APP }),
    ]);
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    const installed = path.join(project, "node_modules", "pulumi-azure-flowlogs");
    assert.ok(
      existsSync(path.join(installed, "dist", "provider", "loaded-by-host")),
      "the older release did not run",
    );
    const before = serializedProviders((await pulumi.run(["stack", "export"])).stdout);

    await npm(project, ["install", packedTarball()]);
    const current = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
    assert.equal(JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")).version, current);
    const mark = await probe.requestCount();
    const preview = await pulumi.run(["preview", "--diff", "--non-interactive"]);
    // The stack, the user's component, and two FlowLogs with their settings resource each.
    assert.match(preview.stdout, /6 unchanged/);
    assert.doesNotMatch(preview.stdout, /to (create|update|replace|delete)/);
    const up = await pulumi.run(["up", "--yes", "--non-interactive"]);
    assert.match(up.stdout, /6 unchanged/);
    await pulumi.run(["refresh", "--yes", "--non-interactive"]);
    assert.deepEqual(await probe.writesSince(mark), []);
    assert.ok(!existsSync(path.join(installed, "dist", "provider", "loaded-by-host")));
    const after = serializedProviders((await pulumi.run(["stack", "export"])).stdout);
    assert.equal(after.length, 2);
    assert.deepEqual(after, before, "__provider changed between releases");
    console.log(
      `      __provider: ${Buffer.byteLength(after[0])} bytes, identical across 0.1.99 -> ${current}`,
    );
  });
});
