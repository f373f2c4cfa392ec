// Issue 26, item 3: blobs read on worker threads (`--jobs`) give what one reader gives, byte for byte:
// the summary, the report, the export, the problems with their file, byte offset and reason, in the same order, and
// the exit codes. Every thread started is ended, whatever happens: success, damaged data, an unreadable
// file, Ctrl+C.
import * as assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { formatSummary, renderReport, summarize } from "../../components/logs";
import { BatchWriter } from "../../components/logs/batch-writer";
import { exportFiles } from "../../components/logs/parallel-export";
import { summarizeFiles } from "../../components/logs/parallel-summary";
import { fileSources, type TimeRange } from "../../components/logs/read";
import { liveWorkers } from "../../components/logs/worker-pool";
import { writeBusyHourBlob } from "../../emulator/dataplane/busy-hour";
import { repoRoot } from "../support/engine";
import { SAMPLES } from "./samples-dir";

const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");
const fixtures = path.join(__dirname, "fixtures");
const scratch = mkdtempSync(path.join(tmpdir(), "flowlogs-parallel-"));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(flowlogs, args, { maxBuffer: 1 << 28 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file of the shared samples (read where they are) and the fixtures, damaged ones among them. */
const samples = () =>
  [SAMPLES, fixtures]
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: "utf8" })
        .sort()
        .map((name) => path.join(dir, name)),
    )
    .filter((file) => statSync(file).isFile());

/** Six hourly blobs of a busy subnet (NSG v2 and VNet v4 by turns), then damaged ones. */
async function generatedDay(): Promise<string[]> {
  const files: string[] = [];
  for (let hour = 0; hour < 6; hour++) {
    const file = path.join(scratch, `h${hour}-PT1H.json`);
    await writeBusyHourBlob(file, hour % 2 ? "vnet" : "nsg", new Date(Date.UTC(2026, 10, 24, hour)), 150_000);
    files.push(file);
  }
  const text = readFileSync(files[0], "utf8");
  const damaged = (name: string, content: string) => {
    const file = path.join(scratch, name);
    writeFileSync(file, content);
    files.splice(2, 0, file);
  };
  damaged(
    "bad-tuples.json",
    text.replace(/,T,I,D,B,/g, (m, at) => (at % 3 ? m : ",X,I,D,B,")),
  );
  damaged("cut.json", text.slice(0, text.length - 5000));
  damaged("not-a-flow-log.json", '{"hello":"world"}');
  return files;
}

/** One reader's summary, as JSON, CSV, table and report. */
async function outputs(files: string[], range: TimeRange, jobs?: number): Promise<string[]> {
  const s =
    jobs === undefined
      ? await summarize(fileSources(files), 5, range)
      : await summarizeFiles(files, 5, range, jobs);
  return [formatSummary(s, "json"), formatSummary(s, "csv"), formatSummary(s, "table"), renderReport(s)];
}

describe("reading blobs on worker threads (--jobs)", () => {
  let day: string[] = [];
  before(async () => {
    day = await generatedDay();
  });

  it("summarizes the shared samples and a generated day as one reader does, byte for byte, problems in the same order", async () => {
    const range = { from: Date.UTC(2026, 10, 24, 1, 30) };
    for (const [files, within] of [
      [samples(), {}],
      [day, {}],
      [day, range],
    ] as const) {
      const one = await outputs([...files], within);
      assert.ok(JSON.parse(one[0]).problemCount > 0, "the inputs have damaged data");
      for (const jobs of [2, 3]) {
        assert.deepEqual(await outputs([...files], within, jobs), one, `--jobs ${jobs}`);
        assert.equal(liveWorkers(), 0, "every thread ended");
      }
    }
  });

  it("an unreadable file fails as with one reader (the first in the files' order), with every thread ended", async () => {
    const files = [day[0], path.join(scratch, "gone-1.json"), day[1], path.join(scratch, "gone-2.json")];
    const one = await summarize(fileSources(files)).catch((e: Error) => e.message);
    const many = await summarizeFiles(files, 10, {}, 2).catch((e: Error) => e.message);
    assert.match(String(one), /ENOENT.*gone-1\.json/);
    assert.equal(many, one);
    assert.equal(liveWorkers(), 0);
  });

  it("flowlogs summarize and report --jobs 2: the same output, warnings and exit codes as --jobs 1", async () => {
    const nothing = [path.join(scratch, "not-a-flow-log.json"), path.join(fixtures, "corrupt.json")];
    for (const [args, code] of [
      [["summarize", ...day], 3],
      [["summarize", "--allow-damaged", "--format", "json", ...day], 0],
      [["summarize", ...nothing.slice(0, 1), ...nothing.slice(0, 1)], 1],
    ] as const) {
      const one = await run([...args, "--jobs", "1"]);
      assert.equal(one.code, code, one.stderr);
      assert.match(one.stderr + one.stdout, /\S/);
      assert.deepEqual(await run([...args, "--jobs", "2"]), one);
    }
    const reports = await Promise.all(
      ["1", "2"].map(async (jobs) => {
        const out = path.join(scratch, `report-${jobs}.html`);
        const { code } = await run(["report", "--allow-damaged", "--jobs", jobs, "--out", out, ...day]);
        assert.equal(code, 0);
        return readFileSync(out, "utf8");
      }),
    );
    assert.equal(reports[1], reports[0]);
  });

  it("flowlogs export --jobs 2 writes what --jobs 1 writes, byte for byte, in every format, to a file or standard output", async () => {
    for (const format of ["csv", "jsonl", "ecs", "ocsf"]) {
      const [one, two] = await Promise.all(
        ["1", "2"].map((jobs) => run(["export", "--format", format, "--jobs", jobs, ...day])),
      );
      assert.equal(one.code, 3, one.stderr);
      assert.ok(one.stdout.split("\n").length > 1000, format);
      assert.deepEqual(two, one, format);
    }
    const written = await Promise.all(
      ["1", "2"].map(async (jobs) => {
        const out = path.join(scratch, `events-${jobs}.csv`);
        const { code, stderr } = await run([
          "export",
          "--allow-damaged",
          "--format",
          "csv",
          "--jobs",
          jobs,
          "--out",
          out,
          ...day,
        ]);
        assert.equal(code, 0);
        return [readFileSync(out, "utf8"), stderr.replace(out, "OUT")];
      }),
    );
    assert.deepEqual(written[1], written[0]);
  });

  it("export on threads leaves no part files behind, whether it succeeds or fails", async () => {
    // A temp folder of this test's own (os.tmpdir() reads TMPDIR), so other test files' exports do not count.
    const temp = mkdtempSync(path.join(scratch, "tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    const out = openSync(path.join(scratch, "events.jsonl"), "w");
    try {
      const totals = await exportFiles(day, "jsonl", {}, 2, new BatchWriter(out));
      assert.ok(totals.problemCount > 0);
      const gone = [day[0], path.join(scratch, "gone.json"), day[1]];
      await assert.rejects(exportFiles(gone, "jsonl", {}, 2, new BatchWriter(out)), /ENOENT.*gone\.json/);
    } finally {
      closeSync(out);
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    assert.equal(liveWorkers(), 0);
    assert.deepEqual(
      readdirSync(temp).filter((name) => name.startsWith("flowlogs-export-")),
      [],
      "the parts' folders removed",
    );
  });

  it("--jobs takes a whole number of at least 1", async () => {
    const { code, stderr } = await run(["summarize", "--jobs", "0", day[0]]);
    assert.equal(code, 2);
    assert.match(stderr, /--jobs: got "0"; expected a whole number of at least 1/);
  });

  it("Ctrl+C while threads read ends the command, its threads with it", async () => {
    // A named pipe as the second blob: opening it for writing returns once a thread has it open to read.
    const fifo = path.join(scratch, "slow-PT1H.json");
    execFileSync("mkfifo", [fifo]);
    const child = spawn(flowlogs, ["summarize", "--jobs", "2", day[0], fifo], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const writer = await open(fifo, "w");
    child.kill("SIGINT");
    assert.equal(await exited, "SIGINT");
    await writer.close();
  });
});
