// The pure parts of issue #21 items 1, 2 and 4: where a provider host finds its engine, the tag a
// handover leaves before it disables an NSG flow log, and the refusal of a delete-first replacement of
// a migration's flow log. Their behaviour through the engine is in tests/e2e/.
import * as assert from "node:assert/strict";
import type { FlowLogState } from "../../components/azure";
import { engineAddress } from "../../components/provider/engine-liveness";
import {
  HANDOVER_TAG,
  handedOver,
  withHandoverTag,
  withoutHandoverTag,
} from "../../components/provider/handover-tag";
import { withDefaults } from "../../components/provider/inputs";
import { replacementUnlogsHandedOver } from "../../components/provider/replacement";
import * as ids from "../support/seed-ids";

const HOST = "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

describe("kill safety (pure parts)", () => {
  it("item 1: the engine's address is the dynamic-provider host's first argument, and nothing elsewhere", () => {
    assert.equal(engineAddress(["node", HOST, "127.0.0.1:33171"], HOST), "127.0.0.1:33171");
    assert.equal(
      engineAddress(["node", "mocha", "tests/unit/x.test.ts"], "/app/node_modules/mocha/bin/mocha"),
      undefined,
    );
    assert.equal(engineAddress(["node", HOST, "--flag"], HOST), undefined);
    assert.equal(engineAddress(["node", HOST], HOST), undefined);
  });

  it("item 2: the handover's tag says what was on, survives a re-read and is removed on the way back", () => {
    const live = {
      enabled: true,
      tags: { team: "web" },
      trafficAnalytics: { enabled: true },
    } as unknown as FlowLogState;
    assert.equal(handedOver(live), undefined);
    const tagged = withHandoverTag(live);
    assert.equal(tagged.team, "web");
    assert.deepEqual(handedOver({ tags: tagged }), { trafficAnalyticsWasEnabled: true });
    // Azure compares tag names case-insensitively.
    const shouted = { [HANDOVER_TAG.toUpperCase()]: tagged[HANDOVER_TAG], team: "web" };
    assert.deepEqual(handedOver({ tags: shouted }), { trafficAnalyticsWasEnabled: true });
    assert.deepEqual(withoutHandoverTag({ tags: shouted }), { team: "web" });
    assert.deepEqual(handedOver({ tags: withHandoverTag({ ...live, trafficAnalytics: undefined }) }), {});
  });

  it("item 4: a delete-first replacement of a migration's flow log is refused, other flow logs' are not", () => {
    const inMigration = withDefaults({
      targetResourceId: ids.SUBNET_APP,
      storageAccountId: ids.STORAGE_WEU,
      ownerUrn:
        "urn:pulumi:dev::net::azure-flowlogs:network:NsgFlowLogMigration$azure-flowlogs:network:FlowLog::move-app",
    });
    const renamed = withDefaults({ ...inMigration, flowLogName: "app-renamed" });
    assert.match(
      replacementUnlogsHandedOver(inMigration, renamed)?.reason ?? "",
      /^flowLogName: this change replaces a flow log of an NsgFlowLogMigration \(flowLogName\).*Nothing was changed/,
    );
    assert.equal(replacementUnlogsHandedOver(inMigration, withDefaults({ ...inMigration })), undefined);
    const alone = withDefaults({
      ...inMigration,
      ownerUrn: "urn:pulumi:dev::net::azure-flowlogs:network:FlowLog::app",
    });
    assert.equal(replacementUnlogsHandedOver(alone, withDefaults({ ...alone, flowLogName: "x" })), undefined);
  });
});
