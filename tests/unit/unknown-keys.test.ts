// Unknown keys and wrong types in arguments are errors a person reads: one line each, naming the
// resource, the key or field, the object it was in, and the nearest known name or what is accepted.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  FlowLog,
  type FlowLogArgs,
  InvalidFlowLogArgsError,
  InvalidMigrationArgsError,
} from "../../components";
import { checkMigrationArgs } from "../../components/nsg-flow-log-migration-args";
import { UNKNOWN_PLACEHOLDER } from "../../components/provider/inputs";
import { NESTED_ARG_KEYS, nearestName, nestedArgProblems } from "../../components/provider/known-keys";
import { installMocks, type Registered, value } from "../support/mocks";
import * as ids from "../support/seed-ids";

const required = { targetResourceId: ids.VNET_WEB, storageAccountId: ids.STORAGE_WEU };

/** The lines of the error a FlowLog with these arguments (as config would hand them over) throws. */
function refusalLines(extra: Record<string, unknown>): string[] {
  try {
    new FlowLog("web", { ...required, ...extra } as FlowLogArgs);
  } catch (e) {
    assert.ok(e instanceof InvalidFlowLogArgsError);
    assert.ok(pulumi.RunError.isInstance(e), "not a RunError: the CLI would print a stack trace");
    return (e as Error).message.split("\n");
  }
  return assert.fail("the arguments were accepted");
}

describe("unknown keys and wrong types in arguments", () => {
  let registered: Registered[] = [];

  before(() => {
    registered = installMocks((args) => ({ id: `${args.name}-id`, state: args.inputs }));
  });

  beforeEach(() => {
    registered.length = 0;
  });

  it("names the nearest known key: a near spelling, another case, a prefix; none when nothing is near", () => {
    const top = ["enabled", "retentionPolicy", "timeoutMinutes"];
    assert.equal(nearestName("enable", top), "enabled");
    assert.equal(nearestName("Enabled", top), "enabled");
    assert.equal(nearestName("retention", top), "retentionPolicy");
    assert.equal(nearestName("timeoutMins", top), "timeoutMinutes");
    assert.equal(nearestName("dayz", NESTED_ARG_KEYS.retentionPolicy), "days");
    assert.equal(nearestName("interval", NESTED_ARG_KEYS.trafficAnalytics), "intervalInMinutes");
    assert.equal(nearestName("colour", top), undefined);
  });

  it('refuses {"enable": false, "retentionPolicy": {"dayz": 7}} before registering anything, one line per key', () => {
    assert.deepEqual(refusalLines({ enable: false, retentionPolicy: { dayz: 7 } }), [
      'FlowLog "web": unknown key "enable"; did you mean "enabled"?',
      'FlowLog "web": retentionPolicy: unknown key "dayz"; did you mean "days"?',
    ]);
    assert.deepEqual(registered, []);
  });

  it("lists the keys an object takes when no known one is near", () => {
    assert.deepEqual(refusalLines({ networkWatcher: { group: "NetworkWatcherRG", name: "nw" } }), [
      'FlowLog "web": networkWatcher: unknown key "group"; expected only resourceGroupName, name.',
      'FlowLog "web": networkWatcher.resourceGroupName: got nothing; expected a resource group name, usually "NetworkWatcherRG".',
    ]);
  });

  it("refuses config's strings for booleans and numbers instead of coercing them", () => {
    const lines = refusalLines({
      enabled: "false",
      adoptExisting: "false",
      timeoutMinutes: "20",
      retentionPolicy: { days: "7" },
      format: { version: "2" },
    });
    assert.deepEqual(lines, [
      'FlowLog "web": enabled: got "false"; expected true or false.',
      'FlowLog "web": adoptExisting: got "false"; expected true or false.',
      'FlowLog "web": retentionPolicy.days: got "7"; expected a whole number of days from 0 to 365 (0 keeps the logs forever).',
      'FlowLog "web": format.version: got "2"; expected 1 or 2 (version 2 adds flow state, bytes and packets).',
      'FlowLog "web": timeoutMinutes: got "20"; expected a whole number of minutes from 1 to 1440.',
    ]);
  });

  it("refuses a nested argument that is no object once, without field-by-field echoes", () => {
    assert.deepEqual(refusalLines({ retentionPolicy: 7, trafficAnalytics: "on" }), [
      'FlowLog "web": retentionPolicy: got 7; expected an object with enabled, days.',
      'FlowLog "web": trafficAnalytics: got "on"; expected an object with enabled, workspaceResourceId, workspaceId, workspaceRegion, intervalInMinutes.',
    ]);
  });

  it("leaves a nested object that is still an Output to the provider's check, which refuses its unknown keys", async () => {
    const log = new FlowLog("later", {
      ...required,
      retentionPolicy: pulumi.output({ dayz: 7 } as { days?: number }),
    });
    await value(log.enabled);
    assert.equal(registered.length, 2);
    const resolved = registered.find((r) => r.type.endsWith("FlowLogSettings"))!.inputs;
    assert.deepEqual(
      nestedArgProblems(resolved).map((f) => f.reason),
      ['retentionPolicy: unknown key "dayz"; did you mean "days"?'],
    );
    // During preview the engine's placeholder stands for values not known yet: nothing to check.
    assert.deepEqual(
      nestedArgProblems({ retentionPolicy: UNKNOWN_PLACEHOLDER, format: { type: "JSON" } }),
      [],
    );
  });

  it("keeps tags free-form", () => {
    const log = new FlowLog("tagged", { ...required, tags: { "any-name": "v", enable: "x" } });
    assert.ok(log);
  });

  it("refuses unknown keys of NsgFlowLogMigration, its entries and their FlowLog arguments, before registering", () => {
    const plan = {
      flowLogs: [
        {
          name: "web",
          args: { ...required, enable: true },
          covers: [ids.NIC_WEB],
          reason: "the plan's note",
        },
      ],
      nsgFlowLogs: [{ targetResourceId: ids.NSG_WITH_ENABLED_LOG, afterr: ["web"], reason: "note" }],
      timeoutMinute: 5,
    };
    let message = "";
    try {
      checkMigrationArgs("move", plan as never);
    } catch (e) {
      assert.ok(e instanceof InvalidMigrationArgsError);
      assert.ok(pulumi.RunError.isInstance(e));
      message = (e as Error).message;
    }
    assert.deepEqual(message.split("\n"), [
      'NsgFlowLogMigration "move": unknown key "timeoutMinute"; did you mean "timeoutMinutes"?',
      'NsgFlowLogMigration "move": flowLogs[0].args: unknown key "enable"; did you mean "enabled"?',
      'NsgFlowLogMigration "move": nsgFlowLogs[0]: unknown key "afterr"; did you mean "after"?',
      'NsgFlowLogMigration "move": nsgFlowLogs[0].after: got nothing; expected an array of flowLogs names ([] when nothing new covers the NSG).',
    ]);
  });

  it("checks the FlowLog arguments of a migration's entries before the migration registers", () => {
    assert.throws(
      () =>
        checkMigrationArgs("move", {
          flowLogs: [
            { name: "web", args: { ...required, retentionPolicy: { days: "7" as unknown as number } } },
          ],
          nsgFlowLogs: [],
          timeoutMinutes: "20" as unknown as number,
        }),
      (e: Error) => {
        assert.deepEqual(e.message.split("\n"), [
          'NsgFlowLogMigration "move": flowLogs[0].args.retentionPolicy.days: got "7"; expected a whole number of days from 0 to 365 (0 keeps the logs forever).',
          'NsgFlowLogMigration "move": timeoutMinutes: got "20"; expected a whole number of minutes from 1 to 1440.',
        ]);
        return true;
      },
    );
  });
});
