// The flow-log parser on hand-written blobs of every version, with totals worked out by hand.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileSource, summarize } from "../../components/logs";
import { flowsOf } from "../../components/logs/flows";
import { hourRecords } from "../../emulator/dataplane/records";
import { recordsOf } from "./records-of";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);

/** The same bytes, cut into chunks of `size` so records straddle chunk boundaries. */
function* chunked(file: string, size: number): Iterable<Uint8Array> {
  const bytes = readFileSync(file);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("flow-log parser", () => {
  it("reads NSG version 2 records: state and counters, allowed and denied (hand-checked)", async () => {
    const s = await summarize([fileSource(fixture("nsg-v2.json"))]);
    assert.deepEqual([s.records, s.tuples, s.allowed, s.denied, s.inbound, s.outbound], [2, 5, 3, 2, 4, 1]);
    assert.deepEqual(s.states, { begin: 3, continue: 1, end: 1, deny: 0, none: 0 });
    // E inbound 12/3400 in, 10/48000 out; C outbound 5/700 out, 4/1200 in.
    assert.deepEqual(s.bytes, { srcToDst: 4100, dstToSrc: 49_200, in: 4600, out: 48_700 });
    assert.deepEqual(s.packets, { srcToDst: 17, dstToSrc: 14, in: 16, out: 15 });
    assert.deepEqual(s.distinct, { sources: 3, destinations: 2, conversations: 4 });
    assert.deepEqual(s.topDeniedSources, [{ ip: "203.0.113.7", tuples: 2, allowed: 0, denied: 2, bytes: 0 }]);
    // Ties in tuples go to the source with more bytes.
    assert.deepEqual(s.topTalkers[0], {
      ip: "198.51.100.20",
      tuples: 2,
      allowed: 2,
      denied: 0,
      bytes: 51_400,
    });
    assert.deepEqual(
      s.rules.map((r) => [r.rule, r.allowed, r.denied, r.first, r.last]),
      [
        ["UserRule_AllowHttps", 2, 0, "2026-11-25T04:00:10.000Z", "2026-11-25T04:05:10.000Z"],
        ["DefaultRule_DenyAllInBound", 0, 2, "2026-11-25T04:00:05.000Z", "2026-11-25T04:00:06.000Z"],
        ["DefaultRule_AllowInternetOutBound", 1, 0, "2026-11-25T04:01:40.000Z", "2026-11-25T04:01:40.000Z"],
      ],
    );
    assert.deepEqual(
      s.topPorts.map((p) => [`${p.protocol}/${p.port}`, p.service]),
      [
        ["TCP/443", "https"],
        ["TCP/80", "http"],
        ["TCP/22", "ssh"],
        ["TCP/3389", "rdp"],
      ],
    );
    assert.deepEqual(
      s.addressClasses.map((c) => [c.key, c.tuples]),
      [
        ["public -> private", 4],
        ["private -> public", 1],
      ],
    );
    assert.deepEqual(s.problems, []);
  });

  it("reads NSG version 1 tuples (no counters) and VNet version 4 tuples (IANA protocols, D = denied)", async () => {
    const v1 = await summarize([fileSource(fixture("nsg-v1.json"))]);
    assert.deepEqual([v1.tuples, v1.allowed, v1.denied, v1.bytes.in + v1.bytes.out], [2, 1, 1, 0]);
    assert.equal(v1.states.none, 2, "version 1 tuples carry no state");
    assert.deepEqual(v1.topPorts.map((p) => `${p.protocol}/${p.port}`).sort(), ["TCP/23", "UDP/53"]);
    const v4 = await summarize([fileSource(fixture("vnet-v4.json"))]);
    assert.deepEqual([v4.tuples, v4.denied, v4.bytes.srcToDst + v4.bytes.dstToSrc], [3, 1, 56_060]);
    assert.equal(v4.packets.srcToDst + v4.packets.dstToSrc, 59);
    assert.equal(v4.first, "2026-11-25T04:00:00.123Z"); // 1795579200123 ms
  });

  it("normalises each version's tuple into the same flow shape", () => {
    const records = JSON.parse(readFileSync(fixture("mixed.json"), "utf8")).records;
    const [v1, v2, v4] = records.map((r: unknown) => flowsOf(r)[0]);
    assert.deepEqual(v1, {
      time: 1_795_579_205_000,
      version: 1,
      target:
        "/SUBSCRIPTIONS/11111111-1111-4111-8111-111111111111/RESOURCEGROUPS/RG-NETWORK/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/NSG-WEB",
      mac: "000D3A1B2C3D",
      rule: "UserRule_DenyTelnet",
      src: "10.0.0.5",
      dst: "10.0.0.4",
      srcPort: 35370,
      dstPort: 23,
      protocol: "TCP",
      direction: "inbound",
      decision: "deny",
      // Every flow has every field, so all flows share one object shape; version 1 has none of these.
      aclID: undefined,
      state: undefined,
      encryption: undefined,
      packetsSent: undefined,
      bytesSent: undefined,
      packetsReceived: undefined,
      bytesReceived: undefined,
    });
    assert.equal(v2.state, "begin");
    assert.equal(v2.bytesSent, undefined, "a begin tuple has empty counters");
    assert.deepEqual(
      [v4.protocol, v4.state, v4.encryption, v4.decision, v4.time],
      ["TCP", "begin", "NX", "allow", 1_795_579_200_123],
    );
  });

  it("reads mixed versions in one blob, and any chunking gives the same answer", async () => {
    const whole = await summarize([fileSource(fixture("mixed.json"))]);
    assert.deepEqual([whole.tuples, whole.denied], [2 + 4 + 3, 1 + 2 + 1]);
    for (const size of [1, 7, 64, 4096]) {
      const cut = await summarize([
        { name: "mixed.json", chunks: toAsync(chunked(fixture("mixed.json"), size)) },
      ]);
      assert.deepEqual(cut, whole);
    }
  });

  it("reads a blob still being written (no closing ]} yet) without complaint", async () => {
    const s = await summarize([fileSource(fixture("partial.json"))]);
    assert.deepEqual([s.tuples, s.problems], [5, []]);
  });

  it("names the blob and byte offset of a broken or truncated record, and parses the rest", async () => {
    const file = fixture("corrupt.json");
    const text = readFileSync(file, "utf8");
    const s = await summarize([fileSource(file)]);
    assert.equal(s.tuples, 2 + 1, "the records around the broken one still count");
    assert.deepEqual(
      s.problems.map((p) => [p.blob, p.offset]),
      [
        [file, Buffer.byteLength(text.slice(0, text.indexOf('{"time": "2026-11-24T10:02:00Z"')))],
        [file, Buffer.byteLength(text.slice(0, text.lastIndexOf('{"time": "2026-11-24T10:01:00')))],
      ],
    );
    assert.match(s.problems[1].message, /truncated/);
  });

  it("yields records with their offsets as it goes", async () => {
    const problems: unknown[] = [];
    const offsets: number[] = [];
    for await (const { offset } of recordsOf(
      toAsync(chunked(fixture("nsg-v2.json"), 100)),
      "nsg-v2.json",
      (p) => problems.push(p),
    )) {
      offsets.push(offset);
    }
    assert.equal(offsets.length, 2);
    assert.equal(offsets[0], '{"records":['.length);
    assert.deepEqual(problems, []);
  });
});

async function* toAsync(chunks: Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* chunks;
}

describe("flow-log parser on synthetic records", () => {
  const base = {
    hourStart: new Date("2026-11-24T10:00:00Z"),
    mac: "00-0D-3A-1B-2C-3D",
    privateIp: "10.10.1.4",
    targetResourceId:
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-web",
    flowLogResourceId:
      "/subscriptions/s/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/nw/flowLogs/fl",
  };

  for (const [kind, version] of [
    ["nsg", 1],
    ["nsg", 2],
    ["vnet", 4],
  ] as const) {
    it(`reads every tuple the generator writes for ${kind} version ${version}`, async () => {
      const records = hourRecords({ ...base, kind, version });
      const tuples = records.flatMap((r) => JSON.stringify(r).match(/"\d{10,13},[^"]+"/g) ?? []);
      const blob = Buffer.from(`{"records":[${records.map((r) => JSON.stringify(r)).join(",")}]}`);
      const s = await summarize([{ name: "synthetic", chunks: toAsync([blob]) }]);
      assert.equal(s.tuples, tuples.length);
      assert.deepEqual(s.problems, []);
      assert.ok(s.denied > 0 && s.allowed > 0, "both decisions appear in an hour");
      const flows = records.flatMap((r) => flowsOf(r));
      assert.ok(flows.every((f) => f.version === version && f.mac === "000D3A1B2C3D"));
      assert.ok(
        flows.every(
          (f) => f.time >= base.hourStart.getTime() && f.time < base.hourStart.getTime() + 3_600_000,
        ),
      );
      if (version === 1) assert.equal(s.bytes.in + s.bytes.out, 0, "version 1 has no counters");
      else assert.ok(s.bytes.in > 0 && s.bytes.out > 0);
    });
  }
});
