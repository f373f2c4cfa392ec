// Issue 21, items 6 to 11: hostile and damaged flow logs through the `flowlogs` command as npm packs it.
// Each file is built here, byte by byte, as an attacker who can write to the storage account (or an
// unlucky writer) would leave it.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/engine";

const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `flowlogs ARGS`; resolves with the exit code and output, never rejects. */
function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(flowlogs, args, { env, maxBuffer: 1 << 28 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), "flowlogs-hostile-"));
let files = 0;

/** Writes `content` to a new file and gives its path. */
function file(content: string | Buffer, name = `blob-${++files}.json`): string {
  const at = path.join(scratch, name);
  writeFileSync(at, content);
  return at;
}

const NSG = "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/NSG-WEB";

/** An NSG version 2 record with one group of these tuples. */
function nsgRecord(tuples: string[], rule = "UserRule_AllowHttps", target = NSG): string {
  return JSON.stringify({
    time: "2026-11-24T10:00:05.1234567Z",
    macAddress: "000D3A1B2C3D",
    category: "NetworkSecurityGroupFlowEvent",
    resourceId: target,
    operationName: "NetworkSecurityGroupFlowEvents",
    properties: { Version: 2, flows: [{ rule, flows: [{ mac: "000D3A1B2C3D", flowTuples: tuples }] }] },
  });
}

const blob = (records: string[]) => `{"records":[${records.join("\n,")}]}`;
/** A version 2 tuple at `seconds` (2026-11-24 10:00 when not given) from `src`. */
const tuple = (seconds = 1795579205, src = "203.0.113.7") =>
  `${seconds},${src},10.10.1.4,51432,443,T,I,A,B,,,,`;

/** The cells of a CSV text, row by row, unquoted as a spreadsheet reads them (RFC 4180). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [[]];
  for (const [, quoted, plain, end] of text.matchAll(/(?:"((?:[^"]|"")*)"|([^,\n"]*))(,|\n|$)/g)) {
    rows[rows.length - 1].push(quoted === undefined ? plain : quoted.replace(/""/g, '"'));
    if (end === "\n") rows.push([]);
    if (end === "") break;
  }
  return rows.filter((row) => row.length > 1 || row[0]);
}

const FORMULA = /^[=+\-@\t\r]/;

/** Byte offset of the string `"text"` in the file. */
const offsetOf = (path: string, text: string) => readFileSync(path).indexOf(JSON.stringify(text));

describe("flowlogs on hostile and damaged data (issue 21)", () => {
  it("item 6: tuples at epoch 0 and the last JS date are complaints with file and offset, and the timeline stays bounded", async () => {
    const epoch = tuple(0);
    const lastDate = tuple(8_640_000_000_000); // 8.64e15 ms, the last date JavaScript can hold
    const year9999 = tuple(253_402_300_799);
    const farApart = file(blob([nsgRecord([epoch, tuple(), lastDate, year9999])]));

    const summary = await run(["summarize", "--format", "json", farApart]);
    assert.equal(summary.code, 3, summary.stderr);
    const json = JSON.parse(summary.stdout);
    assert.equal(json.tuples, 1);
    assert.equal(json.timeline.bins.length, 1);
    assert.deepEqual(
      json.problems.map((p: { offset: number; message: string }) => [p.offset, p.message]),
      [
        [
          offsetOf(farApart, epoch),
          `tuple "${epoch}" skipped: time "0" is before 2015, when there were no flow logs`,
        ],
        [
          offsetOf(farApart, lastDate),
          `tuple "${lastDate}" skipped: time "8640000000000" is more than a day from now`,
        ],
        [
          offsetOf(farApart, year9999),
          `tuple "${year9999}" skipped: time "253402300799" is more than a day from now`,
        ],
      ],
    );
    assert.ok(summary.stderr.includes(`warning: ${farApart} at byte ${offsetOf(farApart, epoch)}: tuple`));

    const report = path.join(scratch, "far-apart.html");
    const written = await run(["report", "--out", report, farApart]);
    assert.equal(written.code, 3, written.stderr);
    assert.match(readFileSync(report, "utf8"), /Problems \(not counted\) \(3\)/);

    // Times a flow log can have, years apart: the bins stay few (whole weeks), whatever the span.
    const yearsApart = file(blob([nsgRecord([tuple(Date.UTC(2015, 0, 2) / 1000), tuple()])]));
    const wide = JSON.parse((await run(["summarize", "--format", "json", yearsApart])).stdout);
    assert.equal(wide.tuples, 2);
    assert.ok(wide.timeline.bins.length <= 120, `${wide.timeline.bins.length} bins`);
    assert.equal(wide.timeline.binMs % (7 * 86_400_000), 0, "bins of whole weeks");
    const sum = wide.timeline.bins.reduce((n: number, b: { tuples: number }) => n + b.tuples, 0);
    assert.equal(sum, 2, "every tuple in a bin");
  });

  it("item 7: 300k malformed tuples are counted, the first 1000 kept with their offsets", async () => {
    const bad = Array.from({ length: 300_000 }, (_, i) => `x${i}`);
    const many = file(blob([nsgRecord([tuple(), ...bad])]));
    const result = await run(["summarize", "--format", "json", many]);
    assert.equal(result.code, 3, result.stderr.slice(-500));
    const json = JSON.parse(result.stdout);
    assert.equal(json.tuples, 1);
    assert.equal(json.problemCount, 300_000);
    assert.equal(json.problems.length, 1000);
    assert.equal(json.problems[999].offset, offsetOf(many, "x999"));
    assert.match(result.stderr, /warning: 299000 more problems not shown \(the first 1000 are\)/);
    assert.match(result.stderr, /flowlogs: 300000 problems: .* --allow-damaged accepts that/);

    const table = await run(["summarize", "--allow-damaged", many]);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /Problems \(300000, the first 1000 shown\)/);
    const report = await run(["report", "--allow-damaged", "--out", path.join(scratch, "many.html"), many]);
    assert.equal(report.code, 0, report.stderr.slice(-500));
  });

  it("item 7: 150k distinct rule names still print as a table (no spread of one argument per row)", async () => {
    const rules = Array.from({ length: 150_000 }, (_, i) => ({
      rule: `rule-${i}`,
      flows: [{ mac: "000D3A1B2C3D", flowTuples: [tuple()] }],
    }));
    const record = {
      time: "2026-11-24T10:00:05Z",
      resourceId: NSG,
      properties: { Version: 2, flows: rules },
    };
    const result = await run(["summarize", file(JSON.stringify({ records: [record] }))]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^rule-149999\s+NSG-WEB\s+1\s+0/m);
  });

  it("item 8: a record that is one unclosed string is scanned once, however long (work linear in its length)", async () => {
    // Counts the characters handed to the record reader: every piece of the file the scanner looks at.
    const preload = file(
      `const { JsonCursor } = require(${JSON.stringify(path.join(repoRoot, "dist", "logs", "json-cursor.js"))});
let seen = 0;
const use = JsonCursor.prototype.use;
JsonCursor.prototype.use = function (text, plain) { seen += text.length; return use.call(this, text, plain); };
process.on("exit", () => process.stderr.write("characters examined: " + seen + "\\n"));`,
      "count-use.js",
    );
    const env = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
    for (const megabytes of [4, 8]) {
      const head = '{"records":[{"time":"';
      const unclosed = file(Buffer.concat([Buffer.from(head), Buffer.alloc(megabytes << 20, "a")]));
      const size = (megabytes << 20) + head.length;
      const result = await run(["summarize", unclosed], env);
      assert.equal(result.code, 1, result.stderr);
      assert.ok(
        result.stderr.includes(`${unclosed} at byte 12: the file ends inside this record (truncated)`),
      );
      const examined = Number(/characters examined: (\d+)/.exec(result.stderr)?.[1]);
      // Each byte once, plus at most a few bytes carried per 64 KiB piece; a rescan would be many times the size.
      assert.ok(examined >= size && examined < size * 1.01, `${examined} characters for ${size} bytes`);
    }
  });

  it("item 9: a torn record loses only itself: the records after it are read, the loss counted, exit 3 unless allowed", async () => {
    const records = Array.from({ length: 9 }, (_, i) => nsgRecord([tuple(1795579205 + i)]));
    const torn = records[2].slice(0, -4); // its last four closing brackets lost
    const wrapped = file(blob([...records.slice(0, 2), torn, ...records.slice(3)]));
    const tornAt = readFileSync(wrapped).indexOf(torn);
    const nextAt = readFileSync(wrapped).indexOf(records[3]);

    const strict = await run(["summarize", "--format", "json", wrapped]);
    assert.equal(strict.code, 3);
    const json = JSON.parse(strict.stdout);
    assert.deepEqual([json.records, json.tuples, json.problemCount], [8, 8, 1]);
    assert.equal(json.problems[0].offset, tornAt);
    assert.equal(
      json.problems[0].message,
      `this record does not close before the next one starts at byte ${nextAt} (torn: its closing brackets are missing); its ${nextAt - tornAt} bytes are skipped`,
    );
    assert.match(strict.stderr, /flowlogs: 1 problems: what they name was skipped and is not counted/);

    const allowed = await run(["summarize", "--allow-damaged", wrapped]);
    assert.equal(allowed.code, 0);
    assert.match(allowed.stdout, /^Tuples: 8 in 8 records of 1 files/);
    assert.match(allowed.stderr, /^warning: .* at byte \d+: this record does not close/m);

    // Records one per line, as elastic's inputs are: the same.
    const lines = file(
      [...records.slice(0, 4), records[4].slice(0, -2), ...records.slice(5)].join("\n"),
      "lines.log",
    );
    const perLine = JSON.parse(
      (await run(["summarize", "--format", "json", "--allow-damaged", lines])).stdout,
    );
    assert.deepEqual([perLine.records, perLine.problemCount], [8, 1]);

    const exported = await run(["export", wrapped]);
    assert.equal(exported.code, 3);
    assert.equal(exported.stdout.trim().split("\n").length, 8);
  });

  it("item 10: CSV cells that would run as formulas are neutralised; addresses that are not IPs are complaints", async () => {
    const formulas = file(
      blob([
        nsgRecord([tuple()], '=HYPERLINK("https://evil.example","x")', "-2+3"),
        nsgRecord([tuple()], "@SUM(1)", "+cmd|' /C calc'!A0"),
        nsgRecord([tuple(), tuple(1795579205, "=1+2"), tuple(1795579205, "10.0.0.300")], "\tTab", "\rCr"),
      ]),
    );
    const exported = await run(["export", "--format", "csv", formulas]);
    assert.equal(exported.code, 3, exported.stderr);
    const rows = csvRows(exported.stdout);
    assert.equal(rows.length, 4, "the header and three events");
    for (const cell of rows.flat()) assert.doesNotMatch(cell, FORMULA, JSON.stringify(cell));
    assert.deepEqual(
      rows.slice(1).map((row) => [row[2], row[5]]),
      [
        ["'-2+3", `'=HYPERLINK("https://evil.example","x")`],
        ["'+cmd|' /C calc'!A0", "'@SUM(1)"],
        ["'\rCr", "'\tTab"],
      ],
      "target and rule, neutralised",
    );
    assert.ok(
      exported.stdout.includes(`,"'=HYPERLINK(""https://evil.example"",""x"")",`),
      "quoted as RFC 4180 has it",
    );

    const summary = await run(["summarize", "--format", "csv", "--allow-damaged", formulas]);
    for (const cell of csvRows(summary.stdout).flat())
      assert.doesNotMatch(cell, FORMULA, JSON.stringify(cell));
    assert.match(summary.stdout, /^target,'-2\+3,1,/m);

    const bad = [tuple(1795579205, "=1+2"), tuple(1795579205, "10.0.0.300")];
    assert.deepEqual(
      JSON.parse((await run(["summarize", "--format", "json", formulas])).stdout).problems,
      bad.map((t) => ({
        blob: formulas,
        offset: offsetOf(formulas, t),
        message: `tuple "${t}" skipped: source address "${t.split(",")[1]}" is not an IP address`,
      })),
    );
  });

  it("item 11: control characters from the logs reach the terminal as escapes", async () => {
    const rule = "evil\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e";
    const hostile = file(blob([nsgRecord([tuple(), tuple(1795579205, "\u001b[31m")], rule, `${NSG}\u0007`)]));
    const result = await run(["summarize", hostile]);
    assert.equal(result.code, 3, result.stderr);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;
    assert.doesNotMatch(result.stdout, control);
    assert.doesNotMatch(result.stderr, control);
    assert.ok(result.stdout.includes("evil\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202e"), result.stdout);
    assert.ok(result.stdout.includes("NSG-WEB\\x07"), result.stdout);
    assert.ok(result.stderr.includes('source address "\\x1b[31m" is not an IP address'), result.stderr);
  });
});
