// The settings the peer tools expose: preview-time validation, diff and refresh, as pure functions.
import * as assert from "node:assert/strict";
import { checkArgs } from "../../components/check-args";
import { diffFlowLog } from "../../components/provider/diff";
import { filterProblem } from "../../components/provider/filtering-criteria";
import {
  defaultOnDestroy,
  type FlowLogOutputs,
  recordedOnDestroy,
  UNKNOWN_PLACEHOLDER,
  withDefaults,
} from "../../components/provider/inputs";
import { replacementNeedsDelete } from "../../components/provider/replacement";
import { liveInputs, tagsToWrite, toConfig } from "../../components/provider/translate";
import { validateInputs } from "../../components/provider/validate";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers";
const VNET = `${SUB}/Microsoft.Network/virtualNetworks/vnet-web`;
const NSG = `${SUB}/Microsoft.Network/networkSecurityGroups/nsg-web`;
const STORAGE = `${SUB}/Microsoft.Storage/storageAccounts/flowlogsweu`;
const IDENTITY = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/id-flowlogs`;
const WATCHER = `${SUB}/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;

function reasons(raw: Record<string, unknown>): string[] {
  return validateInputs(withDefaults({ targetResourceId: VNET, storageAccountId: STORAGE, ...raw })).map(
    (f) => f.reason,
  );
}

function recorded(extra: Record<string, unknown> = {}): FlowLogOutputs {
  return {
    ...withDefaults({ targetResourceId: VNET, storageAccountId: STORAGE, onDestroy: "delete", ...extra }),
    networkWatcherId: WATCHER,
    flowLogResourceId: `${WATCHER}/flowLogs/Microsoft.Networkrg-netvnet-web`,
    provisioningState: "Succeeded",
  };
}

describe("enabledFilteringCriteria", () => {
  it("accepts Microsoft's examples and lists of values, ranges and CIDR blocks", () => {
    for (const ok of [
      "srcIP=158.255.7.8 || dstPort=56891",
      "dstip=20.252.145.59 || DstPort=443",
      "SrcIP=10.0.0.0/24,10.1.0.4 && DstPort=80-443 && Protocol=TCP || Direction=Inbound",
      "DstIP=fe80::1 && Action=Deny",
      // Azure's own "no filter": what it answers for a flow log made without one (recorded, 2024 and 2025).
      "",
    ]) {
      assert.equal(filterProblem(ok), undefined, ok);
    }
  });

  it("refuses brackets, over-long text, unknown fields and bad values, saying which", () => {
    assert.match(filterProblem("(SrcIP=10.0.0.4 || DstPort=443) && Protocol=TCP") ?? "", /brackets/);
    assert.match(
      filterProblem(`SrcIP=10.0.0.4${" || DstPort=443".repeat(80)}`) ?? "",
      /over the limit of 1000/,
    );
    assert.match(filterProblem("SrcMac=00-11") ?? "", /"SrcMac" .* not a field/);
    assert.match(filterProblem("DstPort=70000") ?? "", /"70000" .* not a port/);
    assert.match(filterProblem("SrcIP=10.0.0.300") ?? "", /not an IP address/);
    assert.match(filterProblem("SrcIP=10.0.0.4 ||") ?? "", /condition is missing/);
    assert.match(filterProblem("  ") ?? "", /only white space/);
  });

  it("fails at preview naming the field, the value and the grammar", () => {
    const [reason] = reasons({ enabledFilteringCriteria: "(DstPort=443)" });
    assert.match(
      reason,
      /^enabledFilteringCriteria: got "\(DstPort=443\)": brackets are not accepted .*; expected conditions "<field>=<value>/,
    );
    assert.match(reason, /at most 1000 characters/);
  });
});

describe("recordTypes, identity, tags, flowLogName and onDestroy at preview", () => {
  it("accepts good values", () => {
    assert.deepEqual(
      reasons({
        enabledFilteringCriteria: "DstPort=443",
        recordTypes: ["B", "E"],
        identity: IDENTITY,
        tags: { team: "network" },
        flowLogName: "fl-vnet-web",
        onDestroy: "disable",
      }),
      [],
    );
    assert.deepEqual(reasons({ identity: "none" }), []);
    assert.deepEqual(reasons({ targetResourceId: NSG, onDestroy: "disable" }), []);
  });

  it("refuses record types outside B, C, E, D, duplicates and an empty list", () => {
    for (const bad of [["X"], ["B", "B"], [], "B,X", "B,B"]) {
      const [reason] = reasons({ recordTypes: bad });
      assert.match(
        reason,
        /^recordTypes: got .*; expected a non-empty list of distinct flow states from "B" \(begin\)/,
      );
    }
  });

  it("takes the Azure CLI's comma form of record types", () => {
    assert.deepEqual(reasons({ recordTypes: "B,E" }), []);
  });

  it("refuses a system-assigned identity with Azure's reason, and IDs of other things", () => {
    const [system] = reasons({ identity: "SystemAssigned" });
    assert.match(
      system,
      /^identity: got "SystemAssigned"; Azure refuses a system-assigned identity .*CannotSetResourceIdentity/,
    );
    const [other] = reasons({ identity: STORAGE });
    assert.match(
      other,
      /^identity: got ".*flowlogsweu"; expected the ARM ID of a user-assigned managed identity .* or "none"/,
    );
  });

  it("keeps the owner tag: no tag may take its name, in any case; Azure's tag limits hold", () => {
    const [owner] = reasons({ tags: { "Pulumi-Azure-Flowlogs-Owner": "me" } });
    assert.match(owner, /^tags: got .*: the tag name "Pulumi-Azure-Flowlogs-Owner" is reserved/);
    assert.match(reasons({ tags: { "a/b": "x" } })[0], /tag name "a\/b" is not 1 to 512 characters/);
    assert.match(reasons({ tags: { a: "x".repeat(257) } })[0], /value of tag "a".* at most 256/);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "x"]));
    assert.match(reasons({ tags: many })[0], /50 tags; .* at most 49/);
  });

  it("bounds flowLogName as azurerm does, and refuses it on an NSG", () => {
    assert.match(
      reasons({ flowLogName: "x".repeat(81) })[0],
      /^flowLogName: got "x{81}"; expected 1 to 80 characters/,
    );
    assert.match(reasons({ flowLogName: "-fl" })[0], /^flowLogName: got "-fl"/);
    assert.match(
      reasons({ targetResourceId: NSG, flowLogName: "fl" })[0],
      /^flowLogName: got "fl", but the target is a network security group/,
    );
  });

  it("defaults onDestroy by target kind and refuses delete on an NSG with the reason", () => {
    assert.equal(defaultOnDestroy(VNET), "delete");
    assert.equal(defaultOnDestroy(`${VNET}/subnets/app`), "delete");
    assert.equal(defaultOnDestroy(NSG), "disable");
    assert.equal(defaultOnDestroy(UNKNOWN_PLACEHOLDER), undefined);
    // Recorded by a release before onDestroy, which always disabled.
    assert.equal(recordedOnDestroy(withDefaults({ targetResourceId: VNET })), "disable");
    assert.match(
      reasons({ onDestroy: "remove" })[0],
      /^onDestroy: got "remove"; expected "disable" or "delete"/,
    );
    assert.match(
      reasons({ targetResourceId: NSG, onDestroy: "delete" })[0],
      /^onDestroy: got "delete", but the target is a network security group\. Azure creates no new NSG flow logs .* could never come back/,
    );
  });

  it("fails before registering anything when the values are plain, leaving Outputs for the provider", () => {
    assert.throws(
      () =>
        checkArgs("web", {
          targetResourceId: VNET,
          storageAccountId: STORAGE,
          recordTypes: ["B", "X" as "B"],
        }),
      /FlowLog "web": recordTypes: got \["B","X"\]/,
    );
  });
});

describe("diff and refresh of the peer settings", () => {
  it("updates in place for the filter, record types, identity and tags; onDestroy only in state", () => {
    const next = withDefaults({
      targetResourceId: VNET,
      storageAccountId: STORAGE,
      enabledFilteringCriteria: "DstPort=443",
      recordTypes: ["E", "B"],
      identity: IDENTITY,
      tags: { team: "network" },
      onDestroy: "disable",
    });
    const result = diffFlowLog(recorded(), next);
    assert.deepEqual(result.diffs, [
      "enabledFilteringCriteria",
      "recordTypes",
      "identity",
      "tags",
      "onDestroy",
    ]);
    assert.deepEqual(result.replaces, []);
    const same = recorded({ ...next, recordTypes: ["B", "E"], identity: IDENTITY.toUpperCase() });
    assert.equal(diffFlowLog(same, next).changes, false, "order of record types and ID casing are no change");
    assert.equal(diffFlowLog(recorded({ identity: "none" }), withDefaults({ ...recorded() })).changes, false);
  });

  it("replaces on a new flowLogName, deleting the old one first (one flow log per target)", () => {
    const result = diffFlowLog(recorded(), withDefaults({ ...recorded(), flowLogName: "fl-new" }));
    assert.deepEqual(result.replaces, ["flowLogName"]);
    assert.equal(result.deleteBeforeReplace, true);
    const stated = withDefaults({ ...recorded(), flowLogName: "microsoft.networkrg-netvnet-web" });
    assert.equal(
      diffFlowLog(recorded(), stated).changes,
      false,
      "naming the flow log as it is called is no change",
    );
  });

  it("a new target makes the new flow log first, unless it would reuse the old one's name", () => {
    const api = `${SUB}/Microsoft.Network/virtualNetworks/vnet-api`;
    assert.equal(
      diffFlowLog(recorded(), withDefaults({ ...recorded(), targetResourceId: api })).deleteBeforeReplace,
      false,
    );
    const named = recorded({ flowLogName: "fl" });
    named.flowLogResourceId = `${WATCHER}/flowLogs/fl`;
    assert.equal(
      diffFlowLog(named, withDefaults({ ...named, targetResourceId: api })).deleteBeforeReplace,
      true,
    );
  });

  it("refuses at preview a replacement that must delete the old flow log while onDestroy says disable", () => {
    const olds = withDefaults({ targetResourceId: VNET, storageAccountId: STORAGE, onDestroy: "disable" });
    const refusal = replacementNeedsDelete(olds, withDefaults({ ...olds, flowLogName: "fl-new" }));
    assert.match(
      refusal?.reason ?? "",
      /^onDestroy: this change replaces the flow log \(flowLogName\).*Set onDestroy: "delete" and run `pulumi up` first/,
    );
    assert.equal(
      replacementNeedsDelete(
        withDefaults({ ...olds, onDestroy: "delete" }),
        withDefaults({ ...olds, flowLogName: "x" }),
      ),
      undefined,
    );
  });

  it("refresh records what Azure has; tags only when the program sets them, less the owner tag", () => {
    const inputs = withDefaults({
      targetResourceId: VNET,
      storageAccountId: STORAGE,
      tags: { team: "network" },
      identity: IDENTITY,
    });
    const live = {
      ...toConfig(inputs),
      enabledFilteringCriteria: "SrcIP=10.0.0.4",
      recordTypes: ["D" as const],
      userAssignedIdentityId: undefined,
      tags: { team: "security", "pulumi-azure-flowlogs-owner": "abc" },
    };
    const refreshed = liveInputs(inputs, live);
    assert.equal(refreshed.enabledFilteringCriteria, "SrcIP=10.0.0.4");
    assert.deepEqual(refreshed.recordTypes, ["D"]);
    assert.equal(refreshed.identity, "none");
    assert.deepEqual(refreshed.tags, { team: "security" });
    const { tags: _t, ...untagged } = inputs;
    assert.equal(
      liveInputs(untagged, live).tags,
      undefined,
      "tags the program never set are not its to show",
    );
  });

  it("dropping the tags argument removes the tags it had set and keeps the others", () => {
    const next = withDefaults({ targetResourceId: VNET, storageAccountId: STORAGE });
    const live = { tags: { team: "network", costCenter: "42", "pulumi-azure-flowlogs-owner": "abc" } };
    assert.deepEqual(tagsToWrite(next, { tags: { team: "network" } }, live), {
      costCenter: "42",
      "pulumi-azure-flowlogs-owner": "abc",
    });
    assert.equal(tagsToWrite(next, {}, live), undefined);
  });
});
