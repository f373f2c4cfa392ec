// The policy pack through the real `pulumi` CLI: `pulumi preview --policy-pack` on stacks of FlowLogs
// against the emulator, each stack a program of this repo's FlowLog component.
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { type CliResult, PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

/**
 * The pack as the CLI starts it here: this repo's Pulumi setup has a Node.js language host that cannot
 * start policy packs from their folder, so the CLI runs the pack's launcher script (see policy/analyzer).
 */
const policyPack = path.join(repoRoot, "policy", "analyzer");

/**
 * A program declaring the FlowLogs of its `flowLogs` config ({ name: args }); with `newNsg` set, one more
 * FlowLog targets a network security group the program creates (a dynamic resource standing in for
 * azure-native's, whose provider cannot be installed here: its ID is unknown until it exists).
 */
const program = `
import * as pulumi from "@pulumi/pulumi";
import { FlowLog } from ${JSON.stringify(path.join(repoRoot, "components"))};

const config = new pulumi.Config();
// Arguments named in pendingArgs arrive as Outputs, as from another resource or a stack reference: the
// component cannot check them before registering, so the provider and the policy pack see them.
const pending = config.getObject<string[]>("pendingArgs") ?? [];
for (const [name, args] of Object.entries(config.requireObject<Record<string, object>>("flowLogs"))) {
  const entries = Object.entries(args).map(([k, v]) => [k, pending.includes(k) ? pulumi.output(v) : v]);
  new FlowLog(name, Object.fromEntries(entries));
}

class NetworkSecurityGroup extends pulumi.dynamic.Resource {
  declare readonly armId: pulumi.Output<string>;
  constructor(name: string, armId: string) {
    const provider = { create: async () => ({ id: armId, outs: { armId } }) };
    super(provider, name, { armId: undefined }, {}, "test", "NetworkSecurityGroup");
  }
}
const newNsg = config.get("newNsg");
if (newNsg) {
  const nsg = new NetworkSecurityGroup("nsg-new", newNsg);
  new FlowLog("on-new-nsg", { targetResourceId: nsg.armId, storageAccountId: config.require("storageAccountId") });
}
`;

describe("the policy pack through `pulumi preview --policy-pack`", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let project: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    const scratch = path.join(repoRoot, ".pulumi-test");
    mkdirSync(scratch, { recursive: true });
    // Inside the repo, so the program and the provider host find @pulumi/pulumi and this package.
    project = mkdtempSync(path.join(scratch, "policy-"));
    writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: flowlogs-policy\nruntime: nodejs\nmain: index.ts\n",
    );
    writeFileSync(path.join(project, "index.ts"), program);
  });

  after(async () => {
    await emulator?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  /** `pulumi preview --policy-pack` (and `args`) on a new stack holding `flowLogs` (and `extra` config). */
  async function preview(
    stack: string,
    flowLogs: Record<string, object>,
    extra: Record<string, string> = {},
    args: string[] = [],
  ): Promise<CliResult> {
    const pulumi = new PulumiCli(project, path.join(project, ".state", stack), providerEnv(emulator));
    await pulumi.run(["stack", "init", stack]);
    await pulumi.run(["config", "set", "flowLogs", JSON.stringify(flowLogs)]);
    for (const [key, value] of Object.entries(extra)) await pulumi.run(["config", "set", key, value]);
    return pulumi.attempt(["preview", "--non-interactive", "--policy-pack", policyPack, ...args]);
  }

  const compliant = {
    targetResourceId: ids.VNET_WEB,
    storageAccountId: ids.STORAGE_WEU,
    retentionPolicy: { days: 90 },
    format: { version: 2 },
    trafficAnalytics: { workspaceResourceId: ids.WORKSPACE_WEU, intervalInMinutes: 10 },
  };

  it("passes a compliant stack", async () => {
    const result = await preview("compliant", {
      web: compliant,
      api: { ...compliant, targetResourceId: ids.VNET_API, retentionPolicy: { days: 0 } },
    });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /azure-flowlogs@v0\.1\.0/, "the policy pack did not run");
    assert.doesNotMatch(result.stdout, /breaks /);
  });

  it("denies a retention below 90 days, naming the FlowLog and the rule", async () => {
    const result = await preview("short-retention", { web: { ...compliant, retentionPolicy: { days: 30 } } });
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /mandatory/);
    assert.match(
      result.stdout,
      /FlowLog "web" breaks flow-log-retention-90-days: retentionPolicy\.days is 30; CIS Azure benchmark 7\.8/,
    );
  });

  it("denies a traffic analytics interval other than 10 or 60 that reaches the engine", async () => {
    const analytics = { workspaceResourceId: ids.WORKSPACE_WEU, intervalInMinutes: 30 };
    const result = await preview(
      "interval",
      { web: { ...compliant, trafficAnalytics: analytics } },
      { pendingArgs: JSON.stringify(["trafficAnalytics"]) },
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /expected 10 or 60/, "the provider's own check");
    assert.match(
      result.stdout,
      /FlowLog "web" breaks traffic-analytics-interval: trafficAnalytics\.intervalInMinutes is 30/,
    );
  });

  it("advises format version 2 without failing the preview", async () => {
    const result = await preview("format-1", { web: { ...compliant, format: { version: 1 } } });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /advisory/);
    assert.match(result.stdout, /FlowLog "web" breaks flow-log-format-version-2: format\.version is 1/);
  });

  it("takes enforcement levels from --policy-pack-config", async () => {
    const levels = path.join(project, "levels.json");
    writeFileSync(levels, JSON.stringify({ "flow-log-format-version-2": "mandatory" }));
    const flowLogs = { web: { ...compliant, format: { version: 1 } } };
    const result = await preview("format-1-mandatory", flowLogs, {}, ["--policy-pack-config", levels]);
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /\[mandatory\]\s+flow-log-format-version-2/);
  });

  it("denies a FlowLog on a network security group the stack creates", async () => {
    const nsg = `${ids.NSG_NEW.replace(/nsg-new$/, "nsg-brand-new")}`;
    const result = await preview(
      "new-nsg",
      { web: compliant },
      { newNsg: nsg, storageAccountId: ids.STORAGE_WEU },
    );
    assert.notEqual(result.code, 0);
    assert.match(
      result.stdout,
      /FlowLog "on-new-nsg" breaks no-new-nsg-flow-logs: network security group "nsg-new" is created by this update/,
    );
    assert.doesNotMatch(result.stdout, /FlowLog "web" breaks/);
  });
});
