// Issue #13's acceptance, end to end: the plan `flowlogs migrate plan --format json` prints for the
// emulator's estate seed goes as it is into NsgFlowLogMigration, through the real engine: preview
// writes nothing, a flow log failing half way leaves the NSG flow logs waiting for it on, the next up
// converges to exactly what the plan says, and rollback enables again exactly what it disabled. The
// emulator's ordered flow-log changes, replayed NIC by NIC, show no NIC logged at the start unlogged at
// any moment.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { NsgFlowLogMigration } from "../../components";
import type { MigrationPlan } from "../../components/migration";
import type { FlowLogSnapshot } from "../../emulator";
import { CoverageTimeline, logs, type NicLogging, nicLoggingIn } from "../support/coverage-timeline";
import { providerEnv } from "../support/emulated-azure";
import { emulatedStacks, failureOf } from "../support/emulated-stacks";
import { repoRoot, stackOutput, stepOps } from "../support/engine";
import * as estate from "../support/estate-ids";
import { assertNoSecrets } from "../support/no-secrets";

const REGION = "westeurope";
/** The VNet flow log the fault hits: four NSG flow logs wait for it. */
const FAILING = estate.vnet("rg-prod-weu", "vnet-prod-weu");

const lower = (id: string) => id.toLowerCase();
const same = (a: string, b: string) => lower(a) === lower(b);
/** The handover's name: `<migration>-<resource group>-<NSG>`. */
const handoverName = (nsg: string) => `weu-${nsg.split("/")[4]}-${nsg.split("/").pop()}`;

async function planFor(env: NodeJS.ProcessEnv): Promise<MigrationPlan> {
  const cli = path.join(repoRoot, "dist", "cli", "flowlogs.js");
  const args = ["migrate", "plan", "--region", REGION, "--format", "json"];
  const { stdout } = await promisify(execFile)(cli, args, { env });
  return JSON.parse(stdout) as MigrationPlan;
}

describe("NsgFlowLogMigration on the estate's plan (engine + emulator)", function () {
  // Five engine runs over some 35 resources on a busy two-core machine; waits are on the engine's answers.
  this.timeout(20 * 60_000);
  let record: (f: FlowLogSnapshot) => void = () => undefined;
  const suite = emulatedStacks({ seed: "estate", onFlowLogChange: (f) => record(f) });
  let plan: MigrationPlan;
  let nics: NicLogging[];
  let timeline: CoverageTimeline;
  let initial: FlowLogSnapshot[];

  before(async () => {
    const env = {
      ...process.env,
      ...providerEnv(suite.emulator),
      AZURE_SUBSCRIPTION_ID: estate.ESTATE_SUBSCRIPTION,
    };
    plan = await planFor(env);
    nics = nicLoggingIn(await suite.emulator.admin.state());
    initial = await suite.emulator.admin.flowLogs();
    timeline = new CoverageTimeline(initial, nics);
    record = timeline.record;
  });

  const live = async () => suite.emulator.admin.flowLogs();
  const nsgLogOf = (flowLogs: FlowLogSnapshot[], nsg: string) =>
    flowLogs.find((f) => same(f.targetResourceId, nsg));

  /** Every NIC the plan covers is logged by exactly the flow logs it names, enabled and Succeeded; every listed NSG flow log is off. */
  async function assertAsPlanned() {
    const now = await live();
    const planned = (ref: string) => {
      const created = plan.create.find((c) => c.name === ref);
      const found = created
        ? now.find((f) => same(f.targetResourceId, created.args.targetResourceId) && f.name === ref)
        : now.find((f) => same(f.id, ref));
      assert.ok(found, `${ref}: no such flow log in Azure`);
      return lower(found.id);
    };
    for (const { nicId, coveredBy } of plan.coverage.nics) {
      const targets = nics.find((n) => same(n.nic, nicId))!.loggedBy.map(lower);
      const logging = now
        .filter((f) => f.targetKind !== "networkSecurityGroup" && logs(f))
        .filter((f) => targets.includes(lower(f.targetResourceId)))
        .map((f) => lower(f.id));
      assert.deepEqual(logging.sort(), coveredBy.map(planned).sort(), `${nicId} is logged otherwise`);
    }
    for (const { targetResourceId } of plan.disable)
      assert.equal(nsgLogOf(now, targetResourceId)?.enabled, false, `${targetResourceId} still logs`);
  }

  it("preview, a failure half way, up and rollback keep every NIC logged and end as planned", async () => {
    assert.ok(
      plan.disable.some((d) => d.after.length === 0),
      "the estate's plan has NSGs nothing new covers",
    );
    const failing = plan.create.find((c) => same(c.args.targetResourceId, FAILING))!;
    const waiting = plan.disable.filter((d) => d.after.includes(failing.name));
    assert.ok(waiting.length > 1, "NSG flow logs wait for the failing flow log");
    const wasOn = plan.disable
      .filter((d) => nsgLogOf(initial, d.targetResourceId)?.enabled)
      .map((d) => d.targetResourceId);
    const listed = plan.disable.map((d) => lower(d.targetResourceId));
    const s = await suite.stack(async () => {
      const m = new NsgFlowLogMigration("weu", { flowLogs: plan.create, nsgFlowLogs: plan.disable });
      return { disabled: m.disabledNsgFlowLogs };
    });

    const mark = await suite.probe.requestCount();
    const preview = await s.preview();
    assert.deepEqual(await suite.probe.writesSince(mark), [], "preview wrote to Azure");
    const creates = [...stepOps(preview.events).entries()].filter(([, op]) => op === "create");
    for (const name of [
      ...plan.create.map((c) => `weu-${c.name}`),
      ...plan.disable.map((d) => handoverName(d.targetResourceId)),
    ])
      assert.ok(
        creates.some(([urn]) => urn.endsWith(`::${name}`)),
        `${name} is not in the preview`,
      );

    await suite.emulator.admin.injectFault({
      operation: "flowLogs.put",
      pathContains: failing.name,
      kind: "lroFail",
      message: "Injected failure.",
    });
    const failed = await failureOf(s.up(), "the up should have failed");
    assert.match(failed.message, /Injected failure/);
    const halfWay = await live();
    for (const d of waiting)
      assert.equal(nsgLogOf(halfWay, d.targetResourceId)?.enabled, true, `${d.targetResourceId} went off`);

    const up = await s.up();
    assert.deepEqual((stackOutput(up, "disabled") as string[]).map(lower).sort(), wasOn.map(lower).sort());
    await assertAsPlanned();
    const again = await s.preview();
    assert.deepEqual(
      [...stepOps(again.events).values()].filter((op) => op !== "same"),
      [],
      "a second preview shows changes",
    );

    s.setProgram(async () => ({}));
    const rollback = await s.up();
    const after = await live();
    for (const { targetResourceId: nsg } of plan.disable)
      assert.equal(
        nsgLogOf(after, nsg)?.enabled,
        wasOn.includes(nsg),
        `${nsg}: enabled as before the migration`,
      );
    const stillLogging = plan.create.filter((c) =>
      after.some((f) => same(f.targetResourceId, c.args.targetResourceId) && f.name === c.name && logs(f)),
    );
    assert.deepEqual(stillLogging, [], "new flow logs left after the rollback");
    // The migration wrote no NSG flow log it was not given, nor one that was off before it.
    const nsgWrites = timeline.changes.filter((f) => f.targetKind === "networkSecurityGroup");
    for (const f of nsgWrites)
      assert.ok(
        listed.includes(lower(f.targetResourceId)) && wasOn.some((nsg) => same(nsg, f.targetResourceId)),
        `${f.targetResourceId} was written`,
      );
    assert.deepEqual(timeline.gaps, []);
    await assertNoSecrets(suite.emulator, s, [preview, failed, up, rollback]);
  });
});
