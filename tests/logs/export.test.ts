// `flowlogs export`: one event per tuple, checked against what peer tools expect from the same input:
// elastic's ECS documents, Sekoia's per-tuple mappings, the Microsoft connector's CEF lines.
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ecsEvent } from "../../components/logs";
import type { Flow } from "../../components/logs/flow";
import { flowsOf } from "../../components/logs/flows";
import { type Context, latestFlowTime, newFlow, nsgTupleAt, vnetTupleAt } from "../../components/logs/tuples";
import { repoRoot } from "../support/engine";
import { SAMPLES, sample } from "./samples-dir";

const run = promisify(execFile);

/** One tuple of either kind, as the readers parse it inside a record. */
function tupleOf(read: typeof nsgTupleAt, tuple: string, ctx: Context): Flow {
  const flow = newFlow();
  read(tuple, 0, tuple.length, ctx, flow);
  return flow;
}
const nsgTuple = (tuple: string, ctx: Context) => tupleOf(nsgTupleAt, tuple, ctx);
const vnetTuple = (tuple: string, ctx: Context) => tupleOf(vnetTupleAt, tuple, ctx);
// biome-ignore lint/suspicious/noExplicitAny: peer tools' JSON documents, compared field by field
type Json = any;
const flowlogs = path.join(repoRoot, "dist", "cli", "flowlogs.js");

async function exported(format: string, ...files: string[]): Promise<Json[]> {
  const { stdout } = await run(flowlogs, ["export", "--format", format, ...files]);
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

const expectedOf = (name: string) => JSON.parse(readFileSync(sample(name), "utf8")).expected;

describe("flowlogs export", () => {
  it("ECS: elastic's NSG document, field by field, for the same tuple", async () => {
    const [ours] = await exported("ecs", sample("elastic/nsgv2_elastic_test-nsg.log"));
    const [theirs] = expectedOf("elastic/nsgv2_elastic_test-nsg.log-expected@9fc94e73.json");
    const only = (v: unknown[]) => {
      assert.equal(v.length, 1);
      return v[0];
    };
    for (const side of ["source", "destination"])
      for (const field of ["ip", "port", "bytes", "packets"])
        assert.equal(ours[side][field], only(theirs[side][field]), `${side}.${field}`);
    assert.equal(ours.source.mac, only(theirs.source.mac));
    assert.equal(ours.network.direction, only(theirs.network.direction));
    assert.equal(ours.network.transport, only(theirs.network.transport));
    assert.equal(ours.rule.name, only(theirs.rule.name));
    assert.deepEqual(ours.azure.resource, theirs.azure.resource);
    assert.equal(ours.azure.subscription_id, theirs.azure.subscription_id);
    assert.deepEqual(ours.cloud, theirs.cloud);
    assert.deepEqual([ours.event.kind, ours.event.category], [theirs.event.kind, theirs.event.category]);
    assert.equal(ours.ecs.version, theirs.ecs.version);
    assert.deepEqual([...ours.related.ip].sort(), [...theirs.related.ip].sort());
    // elastic stamps the record's write time; the tuple's own time is ours, and elastic keeps it here:
    const tuple = theirs.azure_network_watcher_nsg.log.properties.flows[0].flows[0].tuples[0];
    assert.equal(ours["@timestamp"], tuple.timestamp);
  });

  it("ECS: elastic's VNet tuples (sent = src->dst, received = dst->src, IANA protocol number)", async () => {
    const ours = await exported("ecs", sample("elastic/vnet_elastic_test-vnet.log"));
    const [theirs] = expectedOf("elastic/vnet_elastic_test-vnet.log-expected.json");
    const tuples = theirs.azure_network_watcher_vnet.log.records.flows[0].groups[0].tuples;
    assert.equal(ours.length, tuples.length);
    for (const [i, t] of tuples.entries()) {
      const e = ours[i];
      assert.equal(e["@timestamp"], t.timestamp);
      assert.deepEqual([e.source.ip, e.source.port], [t.source.ip, t.source.port]);
      assert.deepEqual([e.destination.ip, e.destination.port], [t.destination.ip, t.destination.port]);
      assert.deepEqual([e.source.bytes, e.destination.bytes], [t.bytes.sent, t.bytes.received]);
      assert.deepEqual([e.source.packets, e.destination.packets], [t.packets.sent, t.packets.received]);
      assert.equal(e.network.iana_number, t.protocol);
      assert.equal(e.network.direction, t.flow.direction.toLowerCase());
      assert.equal(e.azure.flow_log.state, t.flow.state.toLowerCase());
      assert.equal(e.azure.flow_log.encryption, t.flow.encryption);
      assert.equal(
        e.source.mac,
        theirs.azure_network_watcher_vnet.log.mac_address,
        "outbound: the NIC is the source",
      );
    }
  });

  it("ECS: elastic's system-test document, its value lists equal to ours over the record's tuples", () => {
    const blob = JSON.parse(readFileSync(sample("elastic/nsgv2_elastic_system-testdata.log"), "utf8"));
    const events = flowsOf(blob.records[0]).map((flow) => ecsEvent(flow) as Json);
    const theirs = JSON.parse(
      readFileSync(sample("elastic/nsgv2_elastic_system-testdata.sample_event.json"), "utf8"),
    );
    const values = (pick: (e: Json) => unknown) =>
      [...new Set(events.map(pick).filter((v) => v !== undefined))].sort();
    const sorted = (list: unknown[]) => [...list].sort();
    for (const side of ["source", "destination"])
      for (const field of ["ip", "port", "bytes", "packets"])
        assert.deepEqual(
          values((e) => e[side][field]),
          sorted(theirs[side][field]),
          `${side}.${field}`,
        );
    assert.deepEqual(
      values((e) => e.network.direction),
      sorted(theirs.network.direction),
    );
    assert.deepEqual(
      values((e) => e.network.transport),
      sorted(theirs.network.transport),
    );
    assert.deepEqual(
      values((e) => e.rule.name),
      sorted(theirs.rule.name),
    );
    assert.deepEqual(
      sorted(events.flatMap((e) => e.related.ip).filter((ip, i, all) => all.indexOf(ip) === i)),
      sorted(theirs.related.ip),
    );
  });

  it("ECS: Sekoia's per-tuple mappings (addresses, ports, counters, direction, event type)", () => {
    for (const name of [
      "azure-network-watcher_test_begin.json",
      "azure-network-watcher_continue.json",
      "azure-network-watcher_test_end.json",
      "azure-network-watcher_test_short.json",
      ...[1, 2, 3, 4, 5, 6].map((n) => `azure-network-watcher-flow-logs_test_${n}.json`),
    ]) {
      const test = JSON.parse(readFileSync(path.join(SAMPLES, "peer-tests", "sekoia", name), "utf8"));
      const message = JSON.parse(test.input.message);
      const ctx = {
        target: message.resourceId ?? "",
        mac: message.macAddress,
        rule: message.rule,
        latest: latestFlowTime(),
      };
      const flow =
        message.flowLogVersion === 4
          ? vnetTuple(message["flow.0"], { ...ctx, aclID: message.aclID })
          : nsgTuple(message["flow.0"], ctx);
      const ours = ecsEvent(flow) as Json;
      const theirs = test.expected;
      // test_short's message carries Sekoia's own "source_addr", which their parser prefers to the tuple's.
      if (message.source_addr) theirs.source.ip = flow.src;
      for (const side of ["source", "destination"])
        for (const field of ["ip", "port", "bytes", "packets"])
          if (theirs[side][field] !== undefined && flow.bytesSent !== undefined)
            assert.equal(ours[side][field], theirs[side][field], `${name}: ${side}.${field}`);
          else if (field === "ip" || field === "port") assert.equal(ours[side][field], theirs[side][field]);
      assert.equal(ours.network.direction, theirs.network.direction, name);
      if (theirs.network.transport) assert.equal(ours.network.transport, theirs.network.transport, name);
      if (theirs.network.iana_number)
        assert.equal(ours.network.iana_number, theirs.network.iana_number, name);
      for (const type of theirs.event.type) assert.ok(ours.event.type.includes(type), `${name}: ${type}`);
      if (message.flowLogVersion === 4)
        assert.equal(ours["@timestamp"], theirs["@timestamp"].replace("000Z", "Z"));
    }
  });

  it("JSON Lines: the Microsoft connector's CEF events for the same tuples (time in ms, inbound, denied)", async () => {
    const events = await exported("jsonl", sample("nsgv1_msft-NSGFlowLogsConnector_sampleJsonInput.json"));
    const cef = readFileSync(
      sample("nsgv1_msft-NSGFlowLogsConnector_sampleJsonInput.cef-expected.txt"),
      "utf8",
    )
      .trim()
      .split("\n")
      .map((line) => Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])));
    const denied = events.filter((e) => e.rule === "DefaultRule_DenyAllInBound").slice(0, cef.length);
    assert.equal(events.length, 38);
    for (const [i, c] of cef.entries()) {
      const e = denied[i];
      assert.equal(Date.parse(e.time), Number(c.rt));
      assert.deepEqual([e.src, e.dst, String(e.srcPort), String(e.dstPort)], [c.src, c.dst, c.spt, c.dpt]);
      assert.deepEqual([e.protocol, e.direction, e.decision], [c.proto, "inbound", "deny"]);
      assert.equal(e.mac, c.dmac.replace(/:/g, ""));
    }
  });

  it("OCSF Network Activity: class 4001, activity from state and decision, traffic each way", async () => {
    const events = await exported("ocsf", sample("elastic/vnet_elastic_system-testdata.log"));
    assert.equal(events.length, 19);
    for (const e of events) {
      assert.deepEqual([e.class_uid, e.category_uid, e.type_uid], [4001, 4, 400100 + e.activity_id]);
      assert.ok(Number.isInteger(e.time) && e.metadata.version && e.metadata.product.name);
      assert.ok(e.src_endpoint.ip && e.dst_endpoint.ip);
    }
    const count = (activity: string) => events.filter((e) => e.activity_name === activity).length;
    assert.deepEqual([count("Open"), count("Close"), count("Refuse")], [5, 5, 9], "B, E and D tuples");
    const refused = events.find((e) => e.activity_name === "Refuse")!;
    assert.deepEqual([refused.action, refused.disposition_id], ["Denied", 2]);
    const closed = events.find((e) => e.activity_name === "Close" && e.traffic.bytes > 0)!;
    assert.equal(closed.traffic.bytes, closed.traffic.bytes_in + closed.traffic.bytes_out);
  });

  it("CSV: a header and one row per tuple, written to --out; nothing read exits 1", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "export-")), "events.csv");
    const file = sample("msdocs/nsgv2_msdocs_nsg-flow-logs-tutorial_record-sample.json");
    const { stderr } = await run(flowlogs, ["export", "--format", "csv", "--out", out, file]);
    assert.match(stderr, /wrote .*events\.csv \(1 csv events\)/);
    const [head, row, end] = readFileSync(out, "utf8").split("\n");
    assert.equal(
      head,
      "time,version,target,aclID,mac,rule,src,srcPort,dst,dstPort,protocol,direction,decision,state,encryption,packetsSent,bytesSent,packetsReceived,bytesReceived",
    );
    assert.match(row, /^2023-02-26T23:44:57\.000Z,2,.*,continue,,7,1158,12,8143$/);
    assert.equal(end, "");
    await assert.rejects(
      run(flowlogs, ["export", sample("nsgv1_msft-NSGFlowLogsConnector_sampleJsonInput.cef-expected.txt")]),
      (e: { code: number; stderr: string }) =>
        e.code === 1 &&
        /at byte 0: no flow-log record found/.test(e.stderr) &&
        /no flow-log record could be read/.test(e.stderr),
    );
  });
});
