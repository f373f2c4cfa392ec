// Logs end to end: a FlowLog enabled through the real engine, the emulator writing its blobs into
// Azurite at Azure's paths, then `flowlogs download`, summarize and report.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog } from "../../components";
import { fileSource, summarize } from "../../components/logs";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, startDataPlane } from "../../emulator/dataplane";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot, stackOutput, TestStack } from "../support/engine";
import * as ids from "../support/seed-ids";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const DAY = "2026-11-24";

function program(enabled: boolean) {
  return async () => {
    const log = new FlowLog("logs", {
      targetResourceId: ids.VNET_WEB,
      storageAccountId: ids.STORAGE_WEU_2,
      enabled,
      retentionPolicy: { days: 2 },
    });
    return { container: log.containerName, prefix: log.blobPathPrefix };
  };
}

describe("flow logs end to end: enable, blobs in Azurite, download, summarize, report", function () {
  // Two engine runs and five `flowlogs` processes in one test: on a loaded two-core machine that can
  // take more than mocha's default bound, so this suite gets a more tolerant one.
  this.timeout(6 * 60_000);
  let emulator: RunningEmulator;
  let dataPlane: DataPlane;
  let stack: TestStack;

  before(async () => {
    emulator = await startEmulatedAzure();
    dataPlane = await startDataPlane(emulator);
    stack = await TestStack.create({
      program: program(true) as pulumi.automation.PulumiFn,
      env: providerEnv(emulator),
    });
  });

  after(async () => {
    await stack?.dispose();
    await dataPlane?.stop();
    await emulator?.stop();
  });

  it("writes, downloads and reads the logs of an enabled flow log, and nothing once it is disabled", async () => {
    const up = await stack.up();
    const container = stackOutput(up, "container") as string;
    const prefix = stackOutput(up, "prefix") as string;
    assert.equal(container, "insights-logs-flowlogflowevent");

    const written = await dataPlane.writeHours(new Date(`${DAY}T00:00:00Z`), new Date(`${DAY}T03:00:00Z`));
    const ours = written.filter((name) => name.startsWith(prefix));
    assert.equal(ours.length, 3 * 3, "three hours of the three NICs in vnet-web");
    assert.equal(
      written.length - ours.length,
      3 * 2,
      "and the seeded NSG flow log: three hours of its two NICs",
    );
    assert.ok(
      written.includes(`${prefix}y=2026/m=11/d=24/h=00/m=00/macAddress=000D3A1B2C3D/PT1H.json`),
      written[0],
    );

    const account = await emulator.admin.getResource(ids.STORAGE_WEU_2);
    const endpoint = (account.properties.primaryEndpoints as { blob: string }).blob;
    assert.match(endpoint, /^https:\/\/127\.0\.0\.1:\d+\/flowlogsweu002\/$/);

    const out = mkdtempSync(path.join(tmpdir(), "flowlogs-"));
    const args = [
      "download",
      "--storage-account",
      ids.STORAGE_WEU_2,
      "--container",
      container,
      "--prefix",
      prefix,
    ];
    const range = ["--from", `${DAY}T01:00:00Z`, "--to", `${DAY}T03:00:00Z`, "--out", out];
    const env = { ...process.env, ...providerEnv(emulator) };
    const first = await run(flowlogs, [...args, ...range], { env });
    assert.match(first.stdout, /6 blobs in .*: 6 downloaded, 0 resumed, 0 already here/);
    const again = await run(flowlogs, [...args, ...range], { env });
    assert.match(again.stdout, /0 downloaded, 0 resumed, 6 already here/);
    const blob = path.join(
      out,
      container,
      ...`${prefix}y=2026/m=11/d=24/h=01/m=00/macAddress=000D3A1B2C3D/PT1H.json`.split("/"),
    );
    const text = readFileSync(blob, "utf8");
    truncateSync(blob, 100); // as if the hour had been fetched while Azure was still writing it
    const resumed = await run(flowlogs, [...args, ...range], { env });
    assert.match(resumed.stdout, /0 downloaded, 1 resumed, 5 already here/);
    assert.equal(readFileSync(blob, "utf8"), text);
    assert.ok(text.startsWith('{"records":[{') && text.endsWith("]}"), "blocks as Azure writes them");
    assert.ok(
      !existsSync(path.join(out, container, ...`${prefix}y=2026/m=11/d=24/h=00`.split("/"))),
      "outside the range",
    );

    const summary = await summarize([fileSource(blob)]);
    assert.ok(summary.tuples > 0 && summary.denied > 0 && summary.bytes.in + summary.bytes.out > 0);
    assert.deepEqual(summary.problems, []);
    const report = await run(flowlogs, ["report", "--out", path.join(out, "report.html"), out], { env });
    assert.match(report.stdout, /wrote .*report\.html \(\d+ tuples in \d+ records\)/);

    stack.setProgram(program(false) as pulumi.automation.PulumiFn);
    await stack.up();
    const none = await dataPlane.writeHours(new Date(`${DAY}T03:00:00Z`), new Date(`${DAY}T04:00:00Z`));
    assert.deepEqual(
      none.filter((name) => name.startsWith(prefix)),
      [],
      "a disabled flow log writes nothing",
    );
    assert.equal(none.length, 2, "while the enabled NSG flow log goes on");
  });

  it("honours retention: hours older than the policy's days are removed", async () => {
    stack.setProgram(program(true) as pulumi.automation.PulumiFn);
    await stack.up();
    await dataPlane.writeHours(new Date("2026-11-27T00:00:00Z"), new Date("2026-11-27T01:00:00Z"));
    const blobs = dataPlane.container(ids.STORAGE_WEU_2, "insights-logs-flowlogflowevent");
    const days = new Set<string>();
    for await (const b of blobs.listBlobsFlat()) days.add(/d=(\d{2})/.exec(b.name)?.[1] ?? "");
    assert.deepEqual([...days], ["27"], "the 24th is more than two days old and must be gone");
  });
});
