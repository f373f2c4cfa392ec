// `flowlogs migrate plan` as a person runs it, against the emulator's estate seed: a child process
// reading through ARM, the plan checked for coverage, reasons, and Pulumi code that type-checks.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { MigrationPlan } from "../../components/migration";
import type { RunningEmulator } from "../../emulator";
import { JWT_PATTERN, providerEnv, secretsOf, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import * as estate from "../support/estate-ids";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const lower = (id: string) => id.toLowerCase();

/** Every NIC of the estate in a region, scale-set NICs included, as the emulator holds them. */
async function nicsIn(emu: RunningEmulator, region: string): Promise<string[]> {
  const { resources } = await emu.admin.state();
  return resources
    .filter((r) => /\/networkInterfaces$/i.test(r.type) && r.location === region)
    .map((r) => lower(r.id))
    .sort();
}

describe("flowlogs migrate plan (estate seed)", () => {
  let emu: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  const plan = async (...args: string[]) =>
    (await run(flowlogs, ["migrate", "plan", ...args], { env })).stdout;
  const planJson = async (...args: string[]) =>
    JSON.parse(await plan("--format", "json", ...args)) as MigrationPlan;

  before(async () => {
    emu = await startEmulatedAzure({ seed: "estate" });
    env = { ...process.env, ...providerEnv(emu), AZURE_SUBSCRIPTION_ID: estate.ESTATE_SUBSCRIPTION };
  });
  after(() => emu?.stop());

  for (const [region, gaps] of [
    ["westeurope", ["nic-batch-jobs-01", "nic-legacy-10"]],
    ["northeurope", ["nic-core-db-01"]],
  ] as const) {
    it(`covers every NIC of ${region} exactly once, explaining every choice`, async () => {
      const text = await plan("--region", region, "--format", "json");
      for (const secret of secretsOf(emu)) assert.ok(!text.includes(secret), "no credential in the plan");
      const result = JSON.parse(text) as MigrationPlan;
      assert.deepEqual(
        [result.subscriptionId, result.region, result.scope],
        [estate.ESTATE_SUBSCRIPTION, region, "auto"],
      );
      assert.deepEqual(result.coverage.nics.map((n) => lower(n.nicId)).sort(), await nicsIn(emu, region));
      const unlogged = result.coverage.nics.filter((n) => n.coveredBy.length !== 1);
      assert.deepEqual(unlogged.map((n) => n.nicId.split("/").pop()).sort(), gaps);
      assert.deepEqual(result.coverage.gaps.map((g) => g.nicId.split("/").pop()).sort(), gaps);
      assert.deepEqual(result.coverage.overlaps, []);
      const names = result.create.map((c) => c.name);
      assert.equal(new Set(names).size, names.length, "names are unique");
      for (const entry of [
        ...result.create,
        ...result.disable,
        ...result.coverage.gaps,
        ...result.coverage.conflicts,
      ])
        assert.ok(entry.reason.length > 20, JSON.stringify(entry));
      for (const c of result.create) {
        assert.ok(c.name.length <= 80 && c.name === c.args.flowLogName, c.name);
        assert.doesNotMatch(
          c.args.targetResourceId,
          /virtualMachineScaleSets/,
          "scale-set NICs are covered at subnet level",
        );
      }
      for (const d of result.disable)
        assert.ok(
          d.after.every((name) => names.includes(name)),
          d.reason,
        );
    });
  }

  it("aggregates where all below agree, splits where they do not, and prints it as a table", async () => {
    const result = await planJson("--region", "westeurope");
    const target = (id: string) => result.create.find((c) => lower(c.args.targetResourceId) === lower(id));
    const prod = target(estate.vnet("rg-prod-weu", "vnet-prod-weu"))!;
    assert.equal(prod.name, "vnet-prod-weu-rg-prod-weu-flowlog");
    assert.equal(prod.covers.length, 10);
    assert.deepEqual(prod.args.tags, { "cost-center": "cc-1042", env: "prod" });
    assert.equal(prod.args.trafficAnalytics?.intervalInMinutes, 60);
    const scaleSet = target(estate.subnet("rg-app-weu", "vnet-app-weu", "scaleset"))!;
    assert.deepEqual([scaleSet.covers.length, scaleSet.args.recordTypes], [3, ["B", "E", "D"]]);
    assert.equal(target(estate.nic("rg-app-weu", "nic-app-be-02"))?.args.retentionPolicy.days, 365);
    assert.equal(target(estate.vnet("rg-hub-weu", "vnet-hub-weu")), undefined, "already has a VNet flow log");
    const hub = result.disable.find(
      (d) => d.targetResourceId === estate.nsg("rg-hub-weu", "nsg-hub-shared"),
    )!;
    assert.deepEqual(hub.after, []);
    assert.match(hub.reason, /existing flow log vnet-hub-weu-platform/);
    assert.deepEqual(
      result.coverage.conflicts.map((c) => c.nicId),
      [estate.nic("rg-app-weu", "nic-app-be-02")],
    );

    await emu.admin.clearRequests();
    const table = await plan("--region", "westeurope");
    const arm = (await emu.admin.requests()).filter((r) => r.path.startsWith("/subscriptions/"));
    assert.deepEqual([...new Set(arm.map((r) => r.method))], ["GET"], "the plan only reads");
    assert.ok(arm.length <= 8, `a handful of reads, got ${arm.map((r) => r.operation).join(", ")}`);
    assert.match(
      table,
      /^Migration plan for subscription 33333333-3333-4333-8333-333333333333, region westeurope, scope auto/,
    );
    assert.match(
      table,
      /vnet-prod-weu-rg-prod-weu-flowlog\s+vnet\s+vnet-prod-weu\s+10 NICs\s+v2, 90 days, TA 60 min, estateweu001/,
    );
    assert.match(
      table,
      /Coverage: 33 NICs, 31 logged exactly once, 2 gaps, 0 overlaps, 1 settings conflicts/,
    );
    assert.match(table, /nic-legacy-10: nsg-legacy-10 has no flow log/);
    // Each row's reason is a code; what many rows share is said once, in the legend below them.
    assert.match(
      table,
      /^ {2}W(\d)\s+nic-legacy-05-rg-legacy-weu-flowlog\s+nic\s+nic-legacy-05\s.*from nsg-legacy-05$/m,
    );
    const legacy = /^ {2}(W\d)\s+nic-legacy-05/m.exec(table)![1];
    assert.match(
      table,
      new RegExp(`^ {2}${legacy} {2}subnet default cannot take one flow log because NIC nic-legacy-10`, "m"),
    );
    assert.equal(table.match(/nic-legacy-10 is not logged today/g)?.length, 1, "said once, not per row");
    assert.match(table, /^ {2}D1\s+nsg-legacy-05\s+after nic-legacy-05-rg-legacy-weu-flowlog$/m);
    assert.match(table, /^ {2}D2\s+nsg-hub-shared\s+after nothing \(logged by vnet-hub-weu-platform\)$/m);
    assert.match(table, /^ {2}D1 {2}its NICs are then logged by the flow logs after it/m);
    const rows = table.split("\n").filter((l) => /^ {2}[WD]\d\s+\S+-flowlog|^ {2}D\d\s+nsg-/.test(l));
    assert.ok(rows.length === 33, `15 flow logs and 18 NSG flow logs, got ${rows.length}`);
    for (const row of rows) assert.ok(row.length <= 200, `a row of ${row.length} characters: ${row}`);
  });

  it("at a forced scope, lists overlaps with existing flow logs and the settings it overrides", async () => {
    const result = await planJson("--region", "northeurope", "--scope", "vnet");
    assert.deepEqual(
      result.create.map((c) => c.args.targetResourceId.split("/").pop()),
      ["vnet-core-neu", "vnet-prod-neu"],
    );
    assert.deepEqual(
      result.coverage.overlaps.map((o) => [o.nicId, o.coveredBy.length]),
      [[estate.nic("rg-core-neu", "nic-core-ops-01"), 2]],
    );
    assert.deepEqual(result.coverage.gaps, [], "a VNet flow log logs nic-core-db-01 too");
    assert.match(result.create[0].reason, /starts logging 1 NIC not logged today \(nic-core-db-01\)/);
    const nicLevel = await planJson("--region", "westeurope", "--scope", "nic");
    assert.ok(nicLevel.create.some((c) => /subnets\/scaleset$/.test(c.args.targetResourceId)));
    assert.ok(
      nicLevel.coverage.nics.filter((n) => n.coveredBy.length > 1).length ===
        nicLevel.coverage.overlaps.length,
    );
  });

  it("prints an NsgFlowLogMigration program of the whole plan that type-checks against the package", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrate-pulumi-"));
    const code = await plan("--region", "westeurope", "--format", "pulumi");
    assert.match(code, /^\/\/ Generated by `flowlogs migrate plan --format pulumi`/);
    assert.match(code, /import \{ NsgFlowLogMigration \} from "pulumi-azure-flowlogs";/);
    assert.match(code, /new NsgFlowLogMigration\("nsg-migration-westeurope", \{\n {2}flowLogs: \[/);
    const json = await planJson("--region", "westeurope");
    assert.equal(code.match(/^ {6}name: /gm)?.length, json.create.length);
    assert.equal(code.match(/^ {6}flowLogResourceId: /gm)?.length, json.disable.length);
    const existing = json.disable.filter((d) => d.coveredByExisting.length);
    assert.ok(existing.length > 0, "the estate has NSGs covered by existing flow logs");
    assert.equal(code.match(/^ {6}coveredByExisting: /gm)?.length, existing.length);
    assert.match(code, /export const disabledNsgFlowLogs = migration\.disabledNsgFlowLogs;/);
    assert.doesNotMatch(code, /new FlowLog\(/, "NSG disables as comments beside plain FlowLogs");
    writeFileSync(path.join(dir, "index.ts"), code);
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node",
          skipLibCheck: true,
          typeRoots: [path.join(repoRoot, "node_modules", "@types")],
          types: ["node"],
          baseUrl: repoRoot,
          paths: { "pulumi-azure-flowlogs": ["components/index.ts"] },
        },
        files: ["index.ts"],
      }),
    );
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    await run(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")]);
  });

  it("rejects bad flags naming the flag, the value and what is accepted", async () => {
    const fails = async (args: string[], message: RegExp) =>
      assert.rejects(run(flowlogs, ["migrate", ...args], { env }), (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.match(e.stderr, message);
        for (const secret of secretsOf(emu)) assert.ok(!e.stderr.includes(secret), "no credential in errors");
        assert.doesNotMatch(e.stderr, JWT_PATTERN);
        return true;
      });
    await fails(
      ["plan", "--region", "westeurope", "--scope", "region"],
      /--scope: got "region"; expected auto, vnet, subnet or nic/,
    );
    await fails(
      ["plan", "--region", "westeurope", "--format", "yaml"],
      /--format: got "yaml"; expected table, json or pulumi/,
    );
    await fails(["plan"], /--region is required/);
    await fails(["apply"], /migrate: got "apply"; expected plan/);
    const unknown = "44444444-4444-4444-8444-444444444444";
    await fails(
      ["plan", "--region", "westeurope", "--subscription", unknown],
      new RegExp(`SubscriptionNotFound.*${unknown}|${unknown}.*could not be found`),
    );
  });
});
