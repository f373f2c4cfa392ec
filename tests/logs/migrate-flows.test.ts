// A migration seen in the logs: the estate's NSG flow logs write an hour into Azurite, the plan's VNet
// and subnet flow logs are created through the official SDK and the NSG logs disabled after them, the
// same hour is written again, and `flowlogs summarize` counts the same flows before and after.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { MigrationPlan } from "../../components/migration";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, startDataPlane } from "../../emulator/dataplane";
import { networkClient } from "../emulator/raw-arm";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import * as estate from "../support/estate-ids";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const HOUR = { from: new Date("2026-11-24T10:00:00Z"), to: new Date("2026-11-24T11:00:00Z") };
const STORAGE = estate.storage("estateneu001");
const POLL = { updateIntervalInMs: 10 };

describe("a planned migration counts the same flows before (NSG logs) and after (VNet logs)", function () {
  this.timeout(4 * 60_000);
  let emu: RunningEmulator;
  let dataPlane: DataPlane;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    emu = await startEmulatedAzure({ seed: "estate" });
    dataPlane = await startDataPlane(emu);
    env = { ...process.env, ...providerEnv(emu), AZURE_SUBSCRIPTION_ID: estate.ESTATE_SUBSCRIPTION };
  });
  after(async () => {
    await dataPlane?.stop();
    await emu?.stop();
  });

  /** Downloads the blobs under each prefix into a fresh folder and summarizes it with the CLI. */
  async function summarizeBlobs(container: string, prefixes: string[]) {
    const dir = mkdtempSync(path.join(tmpdir(), "migrate-flows-"));
    const client = dataPlane.container(STORAGE, container);
    let count = 0;
    for (const prefix of prefixes)
      for await (const blob of client.listBlobsFlat({ prefix })) {
        const file = path.join(dir, ...blob.name.split("/"));
        mkdirSync(path.dirname(file), { recursive: true });
        await client.getBlobClient(blob.name).downloadToFile(file);
        count++;
      }
    const { stdout } = await run(flowlogs, ["summarize", "--format", "json", dir], { env });
    return { blobs: count, summary: JSON.parse(stdout) };
  }

  it("writes the same tuples, bytes and packets for the same NICs", async () => {
    const plan = JSON.parse(
      (await run(flowlogs, ["migrate", "plan", "--region", "northeurope", "--format", "json"], { env }))
        .stdout,
    ) as MigrationPlan;
    await dataPlane.writeHours(HOUR.from, HOUR.to);

    const client = networkClient(emu, estate.ESTATE_SUBSCRIPTION);
    for (const { args, name } of plan.create) {
      const created = await client.flowLogs.createOrUpdate(
        args.networkWatcher.resourceGroupName,
        args.networkWatcher.name,
        name,
        {
          location: "northeurope",
          tags: args.tags,
          targetResourceId: args.targetResourceId,
          storageId: args.storageAccountId,
          enabled: args.enabled,
          retentionPolicy: args.retentionPolicy,
          format: args.format,
          enabledFilteringCriteria: args.enabledFilteringCriteria,
        },
        POLL,
      );
      assert.equal(created.provisioningState, "Succeeded");
    }
    const watcher = estate.watcher("northeurope").split("/");
    for (const { targetResourceId, flowLogResourceId } of plan.disable) {
      const current = await client.flowLogs.get(watcher[4], watcher[8], flowLogResourceId.split("/").pop()!);
      const off = await client.networkWatchers.setFlowLogConfiguration(
        watcher[4],
        watcher[8],
        {
          targetResourceId,
          storageId: current.storageId!,
          enabled: false,
        },
        POLL,
      );
      assert.equal(off.enabled, false);
    }
    await dataPlane.writeHours(HOUR.from, HOUR.to);

    const before = await summarizeBlobs(
      "insights-logs-networksecuritygroupflowevent",
      plan.disable.map((d) => `resourceId=${d.targetResourceId.toUpperCase()}/`),
    );
    const afterwards = await summarizeBlobs(
      "insights-logs-flowlogflowevent",
      plan.create.map(
        (c) => `flowLogResourceID=${`${estate.watcher("northeurope")}/flowLogs/${c.name}`.toUpperCase()}/`,
      ),
    );
    const nics = plan.create.flatMap((c) => c.covers).length;
    assert.deepEqual(
      [before.blobs, afterwards.blobs],
      [nics, nics],
      "one hour blob per NIC, before and after",
    );
    const same = (s: Record<string, unknown>) => ({
      records: s.records,
      tuples: s.tuples,
      allowed: s.allowed,
      denied: s.denied,
      inbound: s.inbound,
      outbound: s.outbound,
      bytes: s.bytes,
      packets: s.packets,
      distinct: s.distinct,
      topTalkers: s.topTalkers,
    });
    assert.ok(
      (before.summary.tuples as number) > 100,
      `a realistic hour, got ${before.summary.tuples} tuples`,
    );
    assert.deepEqual(same(afterwards.summary), same(before.summary));
    // The formats differ in one place: NSG logs mark a denied flow begun ("B" with action D), VNet logs "D".
    const { states: was } = before.summary;
    const { states: now } = afterwards.summary;
    assert.deepEqual([now.begin + now.deny, now.continue, now.end], [was.begin, was.continue, was.end]);
  });
});
