// The in-place record reader against JSON.parse + flowsOf: for every real sample, every fixture and
// records built to trip it (escapes, UTF-8, control characters, duplicate keys, odd key order, trailing
// commas), streaming reads exactly the flows and problems the JSON.parse path gives, in any chunking,
// and the reader hands back every record it must not read itself.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { type Flow, readFlows } from "../../components/logs";
import { FastRecordReader } from "../../components/logs/fast-record";
import { flowsOf } from "../../components/logs/flows";
import { isPlain, NEED_MORE, NOT_FAST } from "../../components/logs/json-cursor";
import { recordsOf } from "./records-of";
import { SAMPLES, sample } from "./samples-dir";

const NSG_LINE = readFileSync(sample("elastic/nsgv2_elastic_test-nsg.log"), "utf8").trim();
const VNET_LINE = readFileSync(sample("elastic/vnet_elastic_test-vnet.log"), "utf8").trim();

function* chunked(bytes: Buffer, size: number): Iterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function* toAsync(chunks: Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* chunks;
}

/** What streaming reads: flows and problems. */
async function streamed(bytes: Buffer, size: number) {
  const flows: Flow[] = [];
  const totals = await readFlows([{ name: "f", chunks: toAsync(chunked(bytes, size)) }], (f) =>
    flows.push(f),
  );
  return { records: totals.records, flows, problems: totals.problems };
}

/** The same bytes read by JSON.parse of each record and flowsOf alone. */
async function parsed(bytes: Buffer) {
  const flows: Flow[] = [];
  const problems: string[] = [];
  let records = 0;
  for await (const scanned of recordsOf([bytes], "f", (p) => problems.push(p.message))) {
    try {
      flows.push(...flowsOf(scanned.record, (_, why) => problems.push(why)));
      records++;
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return { records, flows, problems };
}

const NO_RECORDS =
  'no flow-log record found; expected a {"records":[…]} blob, a bare record, records one per line or a ","-prefixed block';
const TUPLE_PROBLEM = /^tuple "(.*)" skipped: /s;

/** Streaming and JSON.parse agree on flows and reasons; each bad tuple's offset is where its string is. */
async function assertSame(bytes: Buffer, what: string) {
  const expected = await parsed(bytes);
  const first = await streamed(bytes, 1 << 20);
  for (const problem of first.problems) {
    const tuple = TUPLE_PROBLEM.exec(problem.message)?.[1];
    if (tuple !== undefined && bytes.includes(`"${tuple}"`))
      assert.equal(
        bytes.toString("latin1", problem.offset, problem.offset + tuple.length + 2),
        `"${tuple}"`,
        what,
      );
  }
  for (const size of [1 << 20, 4096, 7]) {
    const got = size === 1 << 20 ? first : await streamed(bytes, size);
    assert.equal(got.records, expected.records, `${what}: records, chunks of ${size}`);
    assert.deepEqual(got.flows, expected.flows, `${what}: flows, chunks of ${size}`);
    const nothingRead = !expected.records && !expected.problems.length;
    assert.deepEqual(
      got.problems.map((p) => p.message.replace(TUPLE_PROBLEM, "")),
      nothingRead ? [NO_RECORDS] : expected.problems,
      `${what}: problems, chunks of ${size}`,
    );
    assert.deepEqual(got.problems, first.problems, `${what}: problem offsets, chunks of ${size}`);
  }
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? allFiles(file) : [file];
  });
}

/** The reader's verdict on one record's text. */
function verdict(text: string): number {
  const reader = new FastRecordReader({ record() {}, flow() {}, bad() {} });
  reader.use(text, false);
  return reader.read(0, 0);
}

describe("in-place record reader", () => {
  it("reads every real sample and fixture exactly as JSON.parse and flowsOf do, in any chunking", async () => {
    const files = [...allFiles(SAMPLES), ...allFiles(path.join(__dirname, "fixtures"))].filter(
      (f) => !f.endsWith("README.md"),
    );
    assert.ok(files.length > 40);
    for (const file of files) await assertSame(readFileSync(file), path.relative(SAMPLES, file));
  });

  it("reads plain records in place, and hands back what JSON.parse must read or reject", () => {
    const nsg = JSON.parse(NSG_LINE);
    assert.equal(verdict(NSG_LINE), NSG_LINE.length);
    assert.equal(verdict(VNET_LINE), VNET_LINE.length);
    assert.equal(
      verdict(JSON.stringify(nsg, null, 2)),
      JSON.stringify(nsg, null, 2).length,
      "whitespace is fine",
    );
    const odd = (edit: (r: typeof nsg) => void) => {
      const copy = structuredClone(nsg);
      edit(copy);
      return JSON.stringify(copy);
    };
    for (const [why, text] of [
      [
        "an escape",
        odd((r) => {
          r.properties.flows[0].rule = 'a "quoted" rule';
        }),
      ],
      [
        "UTF-8",
        odd((r) => {
          r.properties.flows[0].rule = "règle";
        }),
      ],
      ["a control character", NSG_LINE.replace('"rule":"', '"rule":"\t')],
      ["a trailing comma", NSG_LINE.replace(/"\]/, '",]')],
      ["a duplicate key", NSG_LINE.replace('"properties":', '"properties":{"flows":[]},"properties":')],
      [
        "null for a string",
        odd((r) => {
          r.properties.flows[0].rule = null;
        }),
      ],
      ["neither shape", '{"time":"x","properties":{}}'],
      ["a wrapper", `{"records":[${NSG_LINE}]}`],
      ["a bad number", NSG_LINE.replace(/^\{/, '{"n":01,')],
      ["a bad literal", NSG_LINE.replace(/^\{/, '{"n":nul,')],
    ] as const)
      assert.equal(verdict(text), NOT_FAST, why);
    assert.equal(verdict(NSG_LINE.slice(0, -5)), NEED_MORE, "cut short");
    const values = NSG_LINE.replace(/^\{/, '{"n":-1.5e+3,"b":[true,false,null,{}],"o":{"z":0}, "s" : "x" ,');
    assert.equal(verdict(values), values.length, "values of every kind stepped over");
  });

  it("agrees with JSON.parse on records built to trip it", async () => {
    const nsg = JSON.parse(NSG_LINE);
    const vnet = JSON.parse(VNET_LINE);
    const reordered = {
      properties: {
        flows: nsg.properties.flows.map((f: object) => ({ flows: (f as { flows: unknown }).flows, ...f })),
      },
      macAddress: "00aabbccddee",
      resourceId: nsg.resourceId,
    };
    const groupMac = structuredClone(nsg);
    groupMac.properties.flows[0].flows[0].mac = "0011aabbccdd";
    const both = { ...vnet, properties: nsg.properties };
    const badTuples = structuredClone(vnet);
    badTuples.flowRecords.flows[0].flowGroups[0].flowTuples.push(
      "1,2,3",
      "x,10.0.0.1,10.0.0.2,1,2,6,I,B,NX,,,,",
      5,
    );
    const badStrings = structuredClone(vnet);
    badStrings.flowRecords.flows[0].flowGroups[0].flowTuples.unshift(
      "1,2,3",
      "x,10.0.0.1,10.0.0.2,1,2,6,I,B,NX,,,,",
    );
    const lines = [
      JSON.stringify(badStrings),
      NSG_LINE,
      JSON.stringify(reordered),
      JSON.stringify(groupMac),
      JSON.stringify(both),
      JSON.stringify(badTuples),
      NSG_LINE.replace('"rule":"', '"rule":"r\\u00e8gle \\"x\\" '),
      NSG_LINE.replace('"rule":"', '"rule":"\t'),
      NSG_LINE.replace(/"\]/, '",]'),
      NSG_LINE.replace('"properties":', '"properties":{"flows":[]},"properties":'),
      VNET_LINE.replace(/^\{/, '{"extra":{"deep":[1,2.5,-3e2,true,false,null,"x",{"y":[]}]},'),
      '{"time":"x","properties":{"flows":[}]}}',
      VNET_LINE.replace('"aclID":"', '"aclID":"é'),
    ];
    await assertSame(Buffer.from(`${lines.join("\n")}\n`), "built records");
    await assertSame(Buffer.from(`{"records":[${lines.join(",")}]}`), "built records in a wrapper");
  });

  it("knows plain bytes: printable ASCII without backslashes", () => {
    assert.equal(isPlain(Buffer.from(NSG_LINE)), true);
    assert.equal(isPlain(Buffer.from(`${NSG_LINE}\n`)), false);
    assert.equal(isPlain(Buffer.from(`${NSG_LINE}\\`)), false);
    assert.equal(isPlain(Buffer.from(`${NSG_LINE}é`)), false);
    assert.equal(isPlain(Buffer.from(`x\x01${NSG_LINE}`).subarray(1)), false, "unaligned bytes");
  });
});
