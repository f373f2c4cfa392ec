import * as assert from "node:assert/strict";
import { UNKNOWN_PLACEHOLDER, withDefaults } from "../../components/provider/inputs";
import { validateInputs } from "../../components/provider/validate";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers";
const valid = {
  targetResourceId: `${SUB}/Microsoft.Network/virtualNetworks/vnet-web`,
  storageAccountId: `${SUB}/Microsoft.Storage/storageAccounts/flowlogsweu`,
};

function reasons(raw: Record<string, unknown>): string[] {
  return validateInputs(withDefaults({ ...valid, ...raw })).map((f) => f.reason);
}

describe("validateInputs", () => {
  it("accepts every target kind and the defaults", () => {
    for (const target of [
      "Microsoft.Network/networkSecurityGroups/nsg-web",
      "Microsoft.Network/virtualNetworks/vnet-web",
      "Microsoft.Network/virtualNetworks/vnet-web/subnets/default",
      "Microsoft.Network/networkInterfaces/nic-web",
    ]) {
      assert.deepEqual(reasons({ targetResourceId: `${SUB}/${target}` }), []);
    }
  });

  it("names the field, the value and what is accepted", () => {
    const [reason] = reasons({ targetResourceId: `${SUB}/Microsoft.Network/publicIPAddresses/ip-1` });
    assert.match(
      reason,
      /^targetResourceId: got ".*publicIPAddresses\/ip-1"; expected the ARM ID of a network security group, virtual network, subnet or network interface/,
    );
    assert.deepEqual(reasons({ storageAccountId: "flowlogsweu" }), [
      'storageAccountId: got "flowlogsweu"; expected the ARM ID of a storage account in the target\'s region, e.g. /subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>.',
    ]);
  });

  it("bounds retention to 0..365 days and explains that 0 keeps logs forever", () => {
    assert.deepEqual(reasons({ retentionPolicy: { enabled: true, days: 0 } }), []);
    assert.deepEqual(reasons({ retentionPolicy: { enabled: true, days: 365 } }), []);
    for (const days of [-1, 366, 7.5, "7"]) {
      assert.deepEqual(reasons({ retentionPolicy: { enabled: true, days } }), [
        `retentionPolicy.days: got ${JSON.stringify(days)}; expected a whole number of days from 0 to 365 (0 keeps the logs forever).`,
      ]);
    }
  });

  it("accepts format versions 1 and 2 and JSON in any case", () => {
    assert.deepEqual(reasons({ format: { version: 1, type: "json" } }), []);
    assert.deepEqual(reasons({ format: { version: 3 } }), [
      "format.version: got 3; expected 1 or 2 (version 2 adds flow state, bytes and packets).",
    ]);
    assert.match(reasons({ format: { type: "CSV" } })[0], /^format.type: got "CSV"; expected "JSON"/);
  });

  it("checks traffic analytics fields together", () => {
    const workspaceResourceId = `${SUB}/Microsoft.OperationalInsights/workspaces/law-weu`;
    assert.deepEqual(reasons({ trafficAnalytics: { workspaceResourceId, intervalInMinutes: 10 } }), []);
    assert.deepEqual(reasons({ trafficAnalytics: { workspaceResourceId, intervalInMinutes: 30 } }), [
      "trafficAnalytics.intervalInMinutes: got 30; expected 10 or 60 (the processing intervals Azure offers).",
    ]);
    assert.match(
      reasons({ trafficAnalytics: { intervalInMinutes: 10 } })[0],
      /^trafficAnalytics.workspaceResourceId: got nothing; expected the ARM ID of a Log Analytics workspace/,
    );
    assert.match(
      reasons({ trafficAnalytics: { workspaceResourceId, workspaceId: "law-weu" } })[0],
      /^trafficAnalytics.workspaceId: got "law-weu"; expected the workspace's GUID/,
    );
  });

  it("checks an explicit network watcher and the timeout", () => {
    assert.match(
      reasons({ networkWatcher: { resourceGroupName: "NetworkWatcherRG", name: "" } })[0],
      /^networkWatcher.name: got ""/,
    );
    assert.match(
      reasons({ timeoutMinutes: 0 })[0],
      /^timeoutMinutes: got 0; expected a whole number of minutes from 1 to 1440/,
    );
  });

  it("leaves values unknown during preview for later", () => {
    assert.deepEqual(
      reasons({
        targetResourceId: UNKNOWN_PLACEHOLDER,
        storageAccountId: UNKNOWN_PLACEHOLDER,
        enabled: UNKNOWN_PLACEHOLDER,
      }),
      [],
    );
  });
});

describe("withDefaults", () => {
  it("fills every default", () => {
    assert.deepEqual(withDefaults({ ...valid }), {
      ...valid,
      enabled: true,
      retentionPolicy: { enabled: false, days: 0 },
      format: { type: "JSON", version: 2 },
      adoptExisting: false,
      timeoutMinutes: 20,
    });
  });

  it("reads a bare number of days as an enabled policy, and keeps explicit choices", () => {
    assert.deepEqual(withDefaults({ ...valid, retentionPolicy: { days: 7 } }).retentionPolicy, {
      enabled: true,
      days: 7,
    });
    assert.deepEqual(
      withDefaults({ ...valid, retentionPolicy: { enabled: false, days: 7 } }).retentionPolicy,
      { enabled: false, days: 7 },
    );
    assert.deepEqual(
      withDefaults({ ...valid, trafficAnalytics: { workspaceResourceId: "w" } }).trafficAnalytics,
      {
        enabled: true,
        workspaceResourceId: "w",
        intervalInMinutes: 60,
      },
    );
  });

  it("is idempotent, so state written by earlier releases reads the same", () => {
    const once = withDefaults({ ...valid, format: { type: "json" }, retentionPolicy: { days: 3 } });
    assert.deepEqual(withDefaults(once as unknown as Record<string, unknown>), once);
  });
});
