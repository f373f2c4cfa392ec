// `flowlogs download` finding the flow log's storage account, container and prefix itself, from the flow
// log's ID or from the target, and naming the right account when a wrong one is given; quiet output:
// one summary line, blob names only with --verbose.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, startDataPlane } from "../../emulator/dataplane";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import * as ids from "../support/seed-ids";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const RANGE = ["--from", "2026-11-24T10:00:00Z", "--to", "2026-11-24T12:00:00Z"];

describe("flowlogs download: the flow log says where its logs are", () => {
  let emulator: RunningEmulator;
  let dataPlane: DataPlane;
  let env: NodeJS.ProcessEnv;
  let flowLogId: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    dataPlane = await startDataPlane(emulator);
    await dataPlane.writeHours(new Date(RANGE[1]), new Date(RANGE[3]));
    env = { ...process.env, ...providerEnv(emulator) };
    const flowLogs = await emulator.admin.flowLogs();
    flowLogId = flowLogs.find((f) => f.targetResourceId === ids.NSG_WITH_ENABLED_LOG)!.id;
  });

  after(async () => {
    await dataPlane?.stop();
    await emulator?.stop();
  });

  const out = () => mkdtempSync(path.join(tmpdir(), "download-lookup-"));

  it("takes only --flow-log, and prints one summary line (no blob names) when not on a terminal", async () => {
    const dir = out();
    const { stdout, stderr } = await run(
      flowlogs,
      ["download", "--flow-log", flowLogId, ...RANGE, "--out", dir],
      {
        env,
      },
    );
    assert.equal(stderr, "");
    assert.match(
      stdout,
      new RegExp(
        `^4 blobs in ${dir}: 4 downloaded, 0 resumed, 0 already here \\([\\d.]+ KiB from flowlogsweu001/insights-logs-networksecuritygroupflowevent\\)\\n$`,
      ),
    );
  });

  it("takes only --target, finding its flow log through the region's Network Watcher; --verbose names each blob", async () => {
    const args = ["download", "--target", ids.NSG_WITH_ENABLED_LOG, ...RANGE, "--out", out(), "--verbose"];
    const { stdout, stderr } = await run(flowlogs, args, { env });
    assert.match(stdout, /^4 blobs in .*: 4 downloaded/);
    const named = stderr.trim().split("\n");
    assert.equal(named.length, 4);
    assert.match(
      named[0],
      /^\[1\/4\] resourceId=\/SUBSCRIPTIONS\/.*\/NSG-WEB\/y=2026\/m=11\/d=24\/h=10\/.*PT1H\.json$/,
    );
  });

  it("says which account the flow log writes to when --storage-account names another", async () => {
    const args = ["download", "--flow-log", flowLogId, "--storage-account", ids.STORAGE_WEU_2, ...RANGE];
    await assert.rejects(
      run(flowlogs, [...args, "--out", out()], { env }),
      (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.equal(
          e.stderr,
          `flowlogs: --storage-account: got ${ids.STORAGE_WEU_2}, but flow log ${flowLogId} writes to ${ids.STORAGE_WEU}; leave --storage-account out to use that one\n`,
        );
        return true;
      },
    );
  });

  it("names a target without a flow log, and a flow log that does not exist", async () => {
    const fails = (args: string[], message: RegExp) =>
      assert.rejects(
        run(flowlogs, ["download", ...args, ...RANGE, "--out", out()], { env }),
        (e: { stderr: string }) => message.test(e.stderr),
      );
    await fails(
      ["--target", ids.VNET_API],
      /--target: .*vnet-api has no flow log \(looked in Network Watcher .*NetworkWatcher_westeurope\)/,
    );
    await fails(["--flow-log", `${flowLogId}-gone`], /--flow-log: .*-gone does not exist/);
    await fails([], /download: give --flow-log ID or --target ID/);
  });
});
