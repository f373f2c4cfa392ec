// What check (or diff) read may stand in for create's and update's reads only when nothing could have
// changed it in between as far as this process knows: once, for the same decisive inputs, not on a
// target or flow log Azure is still updating, and never after this process wrote to the target.
import * as assert from "node:assert/strict";
import type { ArmResource, FlowLogState, NetworkWatcherRef } from "../../components/azure";
import { forgetCheckReads, rememberCheckReads, takeCheckReads } from "../../components/provider/check-reads";

const TARGET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-web";
type Decisive = Parameters<typeof takeCheckReads>[0];
const inputs: Decisive = { targetResourceId: TARGET, ownerUrn: "urn:pulumi:dev::p::t::web" } as Decisive;
const watcher = {
  id: "/subscriptions/s/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope",
} as NetworkWatcherRef;

function reads(provisioningState = "Succeeded") {
  const target: ArmResource = {
    id: TARGET,
    name: "vnet-web",
    type: "Microsoft.Network/virtualNetworks",
    location: "westeurope",
    properties: { provisioningState },
  };
  return { target, watcher, existing: undefined };
}

describe("check's reads reused by create and update (pure)", () => {
  it("are taken once, for the same inputs; a second take reads Azure again", () => {
    rememberCheckReads(inputs, reads());
    assert.ok(takeCheckReads(inputs));
    assert.equal(takeCheckReads(inputs), undefined);
  });

  it("are not taken for other decisive inputs (another owner, adoptExisting, another name or watcher)", () => {
    for (const other of [
      { ...inputs, ownerUrn: "urn:pulumi:dev::p::t::other" },
      { ...inputs, adoptExisting: true },
      { ...inputs, flowLogName: "custom" },
      { ...inputs, networkWatcher: { resourceGroupName: "rg", name: "nw" } },
    ] as Decisive[]) {
      rememberCheckReads(inputs, reads());
      assert.equal(takeCheckReads(other), undefined, JSON.stringify(other));
    }
  });

  it("are not taken when the target was Updating, nor after this process wrote to the target", () => {
    rememberCheckReads(inputs, reads("Updating"));
    assert.equal(takeCheckReads(inputs), undefined);
    rememberCheckReads(inputs, reads());
    forgetCheckReads(TARGET.toUpperCase());
    assert.equal(takeCheckReads(inputs), undefined);
  });

  it("diff's read of the flow log alone (no target) is taken once, but not when the flow log was Updating", () => {
    const flowLog = (provisioningState: string) => ({ provisioningState }) as FlowLogState;
    rememberCheckReads(inputs, { watcher, existing: flowLog("Succeeded") });
    assert.equal(takeCheckReads(inputs)?.existing?.provisioningState, "Succeeded");
    assert.equal(takeCheckReads(inputs), undefined);
    rememberCheckReads(inputs, { watcher, existing: flowLog("Updating") });
    assert.equal(takeCheckReads(inputs), undefined);
  });
});
