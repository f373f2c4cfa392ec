// The summary's tables keyed by small ids (IdTable, column tallies) against plain maps counted by hand,
// past the sizes where the tables grow, fed one reused flow object as the streaming reader feeds them.
import * as assert from "node:assert/strict";
import type { Flow } from "../../components/logs/flow";
import { IdTable } from "../../components/logs/id-table";
import { SummaryBuilder } from "../../components/logs/summary";
import { copyFlow, newFlow } from "../../components/logs/tuples";

const NO_READ = { files: 1, records: 1, recordsRead: 1, problems: [], problemCount: 0 };

/** Flows over many addresses and ports, the same every run (a linear congruential sequence). */
function* manyFlows(count: number): Generator<Flow> {
  let seed = 12345;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const flow = newFlow();
  for (let i = 0; i < count; i++) {
    flow.time = Date.UTC(2026, 10, 24) + i * 1000;
    flow.target = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/n";
    flow.rule = `rule${next(3)}`;
    flow.mac = "00-0D-3A-00-00-01";
    flow.src = `10.0.${next(8)}.${next(200)}`;
    flow.dst = next(4) ? `52.1.${next(4)}.${next(50)}` : `2001:db8::${next(30).toString(16)}`;
    flow.srcPort = 1024 + next(60000);
    flow.dstPort = [443, 80, 22, 53, 3389][next(5)];
    flow.protocol = next(3) ? "TCP" : "UDP";
    flow.direction = next(2) ? "inbound" : "outbound";
    flow.decision = next(5) ? "allow" : "deny";
    flow.state = flow.decision === "deny" ? undefined : "begin";
    flow.bytesSent = next(10_000);
    flow.bytesReceived = next(10_000);
    yield flow;
  }
}

describe("summary tables keyed by small ids", () => {
  it("an IdTable gives ids first seen first and finds every key again past many growths", () => {
    const table = new IdTable(4);
    const key = (i: number) => [i % 1000, (i * 7) % 999, i % 3, i] as const;
    for (let i = 0; i < 50_000; i++) assert.equal(table.id(...key(i)), i);
    for (let i = 0; i < 50_000; i += 97) {
      assert.equal(table.id(...key(i)), i);
      assert.deepEqual(
        [0, 1, 2, 3].map((part) => table.key(i, part)),
        [...key(i)],
      );
    }
    assert.equal(table.size, 50_000);
  });

  it("counts conversations, talkers and ports as plain maps do, from one reused flow object", () => {
    const builder = new SummaryBuilder();
    const conversations = new Map<string, { tuples: number; bytes: number }>();
    const sources = new Set<string>();
    for (const flow of manyFlows(40_000)) {
      builder.add(flow);
      sources.add(flow.src);
      const key = `${flow.src}>${flow.dst}:${flow.protocol}/${flow.dstPort}`;
      const c = conversations.get(key) ?? { tuples: 0, bytes: 0 };
      c.tuples++;
      c.bytes += (flow.bytesSent ?? 0) + (flow.bytesReceived ?? 0);
      conversations.set(key, c);
    }
    const summary = builder.build(10, NO_READ);
    assert.ok(conversations.size > 10_000, "enough conversations to grow the tables");
    assert.equal(summary.distinct.conversations, conversations.size);
    assert.equal(summary.distinct.sources, sources.size);
    // Sorted by tuples, then bytes, then first seen (a Map iterates first seen first; the sort is stable).
    const expected = [...conversations]
      .sort(([, a], [, b]) => b.tuples - a.tuples || b.bytes - a.bytes)
      .slice(0, 10)
      .map(([key, c]) => [key, c.tuples, c.bytes]);
    const got = summary.topConversations.map((c) => [
      `${c.src}>${c.dst}:${c.protocol}/${c.port}`,
      c.tuples,
      c.bytes,
    ]);
    assert.deepEqual(got, expected);
  });

  it("counts rules, targets and NICs as plain maps do, each group's tuples added once it ends, a build midway included", () => {
    const builder = new SummaryBuilder();
    const rules = new Map<
      string,
      { tuples: number; denied: number; bytes: number; first: number; last: number }
    >();
    let tuples = 0;
    let bytes = 0;
    for (const flow of manyFlows(20_000)) {
      builder.add(flow);
      const r = rules.get(flow.rule) ?? { tuples: 0, denied: 0, bytes: 0, first: flow.time, last: flow.time };
      const flowBytes = (flow.bytesSent ?? 0) + (flow.bytesReceived ?? 0);
      r.tuples++;
      if (flow.decision === "deny") r.denied++;
      r.bytes += flowBytes;
      r.last = flow.time;
      rules.set(flow.rule, r);
      tuples++;
      bytes += flowBytes;
      // A build in the middle of a group counts what came so far, and counting goes on from there.
      if (tuples === 10_001) assert.equal(builder.build(10, NO_READ).targets[0].tuples, tuples);
    }
    const summary = builder.build(10, NO_READ);
    const got = new Map(summary.rules.map((r) => [r.rule, r]));
    assert.equal(got.size, rules.size);
    for (const [rule, r] of rules)
      assert.deepEqual(
        [
          got.get(rule)?.tuples,
          got.get(rule)?.denied,
          got.get(rule)?.bytes,
          got.get(rule)?.first,
          got.get(rule)?.last,
        ],
        [r.tuples, r.denied, r.bytes, new Date(r.first).toISOString(), new Date(r.last).toISOString()],
      );
    for (const split of [summary.targets, summary.nics])
      assert.deepEqual(
        split.map((s) => [s.tuples, s.bytes]),
        [[tuples, bytes]],
      );
  });

  it("parts merged in order summarise as one builder does", () => {
    const whole = new SummaryBuilder();
    const parts = [new SummaryBuilder(), new SummaryBuilder(), new SummaryBuilder()];
    let i = 0;
    for (const flow of manyFlows(30_000)) {
      whole.add(flow);
      parts[Math.floor(i++ / 10_000)].add(copyFlow(flow));
    }
    const merged = new SummaryBuilder();
    for (const part of parts) merged.merge(part.part());
    assert.deepEqual(merged.build(10, NO_READ), whole.build(10, NO_READ));
  });
});
