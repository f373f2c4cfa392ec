// customTimeouts as the provider receives them, and the bound each operation gets.
import * as assert from "node:assert/strict";
import { type FlowLogInputs, operationTimeoutMs, withDefaults } from "../../components/provider/inputs";
import { durationSeconds, timeoutSeconds } from "../../components/timeouts";

function inputs(extra: Record<string, unknown> = {}): FlowLogInputs {
  return withDefaults({ targetResourceId: "/t", storageAccountId: "/s", ...extra });
}

describe("timeouts (pure)", () => {
  it("timeouts: reads the engine's durations", () => {
    assert.equal(durationSeconds("90s"), 90);
    assert.equal(durationSeconds("5m"), 300);
    assert.equal(durationSeconds("1h30m"), 5400);
    assert.equal(durationSeconds("1.5h"), 5400);
    assert.equal(durationSeconds("250ms"), 0.25);
    for (const bad of ["", "5", "m", "5 m", "-5m", "5d"]) assert.equal(durationSeconds(bad), undefined, bad);
  });

  it("timeouts: only the given ones, in seconds; zero or garbage is a failure naming the field", () => {
    assert.deepEqual(timeoutSeconds(undefined), { failures: [] });
    assert.deepEqual(timeoutSeconds({}), { failures: [] });
    assert.deepEqual(timeoutSeconds({ update: "2m" }), { seconds: { update: 120 }, failures: [] });
    assert.match(timeoutSeconds({ delete: "0s" }).failures[0], /^customTimeouts\.delete: got "0s"/);
  });

  it("timeouts: one bound per operation, from customTimeouts when given, else timeoutMinutes", () => {
    const custom = inputs({ timeoutMinutes: 7, customTimeoutSeconds: { create: 30 } });
    assert.equal(operationTimeoutMs(custom, "create"), 30_000);
    assert.equal(operationTimeoutMs(custom, "update"), 7 * 60_000);
    assert.equal(operationTimeoutMs(custom), 7 * 60_000);
    assert.equal(operationTimeoutMs(inputs(), "delete"), 20 * 60_000);
  });
});
