// A Go program (the Go SDK's Automation API with an inline program, tests/languages/go) using FlowLog as
// a remote component through the provider plugin: up, the enabled flip, destroy, against the emulator.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { emulatedStacks } from "../support/emulated-stacks";
import { repoRoot } from "../support/engine";
import { assertNoSecretsIn } from "../support/no-secrets";
import { pluginEnv } from "../support/plugin";
import * as ids from "../support/seed-ids";

const run = promisify(execFile);
const PROGRAM_DIR = path.join(repoRoot, "tests", "languages", "go");

describe("FlowLog from a Go program (Automation API + provider plugin + emulator)", function () {
  // The first run compiles the Go SDK (minutes on two cores); Go's build cache makes later runs quick.
  this.timeout(20 * 60_000);
  const azure = emulatedStacks();
  const scratch = mkdtempSync(path.join(repoRoot, ".pulumi-test", "go-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("creates the flow log, flips enabled in place and deletes it on destroy", async () => {
    const binary = path.join(scratch, "flowlogs-go");
    await run("go", ["build", "-o", binary, "."], {
      cwd: PROGRAM_DIR,
      env: { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
      maxBuffer: 16 << 20,
    });
    for (const dir of ["backend", "home"]) mkdirSync(path.join(scratch, dir));
    const env = {
      ...process.env,
      ...pluginEnv(azure.emulator),
      PULUMI_BACKEND_URL: `file://${path.join(scratch, "backend")}`,
      PULUMI_HOME: path.join(scratch, "home"),
      PULUMI_CONFIG_PASSPHRASE: "test-passphrase-not-a-secret",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      FLOWLOG_TARGET: ids.scaleVnet(191),
      FLOWLOG_STORAGE: ids.STORAGE_WEU,
    };
    const printed: string[] = [];
    const program = async (...args: string[]) => {
      const { stdout, stderr } = await run(binary, args, { env, cwd: scratch, maxBuffer: 16 << 20 });
      printed.push(stdout, stderr);
      return stdout;
    };

    const created = JSON.parse(await program("up", "true"));
    const live = await azure.probe.flowLogOf(ids.scaleVnet(191));
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, 7]);
    assert.deepEqual(created, { flowLogId: live?.id, enabled: true });

    const flipped = JSON.parse(await program("up", "false"));
    assert.equal(flipped.enabled, false);
    assert.equal((await azure.probe.flowLogOf(ids.scaleVnet(191)))?.enabled, false);

    await program("destroy");
    assert.equal(await azure.probe.flowLogOf(ids.scaleVnet(191)), undefined);
    assertNoSecretsIn(azure.emulator, printed);
  });
});
