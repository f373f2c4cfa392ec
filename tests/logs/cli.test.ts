// The `flowlogs` command as a person runs it: a child process over the hand-written fixtures.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const fixtures = path.join(__dirname, "fixtures");

describe("flowlogs command", () => {
  it("summarizes blobs as a table, with problems on stderr (exit 3 unless --allow-damaged)", async () => {
    const files = [path.join(fixtures, "nsg-v2.json"), path.join(fixtures, "corrupt.json")];
    await assert.rejects(
      run(flowlogs, ["summarize", ...files]),
      (e: { code: number; stdout: string }) => e.code === 3 && /^Tuples: 8 in 4 records/.test(e.stdout),
    );
    const { stdout, stderr } = await run(flowlogs, ["summarize", "--allow-damaged", ...files]);
    assert.match(stdout, /^Tuples: 8 in 4 records of 2 files /);
    assert.match(stdout, /Counted: tuples \(one per log line/);
    assert.match(stdout, /Allowed: 5 \(62\.5%\)\s+Denied: 3 \(37\.5%\)/);
    assert.match(stdout, /States: begin 3, continue 2, end 1, deny 0, none \(version 1\) 2/);
    // in: 3400 (E inbound) + 1200 + 1200 (C outbound, twice); out: 48000 + 700 + 700.
    assert.match(stdout, /Bytes: in 5\.66 KiB, out 48\.2 KiB \(src->dst 4\.69 KiB, dst->src 49\.2 KiB\)/);
    assert.match(stdout, /UserRule_AllowHttps\s+NSG-WEB\s+2\s+0/);
    assert.match(stdout, /TCP\/443\s+https\s+2\s+0\s+50\.2 KiB/);
    assert.match(stderr, /corrupt\.json at byte 693: not valid JSON/);
  });

  it("with --from/--to counts the records that have a tuple in the range, and every byte figure in one unit system", async () => {
    const file = path.join(fixtures, "nsg-v2.json");
    const { stdout } = await run(flowlogs, ["summarize", "--from", "2026-11-25T04:03:00Z", file]);
    assert.match(
      stdout,
      /^Tuples: 1 in 1 records of 1 files \(2026-11-25T04:05:10\.000Z \.\. 2026-11-25T04:05:10\.000Z\); 2 records read, the others outside the time range\n/,
    );
    const json = JSON.parse(
      (await run(flowlogs, ["summarize", "--format", "json", "--to", "2000-01-01T00:00:00Z", file])).stdout,
    );
    assert.deepEqual([json.tuples, json.records, json.recordsRead], [0, 0, 2]);
    const whole = (await run(flowlogs, ["summarize", file])).stdout;
    const bytesLine = whole.split("\n").find((l) => l.startsWith("Bytes:"))!;
    assert.doesNotMatch(
      bytesLine.replace(/\d+(\.\d+)? (B|KiB|MiB|GiB)\b/g, ""),
      /\d/,
      "a byte count without its unit",
    );
  });

  it("writes JSON and CSV", async () => {
    const json = JSON.parse(
      (await run(flowlogs, ["summarize", "--format", "json", path.join(fixtures, "vnet-v4.json")])).stdout,
    );
    assert.deepEqual([json.tuples, json.denied, json.bytes.srcToDst + json.bytes.dstToSrc], [3, 1, 56_060]);
    assert.equal(json.distinct.destinations, 2, "192.0.2.180 and 10.10.1.4");
    const csv = (
      await run(flowlogs, ["summarize", "--format", "csv", "--top", "1", path.join(fixtures, "nsg-v2.json")])
    ).stdout;
    assert.equal(csv.split("\n")[1], "total,all,5,3,2,53300");
    assert.equal(csv.split("\n").filter((l) => l.startsWith("talker,")).length, 1);
  });

  it("reads a folder of blobs and writes a self-contained HTML report", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "report-")), "report.html");
    const { stdout } = await run(flowlogs, [
      "report",
      "--allow-damaged",
      "--out",
      out,
      "--title",
      "Web <tier>",
      fixtures,
    ]);
    assert.match(stdout, /wrote .*report\.html \(\d+ tuples in \d+ records\)/);
    const html = readFileSync(out, "utf8");
    assert.match(html, /<title>Web &lt;tier&gt;<\/title>/);
    for (const view of [
      "Bandwidth over time",
      "Top talkers",
      "Top destinations",
      "Top conversations",
      "Destination ports",
      "Public and private",
      "Rules (per NSG or aclID)",
      "Targets",
      "NICs (MAC",
    ])
      assert.ok(html.includes(view), view);
    assert.match(html, /url\(#denied\)/, "denied drawn hatched");
    assert.doesNotMatch(
      html,
      /(src|href)=["']?https?:|<script|@import|url\((?!#)/,
      "the page must not load anything",
    );
  });

  it("loads no Azure SDK module for summarize, report or export (only download and rules sign in)", async () => {
    const preload = path.join(mkdtempSync(path.join(tmpdir(), "modules-")), "azure-modules.js");
    writeFileSync(
      preload,
      'process.on("exit", () => process.stderr.write("azure modules: " + Object.keys(require.cache).filter((k) => k.includes("@azure")).length + "\\n"));',
    );
    const env = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
    const file = path.join(fixtures, "nsg-v2.json");
    for (const args of [
      ["summarize", file],
      ["export", file],
      ["report", "--out", path.join(path.dirname(preload), "r.html"), file],
    ])
      assert.match((await run(flowlogs, args, { env })).stderr, /azure modules: 0\n/, args[0]);
  });

  it("reads .log files in a folder, and exits 1 naming each file when no record could be read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "shapes-"));
    writeFileSync(
      path.join(dir, "a.log"),
      readFileSync(path.join(fixtures, "nsg-v1.json"), "utf8").replace(/^\{"records":\[|\]\}\s*$/g, ""),
    );
    assert.match((await run(flowlogs, ["summarize", dir])).stdout, /^Tuples: 2 in 1 records of 1 files/);
    writeFileSync(path.join(dir, "a.log"), "not a flow log\n");
    await assert.rejects(
      run(flowlogs, ["summarize", dir]),
      (e: { code: number; stderr: string; stdout: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr, /a\.log at byte 0: no flow-log record found/);
        assert.match(e.stderr, /no flow-log record could be read from the files given/);
        assert.equal(e.stdout, "");
        return true;
      },
    );
  });

  it("rejects bad flags naming the flag, the value and what is accepted", async () => {
    await assert.rejects(
      run(flowlogs, ["summarize", "--format", "xml", fixtures]),
      (e: { stderr: string; code: number }) => {
        assert.equal(e.code, 2);
        assert.match(e.stderr, /--format: got "xml"; expected table, json or csv/);
        return true;
      },
    );
    await assert.rejects(
      run(flowlogs, ["report", "--from", "yesterday", fixtures]),
      (e: { stderr: string; code: number }) =>
        e.code === 2 && /--from: got "yesterday"; expected an ISO date/.test(e.stderr),
    );
  });
});
