// Bad values of the peer settings through the real engine: each is rejected at preview, naming the
// field, the value and what is accepted, and Azure receives no write. Each case runs with plain values
// (the component refuses before registering anything) and as Outputs (the provider's check refuses).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "../../components";
import { emulatedStacks } from "../support/emulated-stacks";
import type { TestStack } from "../support/engine";
import { flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

const CORPUS: { what: string; args: Record<string, unknown>; message: RegExp }[] = [
  {
    what: "a filter with brackets",
    args: { enabledFilteringCriteria: "(SrcIP=10.0.0.4 || DstPort=443) && Protocol=TCP" },
    message:
      /enabledFilteringCriteria: got "\(SrcIP=10\.0\.0\.4 .*": brackets are not accepted .*expected conditions "<field>=<value>/,
  },
  {
    what: "a filter over 1000 characters",
    args: { enabledFilteringCriteria: `DstPort=443${" || DstPort=443".repeat(80)}` },
    message:
      /enabledFilteringCriteria: got "DstPort=443 \|\| DstPort=443 [^"]*"…: it is 1211 characters long, over the limit of 1000/,
  },
  {
    what: "a filter on a field Azure does not know",
    args: { enabledFilteringCriteria: "SrcMac=00-11-22" },
    message:
      /enabledFilteringCriteria: got "SrcMac=00-11-22": "SrcMac" in "SrcMac=00-11-22" is not a field Azure filters on/,
  },
  {
    what: "a record type outside B, C, E, D",
    args: { recordTypes: ["B", "X"] },
    message: /recordTypes: got \["B","X"\]; expected a non-empty list of distinct flow states/,
  },
  {
    what: "a comma string of record types with one outside B, C, E, D",
    args: { recordTypes: "B,X" },
    message: /recordTypes: got \["B","X"\]; expected .*, or the same as a comma string, e\.g\. "B,E"/,
  },
  {
    what: "a system-assigned identity",
    args: { identity: "SystemAssigned" },
    message:
      /identity: got "SystemAssigned"; Azure refuses a system-assigned identity on a flow log \(CannotSetResourceIdentity/,
  },
  {
    what: "an identity that is no user-assigned identity",
    args: { identity: ids.STORAGE_WEU_2 },
    message: /identity: got "[^"]*flowlogsweu002"; expected the ARM ID of a user-assigned managed identity/,
  },
  {
    what: "a tag replacing the owner tag",
    args: { tags: { "PULUMI-AZURE-FLOWLOGS-OWNER": "someone-else" } },
    message: /tags: got .*: the tag name "PULUMI-AZURE-FLOWLOGS-OWNER" is reserved/,
  },
  {
    what: "a flowLogName of 81 characters",
    args: { flowLogName: "f".repeat(81) },
    message: /flowLogName: got "f{81}"; expected 1 to 80 characters/,
  },
  {
    what: "an unknown onDestroy",
    args: { onDestroy: "remove" },
    message: /onDestroy: got "remove"; expected "disable" or "delete"/,
  },
  {
    what: "onDestroy delete on an NSG",
    args: { targetResourceId: ids.NSG_WITH_DISABLED_LOG, onDestroy: "delete" },
    message:
      /onDestroy: got "delete", but the target is a network security group\. Azure creates no new NSG flow logs/,
  },
];

function asOutputs(args: Record<string, unknown>): Partial<FlowLogArgs> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, pulumi.output(v)]));
}

describe("peer settings: bad input (engine + emulator)", function () {
  this.timeout(10 * 60_000);
  const azure = emulatedStacks();
  let s: TestStack;
  before(async () => {
    s = await azure.stack(program({}));
  });

  for (const bad of CORPUS) {
    it(`rejects ${bad.what} at preview, writing nothing`, async () => {
      const mark = await azure.probe.requestCount();
      for (const args of [bad.args as Partial<FlowLogArgs>, asOutputs(bad.args)]) {
        s.setProgram(program(args));
        const error = await s.preview().then(
          () => assert.fail("the preview succeeded"),
          (e: Error) => e,
        );
        assert.match(error.message, bad.message);
        await assertNoSecrets(azure.emulator, s, [error]);
      }
      assert.deepEqual(await azure.probe.writesSince(mark), []);
    });
  }
});
