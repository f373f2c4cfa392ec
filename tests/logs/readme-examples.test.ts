// The README's `flowlogs` examples, run as typed: the lines of its "Reading the logs" block, each through
// bash with `flowlogs` on PATH (this checkout's build) and the variables the block uses set to the
// emulator's flow log, network and NSG, whose hours the data plane wrote into Azurite.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, startDataPlane } from "../../emulator/dataplane";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import * as ids from "../support/seed-ids";

const run = promisify(execFile);

/** The commands of the README's ```-block under `heading`, one per line, comments and blank lines left out. */
function readmeCommands(heading: string): string[] {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf(heading));
  const block = /```\w*\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

describe("the README's flowlogs examples, as typed", () => {
  let emulator: RunningEmulator;
  let dataPlane: DataPlane;
  let env: NodeJS.ProcessEnv;
  let cwd: string;

  before(async () => {
    emulator = await startEmulatedAzure();
    dataPlane = await startDataPlane(emulator);
    await dataPlane.writeHours(new Date("2026-11-24T10:00:00Z"), new Date("2026-11-24T14:00:00Z"));
    cwd = mkdtempSync(path.join(tmpdir(), "readme-examples-"));
    const bin = path.join(cwd, "bin");
    mkdirSync(bin);
    symlinkSync(path.join(repoRoot, "dist", "cli", "flowlogs.js"), path.join(bin, "flowlogs"));
    const flowLog = (await emulator.admin.flowLogs()).find(
      (f) => f.targetResourceId === ids.NSG_WITH_ENABLED_LOG,
    )!;
    env = {
      ...process.env,
      ...providerEnv(emulator),
      PATH: `${bin}:${process.env.PATH}`,
      FLOW_LOG_ID: flowLog.id,
      VNET_ID: ids.VNET_WEB,
      NSG_ID: ids.NSG_WITH_ENABLED_LOG,
    };
  });

  after(async () => {
    await dataPlane?.stop();
    await emulator?.stop();
  });

  it("runs every line of the block under 'Reading the logs'", async () => {
    const commands = readmeCommands("## Reading the logs");
    assert.ok(commands.length >= 6, commands.join("\n"));
    const outputs: string[] = [];
    for (const command of commands) {
      const { stdout } = await run("bash", ["-c", command], { cwd, env }).catch((e) => {
        throw new Error(`${command}\nexited ${e.code}: ${e.stderr}`);
      });
      outputs.push(stdout);
    }
    assert.match(outputs[0], /^8 blobs in \.\/flowlogs: 8 downloaded/);
    assert.match(outputs[1], /^Tuples: \d+ in \d+ records of 8 files/);
    assert.ok(JSON.parse(outputs[2]).tuples > 0);
    for (const file of ["report.html", "events.ndjson"]) assert.ok(existsSync(path.join(cwd, file)), file);
    assert.match(outputs.at(-1)!, /AllowHttpsInbound/);
  });
});
