// Microsoft's Azure CLI (Debian's azure-cli 2.45) as an independent client of the emulator: a custom
// cloud on the hybrid profile, AD FS sign-in, the flow-log commands, and `az rest` with the seed doc's
// own bodies. What Azure's state becomes is read through the admin API, not taken from exit codes.
// `az` must be installed (scripts/install-azure-cli.sh; CI runs it from .ci/run): without it this fails.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { JWT_PATTERN, secretsOf, startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";
import { seedDocBody, seedDocQueryBody } from "./seed-doc-bodies";

// Each `az` start costs a Python interpreter and the CLI's imports (1-5 s, more on a busy machine);
// the tests that run several commands get room for that.
const AZ_TIMEOUT_MS = 90_000;
const SEVERAL_COMMANDS_MS = 300_000;

interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("emulator: the Azure CLI as a client", () => {
  let emu: RunningEmulator;
  let configDir: string;
  const outputs: string[] = [];

  /** Runs `az` with its own config dir, trusting the emulator's CA, and nothing from this process's environment. */
  function az(...args: string[]): Promise<AzResult> {
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: configDir,
      AZURE_CONFIG_DIR: configDir,
      REQUESTS_CA_BUNDLE: emu.caCertPath,
      AZURE_CORE_COLLECT_TELEMETRY: "false",
      AZURE_CORE_NO_COLOR: "true",
    };
    return new Promise((resolve, reject) => {
      execFile("az", args, { env, timeout: AZ_TIMEOUT_MS }, (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(
            (error as NodeJS.ErrnoException).code === "ENOENT"
              ? new Error(
                  "`az` is not installed: run scripts/install-azure-cli.sh (apt-get install azure-cli)",
                )
              : error,
          );
          return;
        }
        outputs.push(stdout, stderr);
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      });
    });
  }

  async function azJson(...args: string[]) {
    const result = await az(...args, "--output", "json");
    assert.equal(result.code, 0, `az ${args.slice(0, 4).join(" ")} failed: ${result.stderr}`);
    return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
  }

  const flowLogOf = async (target: string) =>
    (await emu.admin.flowLogs()).find((f) => f.targetResourceId.toLowerCase() === target.toLowerCase());
  const watcherUrl = () =>
    `${emu.armUrl}/subscriptions/${ids.SUBSCRIPTION}/ResourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;

  before(async function () {
    this.timeout(SEVERAL_COMMANDS_MS);
    emu = await startEmulatedAzure();
    configDir = mkdtempSync(path.join(tmpdir(), "flowlogs-az-"));
    // The resource manager URL ends in `/`, so the CLI's endpoint discovery asks for `//metadata/endpoints`.
    await azJson(
      "cloud",
      "register",
      "--name",
      "FlowLogsEmulator",
      "--endpoint-resource-manager",
      `${emu.armUrl}/`,
      "--endpoint-active-directory",
      `${emu.armUrl}/adfs`,
      "--profile",
      "2020-09-01-hybrid",
    );
    await azJson("cloud", "set", "--name", "FlowLogsEmulator");
    const { clientId, clientSecret, tenantId } = emu.credentials;
    const login = ["login", "--service-principal", "-u", clientId, "-p", clientSecret, "--tenant", tenantId];
    const subscriptions = await azJson(...login);
    assert.ok(subscriptions.some((s: { id: string }) => s.id === ids.SUBSCRIPTION));
  });

  after(async () => {
    await emu?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  afterEach(() => {
    for (const text of outputs) {
      for (const secret of secretsOf(emu)) assert.ok(!text.includes(secret), "az printed a credential");
      assert.doesNotMatch(text, JWT_PATTERN, "az printed a bearer token");
    }
  });

  it("discovered the cloud's endpoints and signed in through AD FS", async () => {
    const account = await azJson("account", "show");
    assert.deepEqual([account.id, account.tenantId], [ids.SUBSCRIPTION, emu.credentials.tenantId]);
    const signIn = (await emu.admin.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    for (const expected of [
      "GET /metadata/endpoints 200",
      "GET /adfs/.well-known/openid-configuration 200",
      "POST /adfs/oauth2/token 200",
      "GET /subscriptions 200",
    ])
      assert.ok(signIn.includes(expected), `${expected} missing from ${signIn.join(", ")}`);
  });

  it("enables, shows and disables an NSG flow log with `az network watcher flow-log`", async function () {
    this.timeout(SEVERAL_COMMANDS_MS);
    const nsg = ["--resource-group", "rg-network", "--nsg", "nsg-app"];
    await azJson(
      "network",
      "watcher",
      "flow-log",
      "configure",
      ...nsg,
      "--enabled",
      "true",
      "--retention",
      "5",
    );
    const enabled = await flowLogOf(ids.NSG_WITH_DISABLED_LOG);
    assert.deepEqual(
      [enabled?.enabled, enabled?.retentionPolicy, enabled?.storageId],
      [true, { days: 5, enabled: true }, ids.STORAGE_WEU],
    );
    const shown = await azJson("network", "watcher", "flow-log", "show", ...nsg);
    assert.deepEqual([shown.enabled, shown.storageId], [true, ids.STORAGE_WEU]);
    await azJson("network", "watcher", "flow-log", "configure", ...nsg, "--enabled", "false");
    const disabled = await flowLogOf(ids.NSG_WITH_DISABLED_LOG);
    assert.deepEqual([disabled?.enabled, disabled?.storageId], [false, ids.STORAGE_WEU]);
  });

  it("is refused a new NSG flow log, and nothing is created", async function () {
    this.timeout(SEVERAL_COMMANDS_MS);
    const refused = await az(
      ...["network", "watcher", "flow-log", "configure", "--resource-group", "rg-network"],
      ...["--nsg", "nsg-new", "--enabled", "true", "--storage-account", ids.STORAGE_WEU],
    );
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /NsgFlowLogCreationBlocked/);
    assert.equal(await flowLogOf(ids.NSG_NEW), undefined);
  });

  it("sends the seed doc's bodies, as written, with `az rest` at api-version 2016-12-01", async function () {
    this.timeout(SEVERAL_COMMANDS_MS);
    // The bodies are not strict JSON, so `az rest` cannot tell their type: the header says it, as armclient's does.
    const post = (action: string, body: string) =>
      az(
        ...["rest", "--method", "post", "--url", `${watcherUrl()}/${action}?api-version=2016-12-01`],
        ...["--body", body, "--headers", "Content-Type=application/json", "--output", "json"],
      );
    assert.equal((await post("configureFlowLog", seedDocBody("true"))).code, 0);
    const enabled = await flowLogOf(ids.NSG_WITH_DISABLED_LOG);
    assert.deepEqual([enabled?.enabled, enabled?.retentionPolicy], [true, { days: 5, enabled: true }]);
    const status = await post("queryFlowLogStatus", seedDocQueryBody());
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout).properties.retentionPolicy, { days: 5, enabled: true });
    assert.equal((await post("configureFlowLog", seedDocBody("false"))).code, 0);
    assert.equal((await flowLogOf(ids.NSG_WITH_DISABLED_LOG))?.enabled, false);
  });

  it("creates, reads and deletes a VNet flow log with `az rest` at api-version 2025-05-01", async function () {
    this.timeout(SEVERAL_COMMANDS_MS);
    const url = `${watcherUrl()}/flowLogs/vnet-api-log?api-version=2025-05-01`;
    const body = {
      location: "westeurope",
      properties: { targetResourceId: ids.VNET_API, storageId: ids.STORAGE_WEU, enabled: true },
    };
    const created = await azJson("rest", "--method", "put", "--url", url, "--body", JSON.stringify(body));
    assert.equal(created.properties.targetResourceId, ids.VNET_API);
    assert.equal((await flowLogOf(ids.VNET_API))?.enabled, true);
    const read = await azJson("rest", "--method", "get", "--url", url);
    assert.deepEqual([read.name, read.properties.provisioningState], ["vnet-api-log", "Succeeded"]);
    await azJson("rest", "--method", "delete", "--url", url);
    assert.equal(await flowLogOf(ids.VNET_API), undefined);
  });
});
