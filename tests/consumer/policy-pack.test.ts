// The policy pack as a user gets it: its own npm package, packed from policy/ and installed with this
// package into the README's project outside this repo, run by the real `pulumi` CLI on the README's
// program against the emulator. The README's defaults pass the pack; a short retention is denied.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { createConsumerProject, npm, readmeProjectFiles } from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { npmCommand, packedTarball } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

/** `npm pack policy`, as the pack is published. */
function packPolicy(destination: string): string {
  const [node, ...npmArgs] = npmCommand();
  const [{ filename }] = JSON.parse(
    execFileSync(node, [...npmArgs, "pack", "--json", "--pack-destination", destination], {
      cwd: path.join(repoRoot, "policy"),
      encoding: "utf8",
    }),
  ) as { filename: string }[];
  return path.join(destination, filename);
}

describe("the policy pack installed from its package, on the README's program", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let project: string;
  let scratch: string;
  const pack = () => path.join(project, "node_modules", "pulumi-azure-flowlogs-policy", "analyzer");

  before(async () => {
    emulator = await startEmulatedAzure();
    scratch = mkdtempSync(path.join(os.tmpdir(), "flowlogs-policy-"));
    project = await createConsumerProject(packedTarball(), readmeProjectFiles());
    await npm(project, ["install", "--save-dev", packPolicy(scratch)]);
  });

  after(async () => {
    await emulator?.stop();
    for (const dir of [project, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function stack(name: string): Promise<PulumiCli> {
    const pulumi = new PulumiCli(project, path.join(scratch, name), providerEnv(emulator));
    await pulumi.run(["stack", "init", name]);
    await pulumi.run(["config", "set", "storageAccountId", ids.STORAGE_WEU]);
    await pulumi.run(["config", "set", "targets", JSON.stringify({ web: ids.VNET_WEB })]);
    return pulumi;
  }

  it("ships the pack with its launcher, and the README's program passes it", async () => {
    assert.ok(existsSync(path.join(path.dirname(pack()), "PulumiPolicy.yaml")));
    const pulumi = await stack("dev");
    const result = await pulumi.attempt(["preview", "--non-interactive", "--policy-pack", pack()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /azure-flowlogs@v0\.1\.0/, "the policy pack did not run");
    assert.doesNotMatch(result.stdout, /breaks /);
  });

  it("denies the README's program with a retention the pack does not accept", async () => {
    const pulumi = await stack("short");
    await pulumi.run(["config", "set", "retentionDays", "30"]);
    const result = await pulumi.attempt(["preview", "--non-interactive", "--policy-pack", pack()]);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stdout,
      /FlowLog "monitoring-web" breaks flow-log-retention-90-days: retentionPolicy\.days is 30/,
    );
  });
});
