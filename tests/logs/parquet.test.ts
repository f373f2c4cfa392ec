// `flowlogs export --format parquet`, run as users run it on the shared samples, read back by DuckDB's own
// Parquet reader: every tuple our reader hands on is a row, with where it came from, in its Hive partition,
// and the figures `summarize` reports come out of the files by SQL.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { fileSource, readFlows, summarize } from "../../components/logs";
import { targetKey } from "../../components/logs/tuple-table";
import { exportParquet, flowlogs, PARQUET_SAMPLES, readParquet, rows } from "./parquet-fixture";
import { sample } from "./samples-dir";

const run = promisify(execFile);
const readBack = (folder: string) => readParquet(folder, true);

describe("flowlogs export --format parquet", () => {
  let work: string;
  let out: string;
  let db: DuckDBConnection;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), "flowlogs-parquet-"));
    out = path.join(work, "parquet");
    const { stderr } = await exportParquet(out, ...PARQUET_SAMPLES);
    assert.match(stderr, /^wrote .* \(\d+ tuples as Parquet\)\n$/);
    db = await (await DuckDBInstance.create(":memory:")).connect();
  });

  after(() => {
    db?.closeSync();
    rmSync(work, { recursive: true, force: true });
  });

  it("holds exactly the tuples our reader reads, each with its blob and its record's byte offset", async () => {
    const expected: string[] = [];
    await readFlows(PARQUET_SAMPLES.map(fileSource), (f, blob, offset) =>
      expected.push(
        JSON.stringify([
          f.time,
          f.target,
          f.aclID ?? null,
          f.mac,
          f.rule,
          f.src,
          f.srcPort,
          f.dst,
          f.dstPort,
          f.protocol,
          f.direction,
          f.decision,
          f.state ?? null,
          f.encryption ?? null,
          f.packetsSent ?? null,
          f.bytesSent ?? null,
          f.packetsReceived ?? null,
          f.bytesReceived ?? null,
          f.version,
          blob,
          offset,
        ]),
      ),
    );
    const read = await rows(
      db,
      `SELECT epoch_ms(time) AS t, targetId, aclID, mac, rule, src, srcPort, dst, dstPort, protocol, direction,
        decision, state, encryption, packetsSent, bytesSent, packetsReceived, bytesReceived, version, blob, byteOffset
       FROM ${readBack(out)}`,
    );
    const actual = read.map((r) => JSON.stringify(Object.values(r)));
    assert.equal(actual.length, expected.length);
    assert.deepEqual(actual.sort(), expected.sort());
  });

  it("writes Hive partitions target=/date=/hour= that agree with each row's target and time", async () => {
    const files = await rows(db, `SELECT DISTINCT filename FROM ${readBack(out)}`);
    for (const { filename } of files)
      assert.match(
        path.relative(out, String(filename)),
        /^target=[a-z0-9._-]+\/date=\d{4}-\d{2}-\d{2}\/hour=\d{1,2}\/flows_[0-9a-f-]+\.parquet$/,
      );
    const [mismatched] = await rows(
      db,
      `SELECT count(*) AS n FROM ${readBack(out)} WHERE date <> CAST(time AS DATE) OR hour <> hour(time)`,
    );
    assert.equal(mismatched.n, 0);
    const targets = await rows(db, `SELECT DISTINCT targetId, target FROM ${readBack(out)}`);
    assert.ok(targets.length >= 5);
    for (const t of targets) assert.equal(t.target, targetKey(String(t.targetId)));
    assert.ok(targets.some((t) => t.target === "network-security-group-2"));
    const [types] = await rows(
      db,
      `SELECT typeof(time) AS time, typeof(srcPort) AS port, typeof(bytesSent) AS bytes FROM ${readBack(out)} LIMIT 1`,
    );
    assert.deepEqual(types, { time: "TIMESTAMP", port: "INTEGER", bytes: "BIGINT" });
  });

  it("gives the figures summarize reports: tuples, decisions, directions, states, bytes and packets, distinct counts, first and last", async () => {
    const s = await summarize(PARQUET_SAMPLES.map(fileSource));
    const [f] = await rows(
      db,
      `SELECT count(*) AS tuples,
        count(*) FILTER (decision = 'allow') AS allowed, count(*) FILTER (decision = 'deny') AS denied,
        count(*) FILTER (direction = 'inbound') AS inbound, count(*) FILTER (direction = 'outbound') AS outbound,
        count(*) FILTER (state = 'begin') AS "begin", count(*) FILTER (state = 'continue') AS "continue",
        count(*) FILTER (state = 'end') AS "end", count(*) FILTER (state = 'deny') AS "deny",
        count(*) FILTER (state IS NULL) AS "none",
        coalesce(sum(bytesSent), 0) AS bytesSrcToDst, coalesce(sum(bytesReceived), 0) AS bytesDstToSrc,
        coalesce(sum(CASE WHEN direction = 'inbound' THEN bytesSent ELSE bytesReceived END), 0) AS bytesIn,
        coalesce(sum(packetsSent), 0) AS packetsSrcToDst, coalesce(sum(packetsReceived), 0) AS packetsDstToSrc,
        count(DISTINCT src) AS sources, count(DISTINCT dst) AS destinations,
        count(DISTINCT (src, dst, protocol, dstPort)) AS conversations,
        strftime(min(time), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(max(time), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
       FROM ${readBack(out)}`,
    );
    assert.ok(s.tuples > 10_000);
    assert.deepEqual(f, {
      tuples: s.tuples,
      allowed: s.allowed,
      denied: s.denied,
      inbound: s.inbound,
      outbound: s.outbound,
      ...s.states,
      bytesSrcToDst: s.bytes.srcToDst,
      bytesDstToSrc: s.bytes.dstToSrc,
      bytesIn: s.bytes.in,
      packetsSrcToDst: s.packets.srcToDst,
      packetsDstToSrc: s.packets.dstToSrc,
      ...s.distinct,
      first: s.first,
      last: s.last,
    });
  });

  it("refuses a folder that holds files, unless --append, which adds new files beside them", async () => {
    const one = sample("vnet_chshin9-CSP451-Milestone3_PT1H.json");
    await assert.rejects(exportParquet(out, one), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 2);
      assert.match(e.stderr, /^flowlogs: --out .*: the folder is not empty; .* --append .*\n$/);
      return true;
    });
    const again = path.join(work, "appended");
    await exportParquet(again, one);
    await run(flowlogs, ["export", "--format", "parquet", "--append", "--out", again, one]);
    const [{ n }] = await rows(db, `SELECT count(*) AS n FROM ${readBack(again)}`);
    assert.equal(n, 2 * 76);
    assert.deepEqual(readdirSync(work).sort(), ["appended", "parquet"], "no scratch folder is left behind");
  });

  it("asks for --out, and --append only goes with parquet", async () => {
    const one = sample("vnet_chshin9-CSP451-Milestone3_PT1H.json");
    await assert.rejects(run(flowlogs, ["export", "--format", "parquet", one]), /--out DIR is required/);
    await assert.rejects(run(flowlogs, ["export", "--append", one]), /--append: only with --format parquet/);
    const empty = path.join(work, "empty");
    mkdirSync(empty);
    await exportParquet(empty, one);
    rmSync(empty, { recursive: true });
  });
});
