// The shapes flow logs come in besides a whole blob, built from the real samples at test time: records
// back to back on one line, ","-prefixed blocks, an 8-field tuple in a version 2 record, strings that
// hold braces and escaped quotes, and any chunking of the bytes.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { type BlobSource, fileSource, summarize } from "../../components/logs";
import { sample } from "./samples-dir";

const NSG_LINE = readFileSync(sample("elastic/nsgv2_elastic_test-nsg.log"), "utf8").trim(); // 1 tuple
const VNET_LINE = readFileSync(sample("elastic/vnet_elastic_test-vnet.log"), "utf8").trim(); // 2 tuples

function source(text: string | Buffer, size = 1 << 20): BlobSource {
  const bytes = Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  return { name: "built", chunks: chunks() };
}

async function read(text: string | Buffer, size?: number) {
  const s = await summarize([source(text, size)]);
  return {
    records: s.records,
    tuples: s.tuples,
    problems: s.problems.map((p) => `${p.offset}: ${p.message}`),
  };
}

describe("flow-log shapes", () => {
  it("reads two records on one line, with or without a comma between them", async () => {
    assert.deepEqual(await read(`${NSG_LINE}${VNET_LINE}\n`), { records: 2, tuples: 3, problems: [] });
    assert.deepEqual(await read(`${NSG_LINE},${VNET_LINE}`), { records: 2, tuples: 3, problems: [] });
  });

  it("reads records one per line, as elastic's and Sekoia's inputs are", async () => {
    assert.deepEqual(await read(`${NSG_LINE}\n${VNET_LINE}\n${NSG_LINE}\n`), {
      records: 3,
      tuples: 4,
      problems: [],
    });
  });

  it('reads ","-prefixed blocks (every block after the first of a PT1H.json), with a BOM', async () => {
    const text = `\ufeff,${NSG_LINE}\n,${VNET_LINE}`;
    assert.deepEqual(await read(text), { records: 2, tuples: 3, problems: [] });
  });

  it("reads an 8-field tuple inside a version 2 record as a version 1 tuple, and the rest of the record", async () => {
    const text = readFileSync(
      sample("msdocs/nsgv2_msdocs_nsg-flow-logs-overview-current_v2-sample.json"),
      "utf8",
    );
    const tuple = /"(\d{10},[^"]*)"/.exec(text)![1];
    const shortened = text.replace(tuple, tuple.split(",").slice(0, 8).join(","));
    const s = await summarize([source(shortened)]);
    assert.deepEqual([s.records, s.tuples, s.states.none, s.problems], [2, 11, 1, []]);
  });

  it("finds records whatever the strings inside hold: braces, brackets, escaped quotes and backslashes", async () => {
    const record = JSON.parse(NSG_LINE);
    record.properties.flows[0].rule = 'Rule "}]{[" \\ with \\" odd text';
    const text = `{"records":[${JSON.stringify(record)},${JSON.stringify(record)}]}`;
    for (const size of [1, 2, 3, 5, 64, 1 << 20])
      assert.deepEqual(await read(text, size), { records: 2, tuples: 2, problems: [] }, `chunks of ${size}`);
    const s = await summarize([source(text, 1)]);
    assert.equal(s.rules[0].rule, 'Rule "}]{[" \\ with \\" odd text');
  });

  it("gives the same summary of every real sample whatever the chunking", async () => {
    for (const name of [
      "vnet_chshin9-CSP451-Milestone3_PT1H.json",
      "nsgv1_msft-NSGFlowLogsConnector_sampleStage3Input.partial-block.txt",
      "nsgv2_msft-NSGFlowLogsConnector_AzureNSGFlowLogsv1.json",
      "misc/nsgv2_go-flowwriter-test_single-record.json",
    ]) {
      const bytes = readFileSync(sample(name));
      const whole = await summarize([fileSource(sample(name))]);
      for (const size of [1, 7, 4096]) {
        const cut = await summarize([{ ...source(bytes, size), name: sample(name) }]);
        assert.deepEqual(cut, whole, `${name} in chunks of ${size}`);
      }
    }
  });

  it("names the byte offset of a record that is not JSON, and of one cut short", async () => {
    const text = `${NSG_LINE}\n{"time": "x", "properties": {"flows": [}]}}\n${NSG_LINE}\n{"time": "y"`;
    const broken = Buffer.byteLength(`${NSG_LINE}\n`);
    const cut = text.lastIndexOf('{"time": "y"');
    const s = await read(text);
    assert.deepEqual([s.records, s.tuples], [2, 2]);
    assert.equal(s.problems.length, 2);
    assert.match(s.problems[0], new RegExp(`^${broken}: not valid JSON`));
    assert.equal(s.problems[1], `${cut}: the file ends inside this record (truncated)`);
  });

  it("finds a torn record where the next one starts, whatever the chunking and the backslashes before", async () => {
    const record = JSON.parse(NSG_LINE);
    record.properties.flows[0].rule = 'ends in backslashes \\\\ and a quote \\" then {"time":';
    const line = JSON.stringify(record);
    const torn = line.slice(0, -3); // its last three closing brackets lost
    const blob = `{"records":[${line},${torn},${line}]}`;
    const lines = `${line}\n${torn}\n${line}\n`;
    for (const [text, at] of [
      [blob, 13 + line.length],
      [lines, line.length + 1],
    ] as const)
      for (const size of [1, 2, 7, 64, 1 << 20])
        assert.deepEqual(
          await read(text, size),
          {
            records: 2,
            tuples: 2,
            problems: [
              `${at}: this record does not close before the next one starts at byte ${at + torn.length + 1} (torn: its closing brackets are missing); its ${torn.length + 1} bytes are skipped`,
            ],
          },
          `chunks of ${size}`,
        );
  });
});
