// Every file of ../shared/reference/flowlog-samples read as it really is. Record and tuple counts and
// states are the samples README's (counted apart from this parser); bytes of the small files were added
// up by hand from their tuples; the big ones are checked against a plain regex count of their tuples.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileSource, summarize } from "../../components/logs";
import { SAMPLES, sample } from "./samples-dir";

interface Expected {
  records: number;
  tuples: number;
  denied: number;
  /** begin, continue, end, deny, none (version 1). */
  states: [number, number, number, number, number];
  /** Bytes src->dst and dst->src. */
  bytes?: [number, number];
  problems?: RegExp[];
}

const FLOW_LOGS: Record<string, Expected> = {
  "nsgv2_danifitz-azure-nsg-flow-logs-newrelic_PT1H.json": {
    records: 15,
    tuples: 8203,
    denied: 7,
    states: [5061, 0, 3142, 0, 0],
  },
  "nsg-mixed-v2-then-v1_AbhishekGangurdeAdmin-DevReops_PT1H.json": {
    records: 15,
    tuples: 2637,
    denied: 2484,
    // 227 version 2 tuples (167 + 6 + 54), 2410 version 1 tuples.
    states: [167, 6, 54, 0, 2410],
  },
  "vnet_chshin9-CSP451-Milestone3_PT1H.json": {
    records: 5,
    tuples: 76,
    denied: 66,
    states: [5, 0, 5, 66, 0],
    bytes: [3772, 16_012],
  },
  "vnet_SumoLogic-sumologic-azure-function_blob_fixtures_vnetflowlogs.json": {
    records: 8,
    tuples: 166,
    denied: 134,
    states: [10, 4, 18, 134, 0],
  },
  "vnet_SumoLogic-sumologic-azure-function_blob_fixtures_subnetflowlogs.json": {
    records: 4,
    tuples: 68,
    denied: 42,
    states: [12, 0, 14, 42, 0],
  },
  "vnet_SumoLogic-sumologic-azure-function_blob_fixtures_networkinterfaceflowlogs.json": {
    records: 4,
    tuples: 61,
    denied: 36,
    states: [13, 0, 12, 36, 0],
  },
  "nsgv2_SumoLogic-sumologic-azure-function_blob_fixtures.json": {
    records: 8,
    tuples: 153,
    denied: 75,
    states: [111, 3, 39, 0, 0],
  },
  "nsgv2_PaloAltoNetworks-cortex-azure-functions_testdata.json": {
    records: 9,
    tuples: 23,
    denied: 23,
    states: [23, 0, 0, 0, 0],
    bytes: [0, 0],
  },
  "nsgv1_msft-NSGFlowLogsConnector_sampleOfInputV1.json": {
    records: 24,
    tuples: 1187,
    denied: 35,
    states: [0, 0, 0, 0, 1187],
  },
  "nsgv1_msft-NSGFlowLogsConnector_sampleJsonInput.json": {
    records: 3,
    tuples: 38,
    denied: 37,
    states: [0, 0, 0, 0, 38],
  },
  // BOM, "," and a bare record: a later block of a PT1H.json read on its own.
  "nsgv1_msft-NSGFlowLogsConnector_sampleStage3Input.partial-block.txt": {
    records: 1,
    tuples: 85,
    denied: 4,
    states: [0, 0, 0, 0, 85],
  },
  // A trailing comma after the last tuple: all 8 read, as the connector's own test expects.
  // E tuples: 4/246/2/126 three times; begin tuples carry no counters.
  "nsgv2_msft-NSGFlowLogsConnector_AzureNSGFlowLogsv1.json": {
    records: 1,
    tuples: 8,
    denied: 0,
    states: [5, 0, 3, 0, 0],
    bytes: [3 * 246, 3 * 126],
  },
  "nsgv1_sebastus-AzureFunctionProcessNSGFlowLogs_nsgFlowLogsSample.json": {
    records: 3,
    tuples: 1758,
    denied: 0,
    states: [0, 0, 0, 0, 1758],
  },
  // One bare record on one line: "…,T,O,A,E,1,66,1,66".
  "elastic/nsgv2_elastic_test-nsg.log": {
    records: 1,
    tuples: 1,
    denied: 0,
    states: [0, 0, 1, 0, 0],
    bytes: [66, 66],
  },
  // "…,O,B,NX,0,0,0,0" and "…,O,E,NX,22,2217,33,0".
  "elastic/vnet_elastic_test-vnet.log": {
    records: 1,
    tuples: 2,
    denied: 0,
    states: [1, 0, 1, 0, 0],
    bytes: [2217, 0],
  },
  "elastic/nsgv2_elastic_system-testdata.log": { records: 2, tuples: 11, denied: 7, states: [8, 1, 2, 0, 0] },
  "elastic/vnet_elastic_system-testdata.log": { records: 1, tuples: 19, denied: 9, states: [5, 0, 5, 9, 0] },
  "msdocs/nsgv1_msdocs_nsg-flow-logging-overview-2021_v1-sample.normalized.json": {
    records: 3,
    tuples: 12,
    denied: 4,
    states: [0, 0, 0, 0, 12],
  },
  "msdocs/nsgv2_msdocs_nsg-flow-logs-overview-current_v2-sample.json": {
    records: 2,
    tuples: 11,
    denied: 7,
    states: [8, 1, 2, 0, 0],
  },
  // Two rules with "flows": [] count as records without tuples.
  "msdocs/nsgv1_msdocs_flow-logs-read_block-sample.json": {
    records: 1,
    tuples: 40,
    denied: 0,
    states: [0, 0, 0, 0, 40],
  },
  "msdocs/vnet_msdocs_flow-logs-read_record-sample.json": {
    records: 1,
    tuples: 10,
    denied: 10,
    states: [0, 0, 0, 10, 0],
  },
  // The doc's one C tuple: 7 packets / 1158 bytes src->dst, 12 packets / 8143 bytes back.
  "msdocs/nsgv2_msdocs_nsg-flow-logs-tutorial_record-sample.json": {
    records: 1,
    tuples: 1,
    denied: 0,
    states: [0, 1, 0, 0, 0],
    bytes: [1158, 8143],
  },
  "misc/vnet_jagilber-powershellScripts_azure-az-vnet-flow-log.ps1_example.json": {
    records: 1,
    tuples: 7,
    denied: 6,
    states: [0, 0, 1, 6, 0],
  },
  "misc/nsgv2_fortinet-azure-templates_troubleshooting.md_example.json": {
    records: 1,
    tuples: 4,
    denied: 4,
    states: [4, 0, 0, 0, 0],
  },
  "misc/nsgv2_vrni-book-chapter5_single-record.json": {
    records: 1,
    tuples: 3,
    denied: 3,
    states: [3, 0, 0, 0, 0],
  },
  // 8 tuples, one with the invalid decision "B": skipped and reported, the other 7 read.
  "misc/nsgv2_go-flowwriter-test_single-record.json": {
    records: 1,
    tuples: 7,
    denied: 3,
    states: [5, 1, 1, 0, 0],
    problems: [
      /tuple "1660039344,10\.0\.0\.4,51\.105\.74\.153,47382,443,T,O,B,B,,,," skipped: decision "B"; expected A or D/,
    ],
  },
};

/** Peer tools' outputs and test wrappers: not flow logs, so each gets a complaint at byte 0. */
const NOT_FLOW_LOGS = [
  /\.cef-expected\.txt$/,
  /splunk-expected/,
  /-expected(@\w+)?\.json$/,
  /sample_event\.json$/,
  /expected-console-lines\.json$/,
  /^peer-tests\//,
];

function allSampleFiles(): string[] {
  return readdirSync(SAMPLES, { recursive: true, encoding: "utf8" })
    .filter((f) => f !== "README.md" && statSync(sample(f)).isFile())
    .sort();
}

/** Tuples found with a regex over the raw text, and their counters summed: a count apart from the parser. */
function regexCount(file: string): { tuples: number; bytes: [number, number] } {
  const tuples = readFileSync(file, "utf8").match(/"\d{10,13},[^"]*"/g) ?? [];
  const bytes: [number, number] = [0, 0];
  for (const t of tuples) {
    const f = t.slice(1, -1).split(",");
    if (f.length >= 13) {
      bytes[0] += Number(f[10] || 0);
      bytes[1] += Number(f[12] || 0);
    }
  }
  return { tuples: tuples.length, bytes };
}

describe("every real flow-log sample", () => {
  it("has an expectation for each file in the samples folder", () => {
    const unlisted = allSampleFiles().filter(
      (f) => !(f in FLOW_LOGS) && !NOT_FLOW_LOGS.some((pattern) => pattern.test(f)),
    );
    assert.deepEqual(unlisted, []);
    assert.ok(allSampleFiles().length >= 45, `found ${allSampleFiles().length} files`);
  });

  for (const [name, expected] of Object.entries(FLOW_LOGS)) {
    it(`reads ${name}`, async () => {
      const s = await summarize([fileSource(sample(name))]);
      assert.deepEqual(
        { records: s.records, tuples: s.tuples, denied: s.denied, allowed: s.allowed },
        {
          records: expected.records,
          tuples: expected.tuples,
          denied: expected.denied,
          allowed: expected.tuples - expected.denied,
        },
      );
      const { begin, continue: cont, end, deny, none } = s.states;
      assert.deepEqual([begin, cont, end, deny, none], expected.states);
      const independent = regexCount(sample(name));
      assert.equal(
        s.tuples + (expected.problems?.length ?? 0),
        independent.tuples,
        "every tuple in the file",
      );
      assert.deepEqual([s.bytes.srcToDst, s.bytes.dstToSrc], expected.bytes ?? independent.bytes);
      assert.equal(s.problems.length, expected.problems?.length ?? 0, JSON.stringify(s.problems));
      for (const [i, pattern] of (expected.problems ?? []).entries())
        assert.match(s.problems[i].message, pattern);
    });
  }

  for (const name of allSampleFiles().filter((f) => NOT_FLOW_LOGS.some((p) => p.test(f)))) {
    it(`says why ${name} is not a flow log`, async () => {
      const s = await summarize([fileSource(sample(name))]);
      assert.equal(s.records, 0);
      assert.equal(s.problems.length, 1);
      assert.equal(s.problems[0].offset, 0);
      assert.match(s.problems[0].message, /not a flow-log record|no flow-log record found/);
    });
  }

  it("names the byte where the invalid tuple starts", async () => {
    const file = sample("misc/nsgv2_go-flowwriter-test_single-record.json");
    const s = await summarize([fileSource(file)]);
    const bytes = readFileSync(file);
    assert.equal(s.problems[0].offset, bytes.indexOf('"1660039344,10.0.0.4,51.105.74.153,47382,443,T,O,B,B'));
    assert.equal(s.problems[0].blob, file);
  });

  it("agrees with the event counts Sumo Logic's integration test expects", async () => {
    const counts = readFileSync(sample("peer-tests/SumoLogic_expected_event_counts.json"), "utf8");
    for (const [fixture, expected] of [
      ["nsgv2_SumoLogic-sumologic-azure-function_blob_fixtures.json", 153],
      ["vnet_SumoLogic-sumologic-azure-function_blob_fixtures_vnetflowlogs.json", 166],
      ["vnet_SumoLogic-sumologic-azure-function_blob_fixtures_subnetflowlogs.json", 68],
    ] as const) {
      assert.match(counts, new RegExp(`\\b${expected}\\b`));
      assert.equal((await summarize([fileSource(sample(fixture))])).tuples, expected);
    }
  });
});
