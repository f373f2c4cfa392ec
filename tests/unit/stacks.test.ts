// The example stacks under Pulumi's mocks (azure-native and random mocked, nothing reaches Azure).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

let registered: Registered[] = [];
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";

import { existingTargetsStack } from "../../stacks/existing-targets";
import { newNetworkStack } from "../../stacks/new-network";
import { installMocks, type Registered, value } from "../support/mocks";

function inputsOf(typeSuffix: string) {
  return registered.filter((r) => r.type.endsWith(typeSuffix));
}

describe("example stacks (mocks)", () => {
  before(() => {
    // Each file installs its own mocks, so files sharing a worker process do not see each other's.
    registered = installMocks((args) => {
      const kind = args.type.split(":").pop();
      const id = `${SUB}/resourceGroups/rg/providers/mock/${kind}/${args.name}`;
      const extra = args.type === "random:index/randomString:RandomString" ? { result: "ab12cd34" } : {};
      return { id, state: { ...args.inputs, ...extra } };
    });
  });

  beforeEach(() => {
    registered.length = 0;
  });

  it("new-network: flow logs on the new VNet into the new StorageV2 account", async () => {
    const out = newNetworkStack({ location: "westeurope", prefix: "demo", retentionDays: 7 });
    await value(out.flowLogEnabled);
    const [account] = inputsOf(":StorageAccount");
    assert.equal(account.inputs.kind, "StorageV2");
    assert.equal(account.inputs.accountName, "flowlogsab12cd34");
    assert.equal(account.inputs.location, "westeurope");
    const [settings] = inputsOf("FlowLogSettings");
    assert.equal(settings.inputs.targetResourceId, await value(out.vnetId));
    assert.equal(settings.inputs.storageAccountId, await value(out.storageAccountId));
    assert.deepEqual(settings.inputs.retentionPolicy, { days: 7 });
    assert.deepEqual(registered.map((r) => r.type.split(":").pop()).sort(), [
      "FlowLog",
      "FlowLogSettings",
      "NetworkSecurityGroup",
      "RandomString",
      "ResourceGroup",
      "StorageAccount",
      "VirtualNetwork",
    ]);
  });

  it("existing-targets: one FlowLog per configured target, named as configured", async () => {
    const storageAccountId = `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs`;
    const out = existingTargetsStack([
      {
        name: "web",
        targetResourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/web`,
        storageAccountId,
      },
      {
        name: "api",
        targetResourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/api`,
        storageAccountId,
        enabled: false,
      },
    ]);
    await value(pulumi.output(out.flowLogs).apply((x) => x));
    assert.deepEqual(
      inputsOf("network:FlowLog").map((r) => r.name),
      ["web", "api"],
    );
    assert.deepEqual(
      inputsOf("FlowLogSettings").map((r) => r.inputs.enabled),
      [true, false],
    );
  });
});
