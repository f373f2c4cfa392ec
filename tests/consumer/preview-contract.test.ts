// The preview as a contract, through the real `pulumi` CLI on a user's project: two previews of one
// program and one Azure state print the same bytes, and a saved update plan is what `up --plan` applies
// (create, in-place update, replace, adopt, destroy), while a change made in Azure after the plan was
// saved is refused, never silently applied.
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OWNER_TAG } from "../../components/azure";
import type { RunningEmulator } from "../../emulator";
import { createConsumerProject, readmeProjectFiles } from "../support/consumer-project";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { AzureProbe } from "../support/flow-log-program";
import { packedTarball } from "../support/package";
import { PulumiCli } from "../support/pulumi-cli";
import * as ids from "../support/seed-ids";

/** A program with one FlowLog per entry of the stack's `flowLogs` config (name -> arguments). */
const CONFIG_DRIVEN_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { FlowLog, type FlowLogArgs } from "pulumi-azure-flowlogs";

const flowLogs = new pulumi.Config().requireObject<Record<string, FlowLogArgs>>("flowLogs");
for (const [name, args] of Object.entries(flowLogs)) new FlowLog(name, args);
`;

describe("the preview as a contract (packed package, real pulumi CLI)", function () {
  this.timeout(900_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  const dirs: string[] = [];

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
  });

  after(async () => {
    await emulator?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function cli(files: Record<string, string>, env: Record<string, string> = {}) {
    const project = await createConsumerProject(packedTarball(), files);
    const stateDir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-contract-state-"));
    dirs.push(project, stateDir);
    const pulumi = new PulumiCli(project, stateDir, { ...providerEnv(emulator), ...env });
    await pulumi.run(["stack", "init", "dev"]);
    return pulumi;
  }

  /** `pulumi preview --diff`'s output; `--suppress-progress` leaves out the CLI's own `@ previewing update....` lines, which it prints while it waits. */
  const preview = async (pulumi: PulumiCli) =>
    (await pulumi.run(["preview", "--diff", "--non-interactive", "--suppress-progress"])).stdout;

  it("deterministic previews: two consecutive `pulumi preview --diff` of one program and one Azure state are byte-identical, for creates and for a one-field change that shows that field and no bookkeeping", async () => {
    const pulumi = await cli(readmeProjectFiles());
    await pulumi.run(["config", "set", "storageAccountId", ids.STORAGE_WEU]);
    // One target: Pulumi prints resources that do not depend on each other in the order their steps
    // run, which may differ from run to run whatever the provider does.
    await pulumi.run(["config", "set", "targets", JSON.stringify({ web: ids.VNET_WEB })]);
    const mark = await probe.requestCount();
    const [first, second] = [await preview(pulumi), await preview(pulumi)];
    assert.match(first, /\+ pulumi-nodejs:dynamic\/azure-flowlogs:FlowLogSettings: \(create\)/);
    assert.equal(second, first);
    assert.deepEqual(await probe.writesSince(mark), []);

    await pulumi.run(["up", "--yes", "--non-interactive"]);
    await pulumi.run(["config", "set", "enabled", "false"]);
    const [flip, again] = [await preview(pulumi), await preview(pulumi)];
    assert.equal(again, flip);
    assert.match(flip, /~ enabled\s*: true => false/);
    for (const bookkeeping of [/ownerId/, /adoptExisting/, /timeoutMinutes/, /flowLogIds\s*: \{\s*\}/])
      assert.doesNotMatch(flip, bookkeeping);
    await pulumi.run(["destroy", "--yes", "--non-interactive"]);
  });

  it("update plans: `preview --save-plan` then `up --plan` apply create, in-place update, replace, adopt and destroy; a change made in Azure in between is refused", async () => {
    const pulumi = await cli(
      { ...readmeProjectFiles(), "index.ts": CONFIG_DRIVEN_PROGRAM },
      { PULUMI_EXPERIMENTAL: "true" },
    );
    const planFile = path.join(pulumi.projectDir, "plan.json");
    const storageAccountId = ids.STORAGE_WEU;
    async function planned(flowLogs: Record<string, object>) {
      await pulumi.run(["config", "set", "flowLogs", JSON.stringify(flowLogs)]);
      await pulumi.run(["preview", "--save-plan", planFile, "--non-interactive"]);
    }
    const upWithPlan = () => pulumi.attempt(["up", "--plan", planFile, "--yes", "--non-interactive"]);
    async function applied(flowLogs: Record<string, object>) {
      await planned(flowLogs);
      const up = await upWithPlan();
      assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
    }

    const web = { targetResourceId: ids.VNET_WEB, storageAccountId };
    await applied({ web });
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.enabled, true);
    await applied({ web: { ...web, retentionPolicy: { days: 7 } } });
    assert.equal((await probe.flowLogOf(ids.VNET_WEB))?.retentionPolicy.days, 7);
    const api = { targetResourceId: ids.VNET_API, storageAccountId, retentionPolicy: { days: 7 } };
    await applied({ web: api });
    assert.equal(await probe.flowLogOf(ids.VNET_WEB), undefined, "the replaced flow log was not deleted");
    assert.equal((await probe.flowLogOf(ids.VNET_API))?.retentionPolicy.days, 7);
    const nsg = {
      targetResourceId: ids.NSG_WITH_ENABLED_LOG,
      storageAccountId,
      adoptExisting: true,
      retentionPolicy: { days: 9 },
    };
    await applied({ web: api, nsg });
    assert.equal((await probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.retentionPolicy.days, 9);
    await applied({ nsg });
    assert.equal(await probe.flowLogOf(ids.VNET_API), undefined, "the removed flow log was not deleted");

    // A flow log someone enables on the planned target after the plan was saved: the create is refused.
    await planned({ nsg, app: { targetResourceId: ids.SUBNET_APP, storageAccountId } });
    await emulator.admin.putResource(`${ids.WATCHER_WEU}/flowLogs/made-in-portal`, {
      location: "westeurope",
      properties: {
        targetResourceId: ids.SUBNET_APP,
        storageId: ids.STORAGE_WEU_2,
        enabled: true,
        retentionPolicy: { days: 0, enabled: false },
        format: { type: "JSON", version: 2 },
        provisioningState: "Succeeded",
      },
    });
    let mark = await probe.requestCount();
    const takeover = await upWithPlan();
    assert.notEqual(takeover.code, 0, takeover.stdout);
    assert.match(takeover.stdout + takeover.stderr, /refused to take over the target's enabled flow log/);
    assert.deepEqual(await probe.writesSince(mark), []);
    assert.equal((await probe.flowLogOf(ids.SUBNET_APP))?.storageId, ids.STORAGE_WEU_2);

    // Another resource takes the flow log after the plan to change it was saved: refused (without
    // adoptExisting, which would take it back).
    const { adoptExisting: _adopted, ...adopted } = nsg;
    await planned({ nsg: { ...adopted, retentionPolicy: { days: 10 } } });
    const live = await probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG);
    await emulator.admin.patchResource(live!.id, { tags: { [OWNER_TAG]: "another-owner" } });
    mark = await probe.requestCount();
    const foreign = await upWithPlan();
    assert.notEqual(foreign.code, 0, foreign.stdout);
    assert.match(foreign.stdout + foreign.stderr, /now managed by another Pulumi resource/);
    assert.deepEqual(await probe.writesSince(mark), []);
    assert.equal((await probe.flowLogOf(ids.NSG_WITH_ENABLED_LOG))?.retentionPolicy.days, 9);
  });
});
