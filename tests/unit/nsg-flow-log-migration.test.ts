// The migration's pure parts: its arguments (the plan command's JSON), the handover's inputs and diff.
import * as assert from "node:assert/strict";
import { InvalidMigrationArgsError } from "../../components";
import { checkMigrationArgs } from "../../components/nsg-flow-log-migration-args";
import {
  diffHandover,
  handoverWithDefaults,
  validateHandover,
} from "../../components/provider/handover-inputs";
import { UNKNOWN_PLACEHOLDER } from "../../components/provider/inputs";
import * as ids from "../support/seed-ids";

const log = (name: string, targetResourceId = ids.VNET_WEB, extra: object = {}) => ({
  name,
  args: { targetResourceId, storageAccountId: ids.STORAGE_WEU, ...extra },
});
const covering = {
  name: "web",
  targetResourceId: ids.VNET_WEB,
  flowLogResourceId: `${ids.WATCHER_WEU}/flowLogs/vnet-web-flowlog`,
  networkWatcherId: ids.WATCHER_WEU,
};

function refusal(args: unknown): string {
  try {
    checkMigrationArgs("move", args as never);
  } catch (e) {
    assert.ok(e instanceof InvalidMigrationArgsError);
    return e.message;
  }
  return assert.fail("the arguments were accepted");
}

describe("NsgFlowLogMigration arguments", () => {
  it("takes the plan command's JSON as it is and names one handover per NSG", () => {
    const plan = {
      create: [{ ...log("web"), covers: [ids.NIC_WEB], reason: "all NICs of the network" }],
      disable: [
        {
          targetResourceId: ids.NSG_WITH_ENABLED_LOG,
          flowLogResourceId: `${ids.WATCHER_WEU}/flowLogs/Microsoft.Networkrg-networknsg-web`,
          after: ["web"],
          reason: "covered by web",
        },
      ],
    };
    const names = checkMigrationArgs("move", { flowLogs: plan.create, nsgFlowLogs: plan.disable });
    assert.deepEqual(names, ["move-rg-network-nsg-web"]);
  });

  it("takes an empty `after`: nothing new to wait for, as for an NSG existing flow logs already cover", () => {
    const names = checkMigrationArgs("move", {
      flowLogs: [],
      nsgFlowLogs: [
        { targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: [] },
        { targetResourceId: ids.NSG_NEW, after: [] },
      ],
    });
    assert.deepEqual(names, ["move-rg-network-nsg-web", "move-rg-network-nsg-new"]);
  });

  it("refuses, naming field and value, what would leave a NIC unlogged or two resources fighting", () => {
    const message = refusal({
      flowLogs: [
        log("web"),
        log("web"),
        log("off", ids.SUBNET_APP, { enabled: false }),
        log("nsg", ids.NSG_NEW),
      ],
      nsgFlowLogs: [
        { targetResourceId: ids.NSG_WITH_ENABLED_LOG, after: "web" },
        { targetResourceId: ids.NSG_WITH_ENABLED_LOG.toUpperCase(), after: ["nope"] },
        { targetResourceId: ids.VNET_WEB, after: ["web"] },
        { targetResourceId: ids.NSG_WITH_DISABLED_LOG, after: ["off"] },
        { targetResourceId: ids.NSG_NEW, after: ["web"] },
      ],
    });
    for (const expected of [
      'flowLogs[1].name: got "web"; expected a name not used before.',
      'nsgFlowLogs[0].after: got "web"; expected an array of flowLogs names ([] when nothing new covers the NSG).',
      "nsgFlowLogs[1].targetResourceId: got",
      'nsgFlowLogs[1].after: got "nope"; expected one of the flowLogs names (web, off, nsg).',
      "nsgFlowLogs[2].targetResourceId: got",
      'nsgFlowLogs[3].after: "off" has enabled: false',
      'nsgFlowLogs[4].targetResourceId: /subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-new is also the target of flowLogs entry "nsg"',
    ])
      assert.ok(message.includes(expected), `missing "${expected}" in:\n${message}`);
  });

  it("refuses a missing plan with what it expects", () => {
    const message = refusal({});
    assert.match(message, /flowLogs: got nothing; expected an array of \{ name, args \}/);
    assert.match(message, /nsgFlowLogs: got nothing; expected an array of \{ targetResourceId, after \}/);
  });
});

describe("NSG flow-log handover inputs", () => {
  const inputs = handoverWithDefaults({ targetResourceId: ids.NSG_WITH_ENABLED_LOG, coveredBy: [covering] });

  it("defaults the bound and validates the NSG, its flow log and the coverage", () => {
    assert.equal(inputs.timeoutMinutes, 20);
    assert.deepEqual(validateHandover(inputs), []);
    assert.deepEqual(validateHandover({ ...inputs, coveredBy: [] }), [], "nothing new to wait for");
    const bad = validateHandover({
      targetResourceId: ids.VNET_WEB,
      flowLogResourceId: ids.NSG_WITH_ENABLED_LOG,
      coveredBy: covering as never,
      coveredByExisting: [ids.SUBNET_APP],
      timeoutMinutes: 0,
    });
    assert.deepEqual(
      bad.map((f) => f.property),
      ["targetResourceId", "flowLogResourceId", "coveredBy", "coveredByExisting", "timeoutMinutes"],
    );
    assert.match(
      bad[0].reason,
      /^targetResourceId: got ".*vnet-web"; expected the ARM ID of a network security group/,
    );
  });

  it("is unchanged by ID casing; replaces for a new NSG; updates for new coverage or a log switched on again", () => {
    const recorded = {
      ...inputs,
      networkWatcherId: ids.WATCHER_WEU,
      nsgFlowLogEnabled: false,
      disabledByMigration: true,
    };
    const shouted = {
      ...inputs,
      coveredBy: [{ ...covering, flowLogResourceId: covering.flowLogResourceId.toUpperCase() }],
    };
    assert.equal(diffHandover(recorded, shouted).changes, false);
    assert.deepEqual(diffHandover(recorded, { ...inputs, targetResourceId: ids.NSG_NEW }).replaces, [
      "targetResourceId",
    ]);
    const unknown = { ...inputs, coveredBy: [{ ...covering, flowLogResourceId: UNKNOWN_PLACEHOLDER }] };
    assert.deepEqual(diffHandover(recorded, unknown).diffs, ["coveredBy"]);
    assert.deepEqual(diffHandover({ ...recorded, nsgFlowLogEnabled: true }, inputs).diffs, [
      "nsgFlowLogEnabled",
    ]);
  });
});
