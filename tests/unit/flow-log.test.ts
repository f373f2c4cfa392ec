// The component's shape under Pulumi's mocks: type tokens, inputs handed down, outputs, options.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

import { FlowLog, InvalidFlowLogArgsError } from "../../components";
import { installMocks, type Registered, value } from "../support/mocks";

let registered: Registered[] = [];

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers";
const args = {
  targetResourceId: `${SUB}/Microsoft.Network/virtualNetworks/vnet-web`,
  storageAccountId: `${SUB}/Microsoft.Storage/storageAccounts/flowlogsweu`,
};

describe("FlowLog component (mocks)", () => {
  before(() => {
    // Each file installs its own mocks, so files sharing a worker process do not see each other's.
    registered = installMocks((args) => {
      const outputs = args.type.endsWith("FlowLogSettings")
        ? {
            ...args.inputs,
            networkWatcherId: "/watcher",
            flowLogResourceId: "/watcher/flowLogs/fl",
            provisioningState: "Succeeded",
          }
        : args.inputs;
      // As the provider does, the settings resource's ID is its flow log's.
      const id = args.type.endsWith("FlowLogSettings") ? "/watcher/flowLogs/fl" : `${args.name}-id`;
      return { id, state: outputs };
    });
  });

  beforeEach(() => {
    registered.length = 0;
  });

  it("registers a component with a stable type token and one child named from it", async () => {
    const log = new FlowLog("web", args);
    await value(log.provisioningState);
    assert.equal(FlowLog.typeToken, "azure-flowlogs:network:FlowLog");
    assert.deepEqual(
      registered.map((r) => [r.type, r.name]),
      [
        ["azure-flowlogs:network:FlowLog", "web"],
        ["pulumi-nodejs:dynamic/azure-flowlogs:FlowLogSettings", "web"],
      ],
    );
  });

  it("hands its inputs to the child with enabled defaulted, adoptExisting only when written, and no credential", async () => {
    const log = new FlowLog("web", { ...args, retentionPolicy: { days: 7 } });
    await value(log.enabled);
    const child = registered.find((r) => r.type.endsWith("FlowLogSettings"))!;
    assert.equal(child.inputs.targetResourceId, args.targetResourceId);
    assert.equal(child.inputs.enabled, true);
    // A default nobody wrote is not an input, so no diff shows it.
    assert.equal(child.inputs.adoptExisting, undefined);
    assert.deepEqual(child.inputs.retentionPolicy, { days: 7 });
    assert.ok(typeof child.inputs.__provider === "string" && child.inputs.__provider.length < 4096);
    assert.doesNotMatch(JSON.stringify(child.inputs), /secret|token|password/i);
  });

  it("hands the child its URN, which the provider makes the owner from: the same for the same resource, different after a rename", async () => {
    const urns = [];
    for (const name of ["web", "web", "web-renamed"]) {
      registered.length = 0;
      await value(new FlowLog(name, args).enabled);
      urns.push(registered.find((r) => r.type.endsWith("FlowLogSettings"))!.inputs.ownerUrn);
    }
    assert.match(String(urns[0]), /^urn:pulumi:.*::azure-flowlogs:network:FlowLog::web$/);
    assert.equal(urns[0], urns[1]);
    assert.notEqual(urns[0], urns[2]);
  });

  it("timeouts: hands customTimeouts to the child in seconds, and nothing when none are given", async () => {
    await value(new FlowLog("web", args, { customTimeouts: { create: "1h30m", delete: "45s" } }).enabled);
    const child = () => registered.find((r) => r.type.endsWith("FlowLogSettings"))!;
    assert.deepEqual(child().inputs.customTimeoutSeconds, { create: 5400, delete: 45 });
    registered.length = 0;
    await value(new FlowLog("web", args).enabled);
    assert.equal("customTimeoutSeconds" in child().inputs, false);
  });

  it("timeouts: refuses a customTimeouts entry that is not a duration, naming it", () => {
    assert.throws(
      () => new FlowLog("web", args, { customTimeouts: { update: "soon" } }),
      (e: Error) =>
        e instanceof InvalidFlowLogArgsError &&
        /customTimeouts\.update: got "soon"; expected a duration above zero/.test(e.message),
    );
  });

  it("exposes what the provider reports as outputs", async () => {
    const log = new FlowLog("web", { ...args, enabled: false });
    assert.equal(await value(log.enabled), false);
    assert.equal(await value(log.networkWatcherId), "/watcher");
    assert.equal(await value(log.flowLogResourceId), "/watcher/flowLogs/fl");
    assert.equal(await value(log.provisioningState), "Succeeded");
    assert.equal(await value(log.targetResourceId), args.targetResourceId);
    assert.equal(await value(log.containerName), "insights-logs-flowlogflowevent");
    assert.equal(await value(log.blobPathPrefix), "flowLogResourceID=/WATCHER/FLOWLOGS/FL/");
  });

  it("forwards retainOnDelete and ignoreChanges to the child and parents it", async () => {
    const seen: pulumi.ResourceTransformationArgs[] = [];
    const log = new FlowLog("web", args, {
      retainOnDelete: true,
      ignoreChanges: ["retentionPolicy"],
      transformations: [
        (a) => {
          seen.push(a);
          return undefined;
        },
      ],
    });
    await value(log.enabled);
    const child = seen.find((a) => a.type.endsWith("FlowLogSettings"))!;
    assert.equal(child.opts.parent, log);
    assert.equal(child.opts.retainOnDelete, true);
    assert.deepEqual(child.opts.ignoreChanges, ["retentionPolicy"]);
  });

  it("fails before registering anything when known arguments are invalid, naming every field", () => {
    assert.throws(
      () => new FlowLog("bad", { ...args, retentionPolicy: { days: 400 }, format: { version: 3 as 2 } }),
      (e: Error) => {
        assert.ok(e instanceof InvalidFlowLogArgsError);
        assert.match(e.message, /retentionPolicy.days: got 400/);
        assert.match(e.message, /format.version: got 3/);
        return true;
      },
    );
    assert.deepEqual(
      registered.filter((r) => r.name === "bad"),
      [],
    );
  });

  it("leaves values that are still outputs to the provider's check", async () => {
    const target = pulumi.output(args.targetResourceId);
    const log = new FlowLog("later", {
      ...args,
      targetResourceId: target,
      retentionPolicy: pulumi.output({ days: 7 }),
    });
    assert.equal(await value(log.targetResourceId), args.targetResourceId);
  });
});
