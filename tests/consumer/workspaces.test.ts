// A monorepo: npm workspaces hoist this package and @pulumi/pulumi to the root's node_modules, and the
// Pulumi project lives in a workspace folder below it; the CLI and the provider host find both from there.
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { npm, readmeProjectFiles } from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { AzureProbe } from "../support/flow-log-program";
import { packedTarball } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

describe("a user's monorepo with npm workspaces (packed package, real pulumi CLI)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let root: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    root = mkdtempSync(path.join(os.tmpdir(), "flowlogs-monorepo-"));
    const infra = path.join(root, "packages", "infra");
    mkdirSync(infra, { recursive: true });
    writeFileSync(
      path.join(root, "package.json"),
      JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }, null, 2),
    );
    writeFileSync(
      path.join(infra, "package.json"),
      JSON.stringify({ name: "infra", version: "1.0.0" }, null, 2),
    );
    for (const [name, text] of Object.entries(readmeProjectFiles()))
      writeFileSync(path.join(infra, name), text);
    await npm(root, ["install", "--workspace", "infra", packedTarball(), "@pulumi/pulumi@3", "typescript@5"]);
  });

  after(async () => {
    await emulator?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("deploys and destroys from the workspace folder", async () => {
    const probe = new AzureProbe(emulator);
    const pulumi = new PulumiCli(
      path.join(root, "packages", "infra"),
      path.join(root, ".state"),
      providerEnv(emulator),
    );
    await pulumi.run(["stack", "init", "dev"]);
    await pulumi.run(["config", "set", "storageAccountId", ids.STORAGE_WEU]);
    await pulumi.run(["config", "set", "targets", JSON.stringify({ web: ids.VNET_WEB })]);
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.enabled, true);
    await pulumi.run(["destroy", "--yes", "--non-interactive"]);
    assert.equal(await probe.flowLogOf(ids.VNET_WEB), undefined);
  });
});
