// scripts/setup-pulumi.sh beside a Pulumi installation someone already has: it fills gaps from its own
// cache and never writes into that installation.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const setup = path.join(repoRoot, "scripts", "setup-pulumi.sh");
const cacheDir =
  process.env.PULUMI_FLOWLOGS_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-azure-flowlogs");

/** The language hosts setup builds from Go modules, by cache folder: built once, shared with these tests. */
const BUILT_HOSTS = [
  ["language-nodejs-v3.68.0", "pulumi-language-nodejs"],
  ["language-yaml-v1.25.0", "pulumi-language-yaml"],
];

describe("setup-pulumi.sh beside an existing Pulumi installation", () => {
  let work: string;
  let installation: string;
  let cache: string;

  beforeEach(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "flowlogs-setup-"));
    installation = path.join(work, "pulumi-install");
    cache = path.join(work, "cache");
    mkdirSync(installation);
    // The user's CLI (the one our tests built), and a cache that already holds the built language hosts.
    const { stdout } = await promisify(execFile)("bash", ["-c", 'readlink -f "$(command -v pulumi)"']);
    symlinkSync(stdout.trim(), path.join(installation, "pulumi"));
    for (const [folder, host] of BUILT_HOSTS) {
      mkdirSync(path.join(cache, folder), { recursive: true });
      symlinkSync(path.join(cacheDir, folder, host), path.join(cache, folder, host));
    }
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  async function runSetup(): Promise<string> {
    const pathWithoutOurs = (process.env.PATH ?? "")
      .split(":")
      .filter((dir) => !dir.startsWith(cacheDir))
      .join(":");
    const { stdout } = await promisify(execFile)("bash", [setup], {
      env: { ...process.env, PATH: `${installation}:${pathWithoutOurs}`, PULUMI_FLOWLOGS_CACHE: cache },
    });
    return stdout.trim().split("\n").at(-1) ?? "";
  }

  it("adds only the missing helpers, in its own directory", async () => {
    const dir = await runSetup();
    assert.equal(dir, path.join(cache, "bin"));
    assert.deepEqual(readdirSync(dir).sort(), [
      "pulumi-analyzer-policy",
      "pulumi-language-nodejs",
      "pulumi-language-yaml",
      "pulumi-resource-pulumi-nodejs",
    ]);
    assert.deepEqual(readdirSync(installation), ["pulumi"], "setup wrote into the existing installation");
  });

  it("provides Pulumi's policy-pack launcher, which starts @pulumi/pulumi's run-policy-pack", async () => {
    const launcher = path.join(await runSetup(), "pulumi-analyzer-policy");
    accessSync(launcher, constants.X_OK);
    assert.match(
      readFileSync(launcher, "utf8"),
      /require\.resolve\('@pulumi\/pulumi\/cmd\/run-policy-pack'\)/,
    );
    assert.ok(realpathSync(launcher).startsWith(cache), "the launcher lives in setup's own cache");
  });

  it("leaves the installation's own helpers in charge", async () => {
    const helpers = [
      "pulumi-analyzer-policy",
      "pulumi-language-nodejs",
      "pulumi-language-yaml",
      "pulumi-resource-pulumi-nodejs",
    ];
    for (const helper of helpers) {
      writeFileSync(path.join(installation, helper), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    }
    const dir = await runSetup();
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(readdirSync(installation).sort(), ["pulumi", ...helpers]);
  });
});
