// `npm run emulator -- --data-plane` as a new user runs it: the emulator with Azurite beside it, hours of
// records for the seeded enabled flow logs, an admin call writing more, and `flowlogs` reading them
// (download, the rule audit on the seeded NSG's rules, export). Azurite ends with the emulator, whether
// the emulator is stopped with SIGTERM or killed.
import * as assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { AdminClient } from "../../emulator/admin-client";
import { repoRoot } from "../support/engine";
import { descendants } from "../support/processes";
import { NSG_WITH_ENABLED_LOG, STORAGE_WEU } from "../support/seed-ids";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const tsNode = path.join(repoRoot, "node_modules", "ts-node", "dist", "bin.js");

interface Started {
  child: ChildProcess;
  output: string;
  env: Record<string, string>;
  azuritePid: number;
  blobOrigin: URL;
}

/** Starts the emulator's CLI with its data plane and resolves once it printed "Ready". */
function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [tsNode, "emulator/cli.ts", "--port", "0", "--data-plane", ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) =>
      reject(new Error(`the emulator exited (${code}) before it was ready:\n${output}`)),
    );
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (!output.includes("# Ready.\n")) return;
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      const env = Object.fromEntries([...output.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
      const azurite = descendants(child.pid).find((p) => p.command.includes("azurite-child.js"));
      if (!azurite) return reject(new Error(`no Azurite process under the emulator:\n${output}`));
      resolve({
        child,
        output,
        env,
        azuritePid: azurite.pid,
        blobOrigin: new URL(env.FLOWLOGS_BLOB_ENDPOINT),
      });
    });
  });
}

/** Whether a process runs (a zombie waiting to be reaped has ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

describe("npm run emulator -- --data-plane", function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-data-plane-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves hours of records for the seeded flow logs, writes more on an admin call, and stops Azurite on SIGTERM", async () => {
    const emu = await startCli(["--data-plane-hours", "4"]);
    try {
      assert.match(emu.output, /# \d+ blobs: 4 hours \(.*\) of 1 enabled flow logs/);
      assert.match(emu.output, /flowlogs download --flow-log \/subscriptions\/.*\/flowLogs\//);
      assert.match(
        emu.output,
        /curl --cacert "\$NODE_EXTRA_CA_CERTS" -X POST https:\/\/127\.0\.0\.1:\d+\/_emulator\/data-plane\/hours/,
      );
      const env = { ...process.env, ...emu.env };
      const download = (out: string) =>
        run(
          flowlogs,
          [
            "download",
            "--storage-account",
            STORAGE_WEU,
            "--target",
            NSG_WITH_ENABLED_LOG,
            "--from",
            "2000-01-01T00:00:00Z",
            "--to",
            "2100-01-01T00:00:00Z",
            "--out",
            out,
          ],
          { env },
        );
      const first = path.join(dir, "first");
      assert.match((await download(first)).stdout, /^(\d+) blobs in .*: \1 downloaded/m);

      // The rule audit on the seeded NSG: user and default rules, hits, rules never hit, a rule since removed.
      const audit = JSON.parse(
        (await run(flowlogs, ["rules", "--nsg", NSG_WITH_ENABLED_LOG, "--format", "json", first], { env }))
          .stdout,
      );
      const rule = (name: string) => audit.rules.find((r: { name: string }) => r.name === name);
      assert.ok(rule("AllowHttpsInbound").allowed > 0, "a user rule with hits");
      assert.ok(rule("DenyAllInBound").denied > 0, "a default rule with hits");
      assert.ok(rule("AllowInternetOutBound").allowed > 0);
      assert.ok(audit.neverHit.includes("AllowSshFromBastion"), "a user rule never hit");
      assert.ok(audit.neverHit.includes("AllowAzureLoadBalancerInBound"), "a default rule never hit");
      assert.deepEqual(
        audit.notInNsg.map((r: { loggedAs: string }) => r.loggedAs),
        ["UserRule_AllowFtpLegacy"],
        "the rule the NSG had until halfway",
      );

      // Plausible traffic: nobody talks to itself; the platform's DNS is allowed; private peers are the network's NICs.
      const events = (await run(flowlogs, ["export", "--format", "jsonl", first])).stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      assert.ok(events.length > 50);
      for (const e of events) assert.notEqual(e.src, e.dst, JSON.stringify(e));
      assert.ok(events.every((e) => e.dst !== "168.63.129.16" || e.decision === "allow"));

      const admin = new AdminClient(
        `https://${emu.env.ARM_METADATA_HOSTNAME}`,
        readFileSync(emu.env.NODE_EXTRA_CA_CERTS, "utf8"),
      );
      const { now } = await admin.state();
      const later = new Date(Date.parse(now) + 2 * 3_600_000).toISOString();
      const more = await admin.writeHours({ from: now, to: later });
      assert.ok(more.blobs.length > 0, "the admin call wrote blobs");
      // The same folder again: the new hours come down, the finished ones are skipped.
      const again = (await download(first)).stdout;
      const [, downloaded, resumed] = /: (\d+) downloaded, (\d+) resumed, \d+ already here/.exec(again)!;
      assert.ok(Number(downloaded) + Number(resumed) > 0, again);
    } finally {
      emu.child.kill("SIGTERM");
      await exited(emu.child);
    }
    assert.ok(!alive(emu.azuritePid), "Azurite outlived the emulator it belonged to");
  });

  it("leaves no Azurite behind when the emulator is killed", async () => {
    const emu = await startCli(["--data-plane-hours", "1"]);
    const socket = net.connect(Number(emu.blobOrigin.port), emu.blobOrigin.hostname);
    await new Promise((resolve) => socket.once("connect", resolve));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    emu.child.kill("SIGKILL");
    await exited(emu.child);
    // Azurite sees its standard input close and exits: its connections close first, then the process goes.
    await closed;
    const deadline = Date.now() + 30_000;
    while (alive(emu.azuritePid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(!alive(emu.azuritePid), "Azurite outlived its killed emulator");
  });
});
