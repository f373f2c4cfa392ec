// The path every pipeline takes, from outside this repo: the README's project, this package installed
// from its tarball, and the real `pulumi` CLI with its Node.js language host driving it against the emulator.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import {
  createConsumerProject,
  nodeFirstEnv,
  npm,
  ReadmeShell,
  readmeCommands,
  readmeOutputs,
  readmeProjectFiles,
  startReadmeEmulator,
} from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { AzureProbe } from "../support/flow-log-program";
import { assertNoSecretsIn } from "../support/no-secrets";
import { packedTarball } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

describe("a user's project: packed package, real pulumi CLI and language host", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  let project: string;
  let stateDir: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
    project = await createConsumerProject(packedTarball(), readmeProjectFiles());
    stateDir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-consumer-state-"));
  });

  after(async () => {
    await emulator?.stop();
    for (const dir of [project && path.dirname(project), stateDir])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cli = (stack: string) => new PulumiCli(project, path.join(stateDir, stack), providerEnv(emulator));

  async function configure(pulumi: PulumiCli, stack: string, targets: Record<string, string>) {
    await pulumi.run(["stack", "init", stack]);
    await pulumi.run(["config", "set", "storageAccountId", ids.STORAGE_WEU]);
    await pulumi.run(["config", "set", "targets", JSON.stringify(targets)]);
  }

  it("shares the project's @pulumi/pulumi and needs no TypeScript tooling from us", () => {
    const ours = path.join(project, "node_modules", "pulumi-azure-flowlogs");
    assert.ok(existsSync(path.join(ours, "dist", "index.js")));
    assert.ok(
      !existsSync(path.join(ours, "node_modules", "@pulumi", "pulumi")),
      "a second @pulumi/pulumi was nested",
    );
    assert.ok(!existsSync(path.join(project, "node_modules", "ts-node")), "ts-node came with the package");
  });

  it("follows the README's first steps as typed: a local backend, passphrase, the emulator's export lines, deploy, logging off, destroy", async () => {
    const commands = readmeCommands();
    const home = mkdtempSync(path.join(os.tmpdir(), "flowlogs-home-"));
    // A person's terminal: their own HOME, no backend, passphrase or Pulumi home chosen for them.
    const env = Object.fromEntries(
      Object.entries(nodeFirstEnv()).filter(([name]) => !/^(PULUMI_|AZURE_|ARM_)/.test(name)),
    );
    const shell = new ReadmeShell(project, {
      ...env,
      HOME: home,
      // The CLI finds its own settings' folder through the password database, not $HOME: keep it in the throwaway home too.
      PULUMI_HOME: path.join(home, ".pulumi"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    });
    const readmeEmulator = await startReadmeEmulator();
    try {
      await shell.run(commands.state);
      await shell.run(readmeEmulator.exports);
      const deploy = await shell.run(commands.deploy);
      assert.match(deploy.stdout, /\+ acme:network:Monitoring/);
      assert.match(deploy.stdout, /monitoring-web/);
      assert.ok(
        existsSync(path.join(home, ".pulumi", "stacks", "acme-network", "dev.json")),
        "no local stack in ~/.pulumi",
      );
      const off = await shell.run(commands["logging-off"]);
      assert.match(off.stdout, /FlowLogSettings::monitoring-web/);
      assert.match(off.stdout, /~ enabled\s*: true => false/);
      const outputs = await shell.run("pulumi stack output --json");
      assert.match(JSON.parse(outputs.stdout).flowLogIds.web, /\/flowLogs\//);
      await shell.run(commands.destroy);
    } finally {
      await readmeEmulator.stop();
      shell.dispose();
      rmSync(home, { recursive: true, force: true });
      // Its stack config (and passphrase salt) would otherwise meet the other tests' stack of the same name.
      rmSync(path.join(project, "Pulumi.dev.yaml"), { force: true });
    }
  });

  it("prints a bad argument as the README shows it: one line naming resource, field and value, no stack trace, no colour when piped", async () => {
    const pulumi = cli("bad");
    // Piped output must be plain without being asked to.
    delete pulumi.env.NO_COLOR;
    await configure(pulumi, "bad", { web: ids.VNET_WEB });
    await pulumi.run(["config", "set", "retentionDays", "400"]);
    const mark = await probe.requestCount();
    const preview = await pulumi.attempt(["preview", "--non-interactive"]);
    const printed = `${preview.stdout}${preview.stderr}`;
    assert.notEqual(preview.code, 0);
    const expected = readmeOutputs()["bad-argument"].trim();
    const lines = printed.split("\n");
    // The Diagnostics section holds the README's line as it stands; the progress lines end with it.
    assert.ok(
      lines.some((line) => line.trim() === expected),
      printed,
    );
    const mentions = lines.filter((line) => line.includes('FlowLog "monitoring-web"'));
    for (const line of mentions) assert.ok(line.endsWith(expected.replace(/^error: /, "")), line);
    assert.doesNotMatch(printed, /^\s+at /m, "a stack trace was printed");
    assert.doesNotMatch(printed, /unhandled exception|InvalidFlowLogArgsError/);
    assert.ok(!printed.includes("\u001b["), "colour codes in piped output");
    assert.deepEqual(await probe.writesSince(mark), []);
  });

  it("runs the README's TypeScript project: preview --diff, up, enabled true => false, refresh, destroy", async () => {
    const pulumi = cli("dev");
    await configure(pulumi, "dev", { web: ids.VNET_WEB, api: ids.VNET_API });

    let mark = await probe.requestCount();
    const preview = await pulumi.run(["preview", "--diff", "--non-interactive"]);
    assert.match(preview.stdout, /\+ acme:network:Monitoring/);
    assert.match(preview.stdout, /monitoring-web/);
    assert.deepEqual(await probe.writesSince(mark), [], "preview wrote to Azure");

    await pulumi.run(["up", "--yes", "--non-interactive"]);
    for (const target of [ids.VNET_WEB, ids.VNET_API]) {
      const log = await probe.flowLogOf(target);
      assert.equal(log?.enabled, true, target);
      assert.equal(log?.retentionPolicy.days, 90);
    }

    await pulumi.run(["config", "set", "enabled", "false"]);
    mark = await probe.requestCount();
    const flip = await pulumi.run(["preview", "--diff", "--non-interactive"]);
    assert.match(flip.stdout, /FlowLogSettings::monitoring-web/);
    assert.match(flip.stdout, /~ enabled\s*: true => false/);
    assert.deepEqual(await probe.writesSince(mark), []);
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.enabled, false);
    assert.equal((await probe.flowLogOf(ids.VNET_API))?.enabled, false);

    await pulumi.run(["config", "set", "enabled", "true"]);
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    const web = await probe.flowLogOf(ids.VNET_WEB);
    assert.equal(web?.enabled, true);
    // Someone shortens the retention in the portal: refresh records it, up puts the program's value back.
    await emulator.admin.patchResource(web!.id, {
      properties: { retentionPolicy: { days: 1, enabled: true } },
    });
    const refresh = await pulumi.run(["refresh", "--yes", "--non-interactive"]);
    assert.match(refresh.stdout, /monitoring-web/);
    const afterRefresh = await pulumi.run(["preview", "--diff", "--non-interactive"]);
    assert.match(afterRefresh.stdout, /days\s*: 1 => 90/);
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.retentionPolicy.days, 90);

    const state = await pulumi.run(["stack", "export"]);
    await pulumi.run(["destroy", "--yes", "--non-interactive"]);
    // VNet flow logs are deleted on destroy (onDestroy's default).
    assert.equal(await probe.flowLogOf(ids.VNET_WEB), undefined);
    assert.equal(await probe.flowLogOf(ids.VNET_API), undefined);
    assertNoSecretsIn(emulator, [state.stdout, preview.stdout, flip.stdout, refresh.stdout]);
  });

  it("runs the same program compiled to JavaScript as a JavaScript project", async () => {
    const tsc = path.join(project, "node_modules", ".bin", "tsc");
    await promisify(execFile)(
      tsc,
      ["index.ts", "--outDir", "bin", "--module", "commonjs", "--target", "es2022"],
      {
        cwd: project,
      },
    );
    writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: acme-network\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: bin/index.js\n",
    );
    const pulumi = cli("js");
    await configure(pulumi, "js", { nic: ids.NIC_WEB });
    await pulumi.run(["up", "--yes", "--non-interactive"]);
    assert.equal((await probe.flowLogOf(ids.NIC_WEB))?.enabled, true);
    await pulumi.run(["destroy", "--yes", "--non-interactive"]);
    assert.equal(await probe.flowLogOf(ids.NIC_WEB), undefined);
  });

  it("runs flowlogs from the installed package", async () => {
    const flowlogs = path.join(project, "node_modules", ".bin", "flowlogs");
    const help = await promisify(execFile)(flowlogs, ["--help"], { cwd: project });
    assert.match(help.stdout, /Usage: flowlogs/);
    const blob = path.join(repoRoot, "tests", "logs", "fixtures", "nsg-v2.json");
    const summary = await promisify(execFile)(flowlogs, ["summarize", blob], { cwd: project });
    assert.match(summary.stdout, /DefaultRule_DenyAllInBound/);
    // The README's install brings no DuckDB (an optional peer dependency): query says how to add it.
    assert.ok(
      !existsSync(path.join(project, "node_modules", "@duckdb")),
      "npm installed DuckDB with the package",
    );
    const refused = await promisify(execFile)(flowlogs, ["query", "SELECT 1", blob], { cwd: project }).then(
      () => assert.fail("query ran without DuckDB"),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /install it with: npm install @duckdb\/node-api\n$/);
    // Added as the message says: Parquet out, SQL over it.
    await npm(project, ["install", "@duckdb/node-api"]);
    const parquet = path.join(stateDir, "parquet");
    await promisify(execFile)(flowlogs, ["export", "--format", "parquet", "--out", parquet, blob], {
      cwd: project,
    });
    const denied = await promisify(execFile)(
      flowlogs,
      ["query", "--format", "csv", "--ready", "denied-by-rule", parquet],
      {
        cwd: project,
      },
    );
    assert.match(
      denied.stdout,
      /^nsg,rule,denied,sources,firstSeen,lastSeen\n.*,DefaultRule_DenyAllInBound,\d+,/,
    );
  });

  it("runs the README's Automation API script started from another directory", async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "flowlogs-elsewhere-"));
    const pulumi = cli("automation");
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(project, "deploy.js")], {
      cwd: elsewhere,
      env: { ...pulumi.env, TARGET_ID: ids.SUBNET_APP, STORAGE_ACCOUNT_ID: ids.STORAGE_WEU },
      maxBuffer: 64 * 1024 * 1024,
    });
    rmSync(elsewhere, { recursive: true, force: true });
    assert.match(stdout, /flowLogId \/subscriptions\//);
    assert.equal((await probe.flowLogOf(ids.SUBNET_APP))?.enabled, true);
  });
});
