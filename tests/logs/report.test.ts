// The report as a network engineer reads it: bandwidth in bit/s with its bin and labelled axes, isolated
// bins drawn as points, denied sources labelled by what orders them, rules named by their NSG (or said
// to be unknown), and, with --nsg, MACs tied to their NICs and IPs and GUID aclIDs to their NSG.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { type DataPlane, startDataPlane } from "../../emulator/dataplane";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { repoRoot } from "../support/engine";
import * as ids from "../support/seed-ids";
import { SAMPLES } from "./samples-dir";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const scratch = () => mkdtempSync(path.join(tmpdir(), "report-"));

describe("flowlogs report, as a network engineer reads it", () => {
  it("on the shared samples: bit/s per bin on a labelled axis, points for isolated bins, rules named by NSG or said unknown", async () => {
    const out = path.join(scratch(), "samples.html");
    // The samples folder also holds peers' expected outputs, which are not flow logs: warned of, allowed.
    await run(flowlogs, ["report", "--allow-damaged", "--out", out, SAMPLES]);
    const html = readFileSync(out, "utf8");
    // The samples span years, and the timeline keeps at most 120 bins: whole weeks each.
    const [, days] = /<h2>Bandwidth over time \(bit\/s, average of each (\d+) days bin\)/.exec(html) ?? [];
    assert.ok(days && Number(days) % 7 === 0, "the bin is named, in whole weeks");
    assert.match(
      html,
      new RegExp(`>bit/s \\(${days} days average\\)</text>`),
      "the bandwidth axis says its unit",
    );
    assert.match(html, />tuples<\/text>/, "the tuples axis too");
    assert.match(html, /class="axis">[\d.]+ (k|M|G)?bit\/s<\/text>/, "the axis top in bit/s");
    // The samples are years apart: most bins with logs have none beside them, and no line joins them.
    assert.ok((html.match(/<circle /g) ?? []).length >= 10, "isolated bins are drawn as points");
    assert.match(html, /<h2>Top denied sources \(by denied tuples\)/);
    assert.match(html, /\d+ of \d+ denied/);
    assert.match(html, /<td>labsvm1-nsg<\/td>/, "an aclID that is a resource ID shows the NSG's name");
    assert.match(html, /aclID db903ae8-908e-491b-b12b-afaafab9d9ed \(not an NSG given with --nsg\)/);
    assert.match(html, /NICs \(MAC; name them with --nsg or --target\)/);
  });

  describe("with --nsg, against the emulator", () => {
    let emulator: RunningEmulator;
    let dataPlane: DataPlane;
    let env: NodeJS.ProcessEnv;
    let dir: string;

    before(async () => {
      emulator = await startEmulatedAzure();
      dataPlane = await startDataPlane(emulator);
      await dataPlane.writeHours(new Date("2026-11-24T10:00:00Z"), new Date("2026-11-24T12:00:00Z"));
      env = { ...process.env, ...providerEnv(emulator) };
      dir = scratch();
      const range = ["--from", "2026-11-24T10:00:00Z", "--to", "2026-11-24T12:00:00Z"];
      await run(flowlogs, ["download", "--target", ids.NSG_WITH_ENABLED_LOG, ...range, "--out", dir], {
        env,
      });
      // A VNet flow log's record naming nsg-web by its resourceGuid, as some VNet flow logs do.
      const nsg = await emulator.admin.getResource(ids.NSG_WITH_ENABLED_LOG);
      const record = {
        time: "2026-11-24T10:30:00.0000000Z",
        macAddress: "000D3A1B2C3D",
        category: "FlowLogFlowEvent",
        flowLogVersion: 4,
        flowLogResourceID:
          "/SUBSCRIPTIONS/X/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/W/FLOWLOGS/F",
        targetResourceID: ids.VNET_WEB,
        flowRecords: {
          flows: [
            {
              aclID: nsg.properties.resourceGuid,
              flowGroups: [
                {
                  rule: "DefaultRule_DenyAllInBound",
                  flowTuples: ["1795602600000,192.0.2.14,10.10.1.4,40000,3389,6,I,D,NX,0,0,0,0"],
                },
              ],
            },
          ],
        },
      };
      writeFileSync(path.join(dir, "vnet-record.json"), JSON.stringify({ records: [record] }));
    });

    after(async () => {
      await dataPlane?.stop();
      await emulator?.stop();
    });

    it("ties MACs to their NICs and IPs, and a GUID aclID to its NSG", async () => {
      const out = path.join(dir, "report.html");
      await run(flowlogs, ["report", "--out", out, "--nsg", ids.NSG_WITH_ENABLED_LOG, dir], { env });
      const html = readFileSync(out, "utf8");
      assert.match(html, /NICs \(MAC, NIC and IP\)/);
      assert.match(html, /<td>000D3A1B2C3D nic-web-01 \(10\.10\.1\.4\)<\/td>/);
      assert.match(html, /<td>000D3A1B2C3E nic-web-02 \(10\.10\.1\.5\)<\/td>/);
      assert.match(html, /<td>DefaultRule_DenyAllInBound<\/td><td>nsg-web<\/td>/, "the GUID aclID, named");
      assert.match(html, /<td>DefaultRule_DenyAllInBound<\/td><td>NSG-WEB<\/td>/, "the NSG flow log's own");
      assert.doesNotMatch(html, /not an NSG given with --nsg/);
    });
  });
});
