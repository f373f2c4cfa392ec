// Where the serialized provider looks for the installed implementation, in a real Node process started
// the way the dynamic-provider host is: a main module somewhere, a working directory somewhere else.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const shim = path.join(repoRoot, "components", "provider", "shim.js");

/** Runs a host whose main module sits in `hostDir`, in working directory `cwd`; prints what `check` gave. */
async function checkFrom(hostDir: string, cwd: string): Promise<string> {
  mkdirSync(hostDir, { recursive: true });
  const host = path.join(hostDir, "host.js");
  writeFileSync(
    host,
    `const { flowLogProvider } = require(${JSON.stringify(shim)});
Promise.resolve().then(() => flowLogProvider.check({}, { targetResourceId: "not-an-id" }))
  .then((r) => console.log(JSON.stringify(r)), (e) => console.log("error: " + e.message));`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [host], { cwd });
  return stdout;
}

describe("the serialized provider finding its implementation", () => {
  const scratch: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "flowlogs-shim-"));
    scratch.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it("loads it beside the host's packages when the working directory has none", async () => {
    const hostDir = path.join(repoRoot, ".pulumi-test", `host-${process.pid}`);
    scratch.push(hostDir);
    const out = await checkFrom(hostDir, tempDir());
    assert.match(out, /"failures":\[\{"property":"","reason":"targetResourceId: got \\"not-an-id/);
  });

  it("says where it looked and how to fix it when it finds none", async () => {
    const hostDir = tempDir();
    const cwd = tempDir();
    const out = await checkFrom(hostDir, cwd);
    assert.match(out, /^error: pulumi-azure-flowlogs: cannot find the package's provider/);
    assert.ok(out.includes(`${cwd}/`), out);
    assert.ok(out.includes(path.join(hostDir, "host.js")), out);
    assert.match(out, /npm install pulumi-azure-flowlogs/);
    assert.match(out, /workDir/);
  });
});
