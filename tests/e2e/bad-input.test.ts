// A corpus of bad inputs through the real engine: each is rejected at preview with a message naming
// the field, the value and what is accepted, and Azure receives no write. Every case runs twice: with
// plain values (the component refuses before registering anything) and with the same values as
// Outputs (the provider's check refuses them during preview).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { FlowLogArgs } from "../../components";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

interface BadInput {
  what: string;
  args: Record<string, unknown>;
  message: RegExp;
  /** Only Azure can tell (regions, existence): there is no plain-value check before preview. */
  azureOnly?: boolean;
}

const TARGET_KINDS =
  "expected the ARM ID of a network security group, virtual network, subnet or network interface";

const CORPUS: BadInput[] = [
  {
    what: "a target that is no ARM ID",
    args: { targetResourceId: "vnet-web" },
    message: new RegExp(`targetResourceId: got "vnet-web"; ${TARGET_KINDS}`),
  },
  {
    what: "a target left out",
    args: { targetResourceId: undefined },
    message: new RegExp(`targetResourceId: got nothing; ${TARGET_KINDS}`),
  },
  {
    what: "an empty target",
    args: { targetResourceId: "" },
    message: new RegExp(`targetResourceId: got ""; ${TARGET_KINDS}`),
  },
  {
    what: "a storage account as the target",
    args: { targetResourceId: ids.STORAGE_WEU_2 },
    message: new RegExp(`targetResourceId: got "[^"]*flowlogsweu002"; ${TARGET_KINDS}`),
  },
  {
    what: "a virtual network as the storage account",
    args: { storageAccountId: ids.VNET_API },
    message: /storageAccountId: got "[^"]*vnet-api"; expected the ARM ID of a storage account/,
  },
  {
    what: "enabled as a string",
    args: { enabled: "yes" },
    message: /enabled: got "yes"; expected true or false/,
  },
  {
    what: "negative retention",
    args: { retentionPolicy: { days: -1 } },
    message: /retentionPolicy\.days: got -1; expected a whole number of days from 0 to 365/,
  },
  {
    what: "retention over a year",
    args: { retentionPolicy: { days: 366 } },
    message: /retentionPolicy\.days: got 366; expected a whole number of days from 0 to 365/,
  },
  {
    what: "fractional retention",
    args: { retentionPolicy: { days: 1.5 } },
    message: /retentionPolicy\.days: got 1\.5; expected a whole number/,
  },
  {
    what: "format version 3",
    args: { format: { version: 3 } },
    message: /format\.version: got 3; expected 1 or 2/,
  },
  {
    what: "a CSV format",
    args: { format: { type: "CSV" } },
    message: /format\.type: got "CSV"; expected "JSON"/,
  },
  {
    what: "a zero timeout",
    args: { timeoutMinutes: 0 },
    message: /timeoutMinutes: got 0; expected a whole number of minutes from 1 to 1440/,
  },
  {
    what: "traffic analytics without a workspace",
    args: { trafficAnalytics: { intervalInMinutes: 10 } },
    message:
      /trafficAnalytics\.workspaceResourceId: got nothing; expected the ARM ID of a Log Analytics workspace/,
  },
  {
    what: "a 30-minute analytics interval",
    args: { trafficAnalytics: { workspaceResourceId: ids.WORKSPACE_WEU, intervalInMinutes: 30 } },
    message: /trafficAnalytics\.intervalInMinutes: got 30; expected 10 or 60/,
  },
  {
    what: "a workspace ID that is no GUID",
    args: { trafficAnalytics: { workspaceResourceId: ids.WORKSPACE_WEU, workspaceId: "law-weu" } },
    message: /trafficAnalytics\.workspaceId: got "law-weu"; expected the workspace's GUID/,
  },
  {
    what: "an empty watcher name",
    args: { networkWatcher: { resourceGroupName: "NetworkWatcherRG", name: "" } },
    message: /networkWatcher\.name: got ""; expected a Network Watcher name/,
  },
  {
    what: "a misspelt argument",
    args: { enable: false },
    message: /FlowLog "web": unknown key "enable"; did you mean "enabled"\?/,
  },
  {
    what: "a misspelt key in a nested argument",
    args: { retentionPolicy: { dayz: 7 } },
    message: /retentionPolicy: unknown key "dayz"; did you mean "days"\?/,
  },
  {
    what: "days as config's string",
    args: { retentionPolicy: { days: "7" } },
    message: /retentionPolicy\.days: got "7"; expected a whole number of days from 0 to 365/,
  },
  {
    what: "adoptExisting as config's string",
    args: { adoptExisting: "false" },
    message: /adoptExisting: got "false"; expected true or false/,
  },
  {
    what: "a retention policy that is a number",
    args: { retentionPolicy: 7 },
    message: /retentionPolicy: got 7; expected an object with enabled, days/,
  },
  {
    what: "a storage account in another region",
    args: { targetResourceId: ids.VNET_NEU },
    message: /storageAccountId: \S*flowlogsweu001 is in westeurope, but the target is in northeurope/,
    azureOnly: true,
  },
  {
    what: "a workspace region that is not the workspace's",
    args: { trafficAnalytics: { workspaceResourceId: ids.WORKSPACE_WEU, workspaceRegion: "eastus" } },
    message: /trafficAnalytics\.workspaceRegion: got "eastus", but the workspace is in westeurope/,
    azureOnly: true,
  },
  {
    what: "a target that does not exist",
    args: { targetResourceId: ids.scaleVnet(999) },
    message: /targetResourceId: \S*vnet-scale-999 was not found/,
    azureOnly: true,
  },
  {
    what: "a new NSG flow log",
    args: { targetResourceId: ids.NSG_NEW },
    message: /network security group with no flow log\. Azure no longer creates NSG flow logs/,
    azureOnly: true,
  },
];

/** The same arguments with every value an Output, so nothing is known before the provider's check. */
function asOutputs(args: Record<string, unknown>): Partial<FlowLogArgs> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, pulumi.output(v)]));
}

describe("bad input corpus (engine + emulator)", () => {
  let emulator: RunningEmulator;
  let probe: AzureProbe;
  let s: TestStack;

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
    s = await TestStack.create({ program: program({}), env: providerEnv(emulator) });
  });

  after(async () => {
    await s?.dispose();
    await emulator?.stop();
  });

  for (const bad of CORPUS) {
    it(`rejects ${bad.what} at preview, writing nothing`, async () => {
      const mark = await probe.requestCount();
      const forms = bad.azureOnly
        ? [bad.args as Partial<FlowLogArgs>]
        : [bad.args as Partial<FlowLogArgs>, asOutputs(bad.args)];
      for (const args of forms) {
        s.setProgram(program(args));
        const error = await s.preview().then(
          () => assert.fail("the preview succeeded"),
          (e: Error) => e,
        );
        assert.match(error.message, bad.message);
        await assertNoSecrets(emulator, s, [error]);
      }
      assert.deepEqual(await probe.writesSince(mark), []);
    });
  }

  it('refuses {"enable": false, "retentionPolicy": {"dayz": 7}} from stack config at preview: nothing registered, nothing written', async () => {
    const typo = JSON.stringify({ enable: false, retentionPolicy: { dayz: 7 } });
    const fromConfig = async () => {
      const extra = new pulumi.Config().requireObject<Partial<FlowLogArgs>>("flowLog");
      return program(extra)();
    };
    const configured = await TestStack.create({
      program: fromConfig,
      env: providerEnv(emulator),
      config: { flowLog: { value: typo } },
    });
    try {
      const mark = await probe.requestCount();
      const events: EngineEvent[] = [];
      const error = await configured.stack.preview({ onEvent: (e) => events.push(e) }).then(
        () => assert.fail("the preview succeeded"),
        (e: Error) => e,
      );
      assert.match(error.message, /FlowLog "web": unknown key "enable"; did you mean "enabled"\?/);
      assert.match(
        error.message,
        /FlowLog "web": retentionPolicy: unknown key "dayz"; did you mean "days"\?/,
      );
      const registered = events.flatMap((e) =>
        e.resourcePreEvent ? [e.resourcePreEvent.metadata.type] : [],
      );
      assert.deepEqual(
        registered.filter((type) => type !== "pulumi:pulumi:Stack"),
        [],
      );
      assert.deepEqual(await probe.writesSince(mark), []);
      assert.equal(await probe.requestCount(), mark, "the provider asked Azure something");
    } finally {
      await configured.dispose();
    }
  });

  /** The engine's lines about the FlowLogSettings resource in a failed preview's message. */
  async function problemLines(stack: TestStack): Promise<string[]> {
    const error = await stack.preview().then(
      () => assert.fail("the preview succeeded"),
      (e: Error) => e,
    );
    assert.doesNotMatch(error.message, /^\s+at /m, "a stack trace was printed");
    return error.message.split("\n").filter((line) => line.includes("has a problem"));
  }

  it("names a missing target's long ID once in the check failure", async () => {
    s.setProgram(program({ targetResourceId: ids.scaleVnet(999) }));
    const lines = await problemLines(s);
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.equal(line.split(ids.scaleVnet(999)).length - 1, 1, line);
      assert.doesNotMatch(line, /property targetResourceId value/);
    }
  });

  it("leads a rejected client secret at preview with what to set, in one line, writing nothing", async () => {
    const wrong = await TestStack.create({
      program: program({}),
      env: { ...providerEnv(emulator), AZURE_CLIENT_SECRET: "wrong-secret-value" },
    });
    try {
      const mark = await probe.requestCount();
      const lines = await problemLines(wrong);
      assert.ok(lines.length > 0);
      for (const line of lines) {
        assert.match(
          line,
          /has a problem: Signing in to Azure failed: check ARM_CLIENT_SECRET \(or azure-native:clientSecret\)/,
        );
        assert.match(line, /\(ClientSecretCredential: AADSTS7000215: Invalid client secret provided\.\)$/);
        assert.doesNotMatch(line, /wrong-secret-value|Correlation|Timestamp/);
      }
      assert.deepEqual(await probe.writesSince(mark), []);
    } finally {
      await wrong.dispose();
    }
  });
});
