import * as assert from "node:assert/strict";
import { diffFlowLog } from "../../components/provider/diff";
import { type FlowLogOutputs, UNKNOWN_PLACEHOLDER, withDefaults } from "../../components/provider/inputs";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
const target = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-web`;
const storage = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/flowlogsweu`;
const watcher = `${SUB}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;
const workspace = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-weu`;

const recorded: FlowLogOutputs = {
  ...withDefaults({ targetResourceId: target, storageAccountId: storage }),
  networkWatcherId: watcher,
  flowLogResourceId: `${watcher}/flowLogs/fl`,
  provisioningState: "Succeeded",
};

function desired(raw: Record<string, unknown> = {}) {
  return withDefaults({ targetResourceId: target, storageAccountId: storage, ...raw });
}

describe("diffFlowLog", () => {
  it("sees no change when Azure answers in another casing", () => {
    const upper = {
      ...recorded,
      targetResourceId: target.toUpperCase(),
      storageAccountId: storage.toLowerCase(),
    };
    assert.deepEqual(diffFlowLog(upper, desired()), {
      changes: false,
      diffs: [],
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("updates enabled alone in place", () => {
    assert.deepEqual(diffFlowLog(recorded, desired({ enabled: false })), {
      changes: true,
      diffs: ["enabled"],
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("updates storage, retention, format and traffic analytics in place", () => {
    const next = desired({
      storageAccountId: storage.replace("flowlogsweu", "other"),
      retentionPolicy: { days: 7 },
      format: { version: 1 },
      trafficAnalytics: { workspaceResourceId: workspace, intervalInMinutes: 10 },
    });
    const result = diffFlowLog(recorded, next);
    assert.deepEqual(result.diffs, ["storageAccountId", "retentionPolicy", "format", "trafficAnalytics"]);
    assert.deepEqual(result.replaces, []);
  });

  it("ignores traffic-analytics fields Azure filled in that the program leaves out", () => {
    const withTa = {
      ...recorded,
      trafficAnalytics: {
        enabled: true,
        workspaceResourceId: workspace.toUpperCase(),
        workspaceId: "5a3b0f62-0000-4000-8000-000000000001",
        workspaceRegion: "westeurope",
        intervalInMinutes: 10,
      },
    };
    const next = desired({ trafficAnalytics: { workspaceResourceId: workspace, intervalInMinutes: 10 } });
    assert.equal(diffFlowLog(withTa, next).changes, false);
  });

  it("replaces on a new target, creating the new one first", () => {
    const result = diffFlowLog(
      recorded,
      desired({ targetResourceId: target.replace("vnet-web", "vnet-api") }),
    );
    assert.deepEqual(result.replaces, ["targetResourceId"]);
    assert.equal(result.deleteBeforeReplace, false);
  });

  it("replaces on a new watcher for the same target, deleting first", () => {
    const result = diffFlowLog(
      recorded,
      desired({ networkWatcher: { resourceGroupName: "rg-watchers", name: "nw-weu" } }),
    );
    assert.deepEqual(result.replaces, ["networkWatcher"]);
    assert.equal(result.deleteBeforeReplace, true);
    const same = desired({
      networkWatcher: { resourceGroupName: "networkwatcherrg", name: "networkwatcher_westeurope" },
    });
    assert.equal(diffFlowLog(recorded, same).changes, false);
  });

  it("ignores settings that only matter to the provider", () => {
    assert.equal(diffFlowLog(recorded, desired({ adoptExisting: true, timeoutMinutes: 5 })).changes, false);
    const added = desired({
      customTimeoutSeconds: { create: 60 },
      ownerUrn: "urn:pulumi:a::b::c::d",
      ownerId: "x.y",
    });
    assert.equal(diffFlowLog(recorded, added).changes, false);
  });

  it("owner tag honoured: shows a flow log that refresh found taken over by another resource", () => {
    assert.deepEqual(diffFlowLog({ ...recorded, foreignOwnerId: "theirs" }, desired()).diffs, [
      "foreignOwnerId",
    ]);
  });

  it("treats a value unknown at preview as a change", () => {
    assert.deepEqual(diffFlowLog(recorded, desired({ storageAccountId: UNKNOWN_PLACEHOLDER })).diffs, [
      "storageAccountId",
    ]);
    assert.deepEqual(diffFlowLog(recorded, desired({ targetResourceId: UNKNOWN_PLACEHOLDER })).replaces, [
      "targetResourceId",
    ]);
  });

  it("reads state from an earlier release that lacks newer fields without a diff", () => {
    const { retentionPolicy: _r, format: _f, timeoutMinutes: _t, adoptExisting: _a, ...older } = recorded;
    assert.equal(diffFlowLog({ ...older, format: { type: "JSON", version: 2 } }, desired()).changes, false);
  });
});
