// Upgrading from the published 0.3.0, whose flow logs carry its closure-serialized shim as `__provider`,
// to this release, which records a fixed, smaller one: no diff, no Azure write, the old provider still
// runs refresh and destroy, and refresh moves a flow log's state onto the new provider for good.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { createConsumerProject, npm, readmeProjectFiles } from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import { AzureProbe } from "../support/flow-log-program";
import { packedTarball, releasedTarball } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

const NEW_PROVIDER = readFileSync(path.join(repoRoot, "components", "provider", "shim-v2.js"), "utf8");

interface ExportedResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The flow-log settings resources of an exported stack. */
async function settingsOf(stack: Stack): Promise<ExportedResource[]> {
  const exported = JSON.parse((await stack.run("stack", "export")).stdout) as {
    deployment: { resources?: ExportedResource[] };
  };
  return (exported.deployment.resources ?? [])
    .filter((r) => r.type.endsWith("FlowLogSettings"))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

/** What a flow log records: its inputs and outputs, in URN order (the engine orders state as steps finish). */
async function recordedBy(stack: Stack) {
  return (await settingsOf(stack)).map(({ urn, inputs, outputs }) => ({ urn, inputs, outputs }));
}

/** Which provider each flow log's inputs and outputs carry: "new", or "old" for anything else. */
async function providersOf(stack: Stack): Promise<string[]> {
  const which = (p: unknown) => (p === NEW_PROVIDER ? "new" : "old");
  return (await settingsOf(stack)).map(
    (r) => `${which(r.inputs?.__provider)}/${which(r.outputs?.__provider)}`,
  );
}

/** One stack of the project, by name. */
class Stack {
  constructor(
    private readonly pulumi: PulumiCli,
    private readonly name: string,
  ) {}

  run(...args: string[]) {
    return this.pulumi.run([...args, "--stack", this.name]);
  }

  async init(targets: Record<string, string>) {
    await this.pulumi.run(["stack", "init", this.name]);
    await this.run("config", "set", "storageAccountId", ids.STORAGE_WEU);
    await this.run("config", "set", "targets", JSON.stringify(targets));
    await this.run("up", "--yes", "--non-interactive");
  }
}

describe("upgrading from the published 0.3.0 (packed releases, real pulumi CLI)", function () {
  this.timeout(900_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  let project: string;
  let stateDir: string;
  let dev: Stack;
  let untouched: Stack;

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
    project = await createConsumerProject(releasedTarball("0.3.0"), readmeProjectFiles());
    stateDir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-upgrade-0.3-"));
    const pulumi = new PulumiCli(project, stateDir, providerEnv(emulator));
    // Two stacks of one project: one goes on with the new release, one is only destroyed by it.
    dev = new Stack(pulumi, "dev");
    untouched = new Stack(pulumi, "untouched");
    await dev.init({ web: ids.VNET_WEB, app: ids.SUBNET_APP });
    await untouched.init({ api: ids.VNET_API });
    await npm(project, ["install", packedTarball()]);
  });

  after(async () => {
    await emulator?.stop();
    for (const dir of [project, stateDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows no diff and writes nothing; refresh, run by the old provider, moves state to the new one", async () => {
    assert.deepEqual(await providersOf(dev), ["old/old", "old/old"], "0.3.0 did not record its own provider");
    const mark = await probe.requestCount();
    const preview = await dev.run("preview", "--diff", "--non-interactive");
    // The stack, the user's component, and two FlowLogs with their settings resource each.
    assert.match(preview.stdout, /6 unchanged/);
    assert.doesNotMatch(preview.stdout, /to (create|update|replace|delete)/);
    const up = await dev.run("up", "--yes", "--non-interactive");
    assert.match(up.stdout, /6 unchanged/);
    // The engine keeps a same resource's outputs and records its new inputs.
    assert.deepEqual(await providersOf(dev), ["new/old", "new/old"]);

    await dev.run("refresh", "--yes", "--non-interactive");
    assert.deepEqual(await providersOf(dev), ["new/new", "new/new"]);
    const converged = await recordedBy(dev);
    const again = await dev.run("up", "--yes", "--non-interactive");
    assert.match(again.stdout, /6 unchanged/);
    await dev.run("refresh", "--yes", "--non-interactive");
    assert.deepEqual(await recordedBy(dev), converged, "state still moves after converging");
    assert.deepEqual(await probe.writesSince(mark), []);
  });

  it("destroys a flow log with the old provider, as its state says", async () => {
    assert.deepEqual(await providersOf(untouched), ["old/old"]);
    assert.equal((await probe.flowLogOf(ids.VNET_API))?.enabled, true);
    const mark = await probe.requestCount();
    await untouched.run("destroy", "--yes", "--non-interactive");
    assert.deepEqual(await probe.writesSince(mark), ["flowLogs.delete"]);
    assert.equal(await probe.flowLogOf(ids.VNET_API), undefined);
  });
});
