// What state records of a flow log: nothing its resource ID or a default says, and states written
// before (which record both IDs and every default) read back the same.
import * as assert from "node:assert/strict";
import type { FlowLogOutputs } from "../../components/provider/inputs";
import { asRecordedOutputs, watcherIdOf, withRecordedIds } from "../../components/provider/recorded-outputs";

const WATCHER =
  "/subscriptions/s/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope";
const ID = `${WATCHER}/flowLogs/vnet-web-flowlog`;
const outputs = {
  targetResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-web",
  enabled: true,
  flowLogResourceId: ID,
  networkWatcherId: WATCHER,
  adoptExisting: false,
  timeoutMinutes: 20,
} as unknown as FlowLogOutputs;

describe("recorded outputs (pure)", () => {
  it("leave out the IDs the resource's ID says and the defaults, and get them back when read", () => {
    const recorded = asRecordedOutputs(ID, outputs);
    for (const key of ["flowLogResourceId", "networkWatcherId", "adoptExisting", "timeoutMinutes"])
      assert.ok(!(key in recorded), key);
    const back = withRecordedIds(ID, recorded);
    assert.equal(back.flowLogResourceId, ID);
    assert.equal(back.networkWatcherId, WATCHER);
    assert.equal(watcherIdOf(ID), WATCHER);
  });

  it("keep what the ID does not say: another flow log's ID, a watcher elsewhere, values set", () => {
    const other = `${WATCHER}/flowLogs/renamed`;
    const kept = asRecordedOutputs(ID, {
      ...outputs,
      flowLogResourceId: other,
      adoptExisting: true,
      timeoutMinutes: 5,
    } as FlowLogOutputs);
    assert.equal(kept.flowLogResourceId, other);
    assert.equal(kept.networkWatcherId, WATCHER);
    assert.equal(kept.adoptExisting, true);
    assert.equal(kept.timeoutMinutes, 5);
    assert.equal(withRecordedIds(ID, kept).flowLogResourceId, other);
  });

  it("read states written before (both IDs recorded) as they are", () => {
    assert.deepEqual(withRecordedIds(ID, outputs), outputs);
  });
});
