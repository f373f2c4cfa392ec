// The provider plugin installed as users install it, offline: from the packed tarball with
// `npm install --global` (the launcher on PATH), and as a plugin tarball with `pulumi plugin install
// resource azure-flowlogs <version> --file`. A YAML program without `plugins.providers` finds it each way.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { providerEnv } from "../support/emulated-azure";
import { emulatedStacks } from "../support/emulated-stacks";
import { repoRoot } from "../support/engine";
import { assertNoSecretsIn } from "../support/no-secrets";
import { npmCommand, packedTarball } from "../support/package";
import * as ids from "../support/seed-ids";
import { YamlProject } from "../support/yaml-project";

const run = promisify(execFile);
const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));

const flowLogOn = (targetResourceId: string) => ({
  log: {
    type: "azure-flowlogs:index:FlowLog",
    properties: { targetResourceId, storageAccountId: ids.STORAGE_WEU },
  },
});

describe("the provider plugin installed offline (npm install -g, pulumi plugin install --file)", function () {
  this.timeout(15 * 60_000);
  const azure = emulatedStacks();
  const scratch = mkdtempSync(path.join(repoRoot, ".pulumi-test", "install-"));
  const projects: YamlProject[] = [];
  after(() => {
    for (const p of projects) p.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Brings up a FlowLog on `target` from a YAML project with `env`, checks Azure, and destroys it. */
  async function upAndDown(env: Record<string, string>, target: string): Promise<YamlProject> {
    const yaml = new YamlProject({ ...providerEnv(azure.emulator), ...env });
    projects.push(yaml);
    yaml.write(flowLogOn(target));
    await yaml.run("stack", "init", "dev");
    await yaml.run("up", "--yes", "--skip-preview");
    assert.equal((await azure.probe.flowLogOf(target))?.enabled, true);
    await yaml.run("destroy", "--yes", "--skip-preview");
    assert.equal(await azure.probe.flowLogOf(target), undefined);
    assertNoSecretsIn(azure.emulator, yaml.printed);
    return yaml;
  }

  it("npm install --global puts the launcher on PATH, where the engine finds it", async () => {
    const prefix = path.join(scratch, "global");
    const [node, ...npm] = npmCommand();
    await run(node, [
      ...npm,
      "install",
      "--global",
      "--prefix",
      prefix,
      "--no-audit",
      "--no-fund",
      packedTarball(),
    ]);
    await upAndDown(
      { PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH}` },
      ids.scaleVnet(181),
    );
  });

  it("pulumi plugin install --file installs the plugin tarball the script makes", async () => {
    const { stdout } = await run("bash", [
      path.join(repoRoot, "scripts", "plugin-tarball.sh"),
      packedTarball(),
      path.join(scratch, "plugin"),
    ]);
    const tarball = stdout.trim().split("\n").pop()!;
    const home = path.join(scratch, "pulumi-home");
    const env = { PULUMI_HOME: home };
    const installer = new YamlProject({ ...providerEnv(azure.emulator), ...env });
    projects.push(installer);
    await installer.run("plugin", "install", "resource", "azure-flowlogs", version, "--file", tarball);
    const yaml = await upAndDown(env, ids.scaleVnet(182));
    const listed = await yaml.run("plugin", "ls");
    assert.match(listed, new RegExp(`azure-flowlogs\\s+resource\\s+${version.replaceAll(".", "\\.")}`));
  });
});
