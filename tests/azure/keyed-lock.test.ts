import * as assert from "node:assert/strict";
import { KeyedLock } from "../../components/azure/keyed-lock";

describe("KeyedLock", () => {
  it("runs work for one key one at a time, in order, and other keys alongside", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.run("a", async () => {
      events.push("a1 start");
      await new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      events.push("a1 end");
    });
    const second = lock.run("a", async () => {
      events.push("a2");
    });
    await lock.run("b", async () => {
      events.push("b");
    });
    releaseFirst();
    await Promise.all([first, second]);
    assert.deepEqual(events, ["a1 start", "b", "a1 end", "a2"]);
  });

  it("keeps going after a failure", async () => {
    const lock = new KeyedLock();
    await assert.rejects(
      lock.run("a", async () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await lock.run("a", async () => 42), 42);
  });
});
