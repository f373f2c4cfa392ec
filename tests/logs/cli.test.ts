// The `flowlogs` command as a person runs it: a child process over the hand-written fixtures.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

const run = promisify(execFile);
const flowlogs = path.join(repoRoot, "dist", "logs", "cli.js");
const fixtures = path.join(__dirname, "fixtures");

describe("flowlogs command", () => {
  it("summarizes blobs as a table, with problems on stderr", async () => {
    const { stdout, stderr } = await run(flowlogs, [
      "summarize",
      path.join(fixtures, "nsg-v2.json"),
      path.join(fixtures, "corrupt.json"),
    ]);
    assert.match(stdout, /^Flows: 8 /);
    assert.match(stdout, /Allowed: 5 \(62\.5%\)\s+Denied: 3 \(37\.5%\)/);
    assert.match(stdout, /UserRule_AllowHttps\s+2\s+0/);
    assert.match(stderr, /corrupt\.json at byte 693: /);
  });

  it("writes JSON and CSV", async () => {
    const json = JSON.parse(
      (await run(flowlogs, ["summarize", "--format", "json", path.join(fixtures, "vnet-v4.json")])).stdout,
    );
    assert.deepEqual([json.flows, json.denied, json.bytes], [3, 1, 56_060]);
    const csv = (
      await run(flowlogs, ["summarize", "--format", "csv", "--top", "1", path.join(fixtures, "nsg-v2.json")])
    ).stdout;
    assert.equal(csv.split("\n")[1], "total,all,5,2,53300");
    assert.equal(csv.split("\n").filter((l) => l.startsWith("talker,")).length, 1);
  });

  it("reads a folder of blobs and writes a self-contained HTML report", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "report-")), "report.html");
    const { stdout } = await run(flowlogs, ["report", "--out", out, "--title", "Web <tier>", fixtures]);
    assert.match(stdout, /wrote .*report\.html \(\d+ flows\)/);
    const html = readFileSync(out, "utf8");
    assert.match(html, /<title>Web &lt;tier&gt;<\/title>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 4, "traffic over time, talkers, denied sources, ports");
    assert.doesNotMatch(
      html,
      /(src|href)=["']?https?:|<script|@import|url\(/,
      "the page must not load anything",
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
  });
});
