// Owner IDs and the ownership rules every operation follows, and the one-FlowLog-per-target claims.
import * as assert from "node:assert/strict";
import { claimTarget, secondClaimMessage } from "../../components/provider/claims";
import {
  heldByAnother,
  isAnotherFlowLog,
  newOwnerId,
  ownerIdOf,
  sameUrn,
} from "../../components/provider/owner";
import { takeOverRefusal } from "../../components/provider/takeover";

const URN = "urn:pulumi:dev::network::azure-flowlogs:network:FlowLog::web";

describe("owner identity (pure)", () => {
  it("owner identity: a new owner is the URN's hash and a nonce, never the same twice", () => {
    const [a, b] = [newOwnerId(URN), newOwnerId(URN)];
    assert.match(a, /^[0-9a-f]{32}\.[0-9a-f]{16}$/);
    assert.notEqual(a, b);
    assert.ok(a.startsWith(`${ownerIdOf(URN)}.`));
  });

  it("owner identity: a namesake's owner and an interrupted create's share the URN's hash, whatever the nonce", () => {
    assert.ok(sameUrn(newOwnerId(URN), newOwnerId(URN)));
    assert.ok(sameUrn(ownerIdOf(URN), newOwnerId(URN)));
    assert.ok(!sameUrn(newOwnerId(URN), newOwnerId(`${URN}-renamed`)));
  });

  it("a namesake stack in another backend takes over: an enabled flow log tagged with this URN's hash is refused, naming both causes and the one step", () => {
    const live = {
      targetResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
      enabled: true,
      owner: newOwnerId(URN),
      storageId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa",
      retentionPolicy: { enabled: false, days: 0 },
      format: { type: "JSON" as const, version: 2 as const },
    };
    const refusal = takeOverRefusal(live, { ownerUrn: URN });
    assert.match(
      String(refusal),
      /another owner ID .*another backend.*killed.*set `adoptExisting: true`.*Azure was not asked to change anything/s,
    );
    assert.equal(takeOverRefusal(live, { ownerUrn: URN, adoptExisting: true }), undefined);
    assert.equal(takeOverRefusal({ ...live, enabled: false }, { ownerUrn: URN }), undefined);
    assert.match(String(takeOverRefusal({ ...live, owner: undefined }, { ownerUrn: URN })), /no owner tag/);
    assert.match(
      String(takeOverRefusal(live, { ownerUrn: `${URN}-other` })),
      /tagged as managed by another Pulumi resource/,
    );
  });

  it("owner tag honoured: only a tag naming someone else holds a flow log away; an untagged one is nobody's", () => {
    const mine = newOwnerId(URN);
    assert.equal(heldByAnother({ owner: mine }, mine), false);
    assert.equal(heldByAnother({}, mine), false);
    assert.equal(heldByAnother({ owner: newOwnerId(URN) }, mine), true);
  });

  it("stale flow-log ID: another flow log on the target is told apart, casing aside", () => {
    const id =
      "/subscriptions/s/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/nw/flowLogs/fl";
    assert.equal(isAnotherFlowLog(id, { flowLogResourceId: id.toUpperCase() }), false);
    assert.equal(isAnotherFlowLog(id, { flowLogResourceId: `${id}-portal` }), true);
    assert.equal(isAnotherFlowLog(undefined, { flowLogResourceId: id }), false);
  });

  it("two FlowLogs on one target: the second claim names the first, the same resource may claim again", () => {
    const target =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-claims";
    const other = URN.replace("::web", "::api");
    assert.equal(claimTarget(target, URN), undefined);
    assert.equal(claimTarget(target.toUpperCase(), URN), undefined);
    assert.equal(claimTarget(target, other), URN);
    assert.match(
      secondClaimMessage(target, URN),
      /^targetResourceId: .* is also the target of FlowLog "web" \(urn:/,
    );
  });
});
