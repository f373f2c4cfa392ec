// Where the serialized providers look for the installed implementation, in a real Node process started
// the way the dynamic-provider host is: a main module somewhere, a working directory somewhere else.
// shim.js is what 0.3.0 and earlier serialized; shim-v2.js is the fixed text new flow logs record, run
// as the host runs it (`requireFromString(text).handler()`).
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const providerDir = path.join(repoRoot, "components", "provider");
const requireFromString = require.resolve("require-from-string", {
  paths: [path.dirname(require.resolve("@pulumi/pulumi"))],
});

/** How a host gets each shim's provider object. */
const SHIMS: Record<string, string> = {
  "shim.js": `require(${JSON.stringify(path.join(providerDir, "shim.js"))}).flowLogProvider`,
  "shim-v2.js": `require(${JSON.stringify(requireFromString)})(require("node:fs").readFileSync(${JSON.stringify(
    path.join(providerDir, "shim-v2.js"),
  )}, "utf8")).handler()`,
};

/** Runs a host whose main module sits in `hostDir`, in working directory `cwd`; prints what `check` gave. */
async function checkFrom(shim: string, hostDir: string, cwd: string): Promise<string> {
  mkdirSync(hostDir, { recursive: true });
  const host = path.join(hostDir, "host.js");
  writeFileSync(
    host,
    `const provider = ${SHIMS[shim]};
Promise.resolve().then(() => provider.check({}, { targetResourceId: "not-an-id" }))
  .then((r) => console.log(JSON.stringify(r)), (e) => console.log("error: " + e.message));`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [host], { cwd });
  return stdout;
}

for (const shim of Object.keys(SHIMS)) {
  describe(`the serialized provider ${shim} finding its implementation`, () => {
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
      const out = await checkFrom(shim, hostDir, tempDir());
      assert.match(out, /"failures":\[\{"property":"","reason":"targetResourceId: got \\"not-an-id/);
    });

    it("says where it looked and how to fix it when it finds none", async () => {
      const hostDir = tempDir();
      const cwd = tempDir();
      const out = await checkFrom(shim, hostDir, cwd);
      assert.match(out, /^error: pulumi-azure-flowlogs: cannot find the package's provider/);
      assert.ok(out.includes(`${cwd}/`), out);
      assert.ok(out.includes(path.join(hostDir, "host.js")), out);
      assert.match(out, /npm install pulumi-azure-flowlogs/);
      assert.match(out, /workDir/);
    });
  });
}

describe("the serialized providers' bytes", () => {
  // Each shim's text is in users' state: a changed byte rewrites every flow log's state, and the old
  // ones must keep running for as long as states carry them.
  const RELEASED: Record<string, string> = {
    "shim.js": "4b92297a2d2148f72f884245b0f7eff3d35a936b17851672349adcc78e49d96d",
    "handover-shim.js": "4ce993bd71c517e924508ff13c396bf61910843203915364e610e010b51f907c",
    "shim-v2.js": "814ecf05c1e579b36532e72beaf8f2fa15e612930cc94c3c9173c9b9162fce0f",
  };

  it("are those of their first release", () => {
    for (const [file, sha256] of Object.entries(RELEASED)) {
      const bytes = readFileSync(path.join(providerDir, file));
      assert.equal(createHash("sha256").update(bytes).digest("hex"), sha256, `${file} changed`);
    }
  });

  it("keep the new provider under 800 bytes (0.3.0 serialized 3.5 KB)", () => {
    assert.ok(readFileSync(path.join(providerDir, "shim-v2.js")).length < 800);
  });
});
