// `flowlogs query`: each ready query run as users run it, over the exported Parquet folder and over the
// same samples as JSON, against figures worked out here from the flows our reader hands on.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { type Flow, fileSource, readFlows } from "../../components/logs";
import { exportParquet, flowlogs, PARQUET_SAMPLES } from "./parquet-fixture";
import { sample } from "./samples-dir";

const run = promisify(execFile);
type Row = Record<string, string | number | null>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A time as the JSON output writes it (DuckDB's "2020-07-08 20:03:56.5"), in milliseconds. */
const ms = (time: unknown) => Date.parse(`${String(time).replace(" ", "T")}Z`);

async function queryJson(args: string[]): Promise<Row[]> {
  const { stdout } = await run(flowlogs, ["query", "--format", "json", ...args], { maxBuffer: 1 << 26 });
  return JSON.parse(stdout);
}

/** Groups flows by a key, keeping the flows of each group. */
function groups(flows: Flow[], key: (f: Flow) => string): Map<string, Flow[]> {
  const out = new Map<string, Flow[]>();
  for (const f of flows) {
    const k = key(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

const total = (flows: Flow[], field: "bytesSent" | "bytesReceived") =>
  flows.reduce((sum, f) => sum + (f[field] ?? 0), 0);
const earliest = (flows: Flow[]) => Math.min(...flows.map((f) => f.time));
const latest = (flows: Flow[]) => Math.max(...flows.map((f) => f.time));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("flowlogs query", () => {
  let work: string;
  let parquet: string;
  let flows: Flow[];

  /** The ready query's rows over the Parquet folder, checked equal to its rows over the JSON. */
  async function ready(name: string, ...more: string[]): Promise<Row[]> {
    const fromParquet = await queryJson(["--ready", name, ...more, parquet]);
    const fromJson = await queryJson(["--ready", name, ...more, ...PARQUET_SAMPLES]);
    assert.deepEqual(fromParquet, fromJson, "the same rows from the Parquet export and from the JSON");
    return fromParquet;
  }

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), "flowlogs-query-"));
    parquet = path.join(work, "parquet");
    await exportParquet(parquet, ...PARQUET_SAMPLES);
    flows = [];
    await readFlows(PARQUET_SAMPLES.map(fileSource), (f) => flows.push(f));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it("top-talkers: sources by bytes both ways over the week up to the newest tuple", async () => {
    const newest = latest(flows);
    const week = flows.filter((f) => f.time > newest - 7 * DAY);
    const expected = [...groups(week, (f) => f.src)]
      .map(([src, list]) => ({
        src,
        tuples: list.length,
        bytes: total(list, "bytesSent") + total(list, "bytesReceived"),
      }))
      .sort((a, b) => b.bytes - a.bytes || b.tuples - a.tuples || byText(a.src, b.src))
      .slice(0, 10);
    assert.ok(week.length < flows.length, "older tuples are left out");
    assert.deepEqual(await ready("top-talkers"), expected);
  });

  it("denied-by-rule: denied tuples per NSG and rule, with distinct sources, first and last seen", async () => {
    const denied = flows.filter((f) => f.decision === "deny");
    const expected = [...groups(denied, (f) => `${f.aclID ?? f.target}\n${f.rule}`)]
      .map(([key, list]) => {
        const [nsg, rule] = key.split("\n");
        return {
          nsg,
          rule,
          denied: list.length,
          sources: new Set(list.map((f) => f.src)).size,
          first: earliest(list),
          last: latest(list),
        };
      })
      .sort((a, b) => b.denied - a.denied || byText(a.nsg, b.nsg) || byText(a.rule, b.rule));
    const rows = await ready("denied-by-rule");
    assert.ok(rows.length >= 3);
    assert.deepEqual(
      rows.map(({ firstSeen, lastSeen, ...r }) => ({ ...r, first: ms(firstSeen), last: ms(lastSeen) })),
      expected,
    );
  });

  it("bandwidth-by-hour: tuples and bytes each way per hour", async () => {
    const expected = [...groups(flows, (f) => String(Math.floor(f.time / HOUR) * HOUR))]
      .map(([hour, list]) => ({
        hour: Number(hour),
        tuples: list.length,
        bytesSent: total(list, "bytesSent"),
        bytesReceived: total(list, "bytesReceived"),
      }))
      .sort((a, b) => a.hour - b.hour);
    const rows = await ready("bandwidth-by-hour");
    assert.deepEqual(
      rows.map(({ hourStart, ...r }) => ({ hour: ms(hourStart), ...r })),
      expected,
    );
  });

  it("new-destinations: destinations first seen since the start of the day before the newest tuple's", async () => {
    const since = Math.floor(latest(flows) / DAY) * DAY - DAY;
    const destinations = groups(flows, (f) => JSON.stringify([f.dst, f.dstPort, f.protocol]));
    const expected = [...destinations]
      .map(([key, list]) => {
        const [dst, dstPort, protocol] = JSON.parse(key);
        return { dst, dstPort, protocol, first: earliest(list), tuples: list.length };
      })
      .filter((d) => d.first >= since)
      .sort(
        (a, b) =>
          a.first - b.first ||
          byText(a.dst, b.dst) ||
          a.dstPort - b.dstPort ||
          byText(a.protocol, b.protocol),
      );
    const rows = await ready("new-destinations");
    assert.ok(rows.length > 0 && rows.length < destinations.size, "older destinations are left out");
    assert.deepEqual(
      rows.map(({ firstSeen, tuples, ...r }) => ({ ...r, first: ms(firstSeen), tuples })),
      expected,
    );
  });

  it("rules-never-hit: the rules of an NSG's JSON (ARM's shape or az's) that none of its tuples matched", async () => {
    const nsgFlows = flows.filter((f) => f.target.endsWith("/NETWORK-SECURITY-GROUP-2"));
    const nsg = nsgFlows[0].target.toLowerCase();
    const hit = new Set(nsgFlows.map((f) => f.rule));
    assert.ok(hit.has("DefaultRule_AllowInternetOutBound"));
    const rule = (name: string, priority: number, direction: string, access: string) => ({
      name,
      properties: { priority, direction, access },
    });
    const arm = {
      id: nsg,
      properties: {
        securityRules: [
          rule("AllowSsh", 100, "Inbound", "Allow"),
          rule("DenyTelnet", 200, "Inbound", "Deny"),
        ],
        defaultSecurityRules: [
          rule("AllowInternetOutBound", 65001, "Outbound", "Allow"),
          rule("DenyAllOutBound", 65500, "Outbound", "Deny"),
        ],
      },
    };
    const expected = [
      ["AllowSsh", 100, "Inbound", "Allow", "UserRule_AllowSsh"],
      ["DenyTelnet", 200, "Inbound", "Deny", "UserRule_DenyTelnet"],
      ["DenyAllOutBound", 65500, "Outbound", "Deny", "DefaultRule_DenyAllOutBound"],
    ]
      .filter(([, , , , loggedAs]) => !hit.has(String(loggedAs)))
      .map(([name, priority, direction, access]) => ({ nsg, name, direction, access, priority }));
    const armFile = path.join(work, "nsg-arm.json");
    writeFileSync(armFile, JSON.stringify(arm));
    assert.deepEqual(await ready("rules-never-hit", "--rules", armFile), expected);
    // az network nsg show flattens properties.
    const azFile = path.join(work, "nsg-az.json");
    const flat = (r: ReturnType<typeof rule>) => ({ name: r.name, ...r.properties });
    writeFileSync(
      azFile,
      JSON.stringify({
        id: nsg,
        securityRules: arm.properties.securityRules.map(flat),
        defaultSecurityRules: arm.properties.defaultSecurityRules.map(flat),
      }),
    );
    assert.deepEqual(await ready("rules-never-hit", "--rules", azFile), expected);
  });

  it("rules-never-hit without --rules says where the table comes from", async () => {
    await assert.rejects(
      run(flowlogs, ["query", "--ready", "rules-never-hit", parquet]),
      (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 2);
        assert.match(e.stderr, /Table with name rules does not exist/);
        assert.match(e.stderr, /--rules FILE/);
        return true;
      },
    );
  });

  it("SQL of one's own, as a table, CSV or JSON, with --from/--to over Parquet as over JSON", async () => {
    const sql = "SELECT version, count(*) AS tuples FROM flows GROUP BY version ORDER BY version";
    const versions = [...groups(flows, (f) => String(f.version))]
      .map(([version, list]) => ({ version: Number(version), tuples: list.length }))
      .sort((a, b) => a.version - b.version);
    assert.deepEqual(await queryJson([sql, parquet]), versions);
    const { stdout: csv } = await run(flowlogs, ["query", "--format", "csv", sql, parquet]);
    assert.equal(csv, `version,tuples\n${versions.map((v) => `${v.version},${v.tuples}\n`).join("")}`);
    const { stdout: table } = await run(flowlogs, ["query", sql, parquet]);
    assert.deepEqual(
      table
        .trimEnd()
        .split("\n")
        .map((line) => line.trim().split(/\s+/)),
      [["version", "tuples"], ...versions.map((v) => [String(v.version), String(v.tuples)])],
    );
    const from = "2020-01-01T00:00:00Z";
    const to = "2021-01-01T00:00:00Z";
    const inRange = flows.filter((f) => f.time >= Date.parse(from) && f.time < Date.parse(to)).length;
    const count = ["--from", from, "--to", to, "SELECT count(*) AS n FROM flows"];
    assert.deepEqual(await queryJson([...count, parquet]), [{ n: inRange }]);
    assert.deepEqual(await queryJson([...count, ...PARQUET_SAMPLES]), [{ n: inRange }]);
    assert.ok(inRange > 0 && inRange < flows.length);
  });

  it("refuses Parquet and JSON together, and tells what is skipped in JSON with file and byte offset", async () => {
    await assert.rejects(
      run(flowlogs, ["query", "SELECT 1", parquet, sample("vnet_chshin9-CSP451-Milestone3_PT1H.json")]),
      /give either exported Parquet .* or flow-log files, not both/,
    );
    const damaged = path.join(work, "damaged.json");
    writeFileSync(damaged, '{"records":[{"time":"x","properties":{"flows":[]}}, {"time": oops}]}');
    await assert.rejects(
      run(flowlogs, ["query", "SELECT count(*) AS n FROM flows", damaged]),
      (e: { code: number; stdout: string; stderr: string }) => {
        assert.equal(e.code, 3);
        assert.match(e.stderr, /damaged\.json at byte \d+: not valid JSON/);
        return true;
      },
    );
  });
});
