// The handover's serialized provider loads the installed implementation at call time, from the
// provider host's working directory, as the flow-log shim does; it says where it looked when it cannot.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const shim = path.join(repoRoot, "components", "provider", "handover-shim.js");
const host = `const { handoverProvider } = require(${JSON.stringify(shim)});
Promise.resolve().then(() => handoverProvider.check({}, { targetResourceId: "nsg", coveredBy: "none" }))
  .then((r) => console.log(JSON.stringify(r)), (e) => console.log("error: " + e.message));`;

const checkIn = async (cwd: string) =>
  (await promisify(execFile)(process.execPath, ["-e", host], { cwd })).stdout;

describe("the handover's serialized provider finding its implementation", () => {
  let elsewhere: string;
  before(() => {
    elsewhere = mkdtempSync(path.join(os.tmpdir(), "flowlogs-handover-shim-"));
  });
  after(() => rmSync(elsewhere, { recursive: true, force: true }));

  it("loads the built package's handover provider from the program's folder", async () => {
    const out = JSON.parse(await checkIn(repoRoot));
    assert.deepEqual(
      out.failures.map((f: { property: string }) => f.property),
      ["targetResourceId", "coveredBy"],
    );
  });

  it("names the entry point, where it looked and the fix when the package is not installed", async () => {
    const out = await checkIn(elsewhere);
    assert.ok(
      out.startsWith('error: pulumi-azure-flowlogs: cannot find "pulumi-azure-flowlogs/provider/handover"'),
      out,
    );
    assert.ok(out.includes(`${elsewhere}/`), out);
    assert.match(out, /npm install pulumi-azure-flowlogs/);
  });
});
