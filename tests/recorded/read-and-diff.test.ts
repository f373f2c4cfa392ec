// Real Azure answers (fixtures/, see SOURCES.md) through the provider's read and diff path: the state a
// refresh records from each answer, and that neither a preview nor a second read sees drift in it.
import * as assert from "node:assert/strict";
import { normalizeFlowLog, type WireFlowLog } from "../../components/azure/normalize";
import type { FlowLogState } from "../../components/azure/types";
import { diffFlowLog } from "../../components/provider/diff";
import { type FlowLogInputs, type FlowLogOutputs, withDefaults } from "../../components/provider/inputs";
import { toOutputs } from "../../components/provider/translate";
import { allRecordings, flowLogAnswers, type Recording, recording } from "./recordings";

type Wire = WireFlowLog & { name?: string };

function watcherOf(wire: Wire) {
  return { id: String(wire.id).replace(/\/flowLogs\/[^/]+$/i, "") };
}

/** What `read` records from an answer, given the state before it (the provider's read, without HTTP). */
function refresh(state: FlowLogOutputs, wire: Wire): FlowLogOutputs {
  const inputs = withDefaults(state as unknown as Record<string, unknown>);
  return toOutputs(inputs, watcherOf(wire), normalizeFlowLog(wire), String(wire.id));
}

/**
 * Create records the PUT's answer; refresh reads the next answers twice each. Every step: the program
 * sees no change in preview, and the second read of an answer records exactly what the first did.
 */
function assertNoDrift(program: FlowLogInputs, answers: Wire[]): FlowLogOutputs {
  let state = toOutputs(program, watcherOf(answers[0]), normalizeFlowLog(answers[0]), String(answers[0].id));
  assert.deepEqual(diffFlowLog(state, program).diffs, [], "preview after create");
  for (const wire of answers.slice(1)) {
    const first = refresh(state, wire);
    assert.deepEqual(diffFlowLog(first, program).diffs, [], `preview after reading ${wire.name}`);
    assert.deepEqual(refresh(first, wire), first, "a second read changed the state");
    state = first;
  }
  return state;
}

function answersOf(rec: Recording, name: string): Wire[] {
  return flowLogAnswers(rec)
    .map((a) => a.wire)
    .filter((w) => w.name === name);
}

/** The settings a read is about (what drift would be made of), without IDs that only identify. */
function settings(state: FlowLogState) {
  const { flowLogResourceId: _id, targetResourceGuid: _guid, location: _location, ...rest } = state;
  return rest;
}

describe("recorded answers of real Azure: read and diff", () => {
  it("keeps every fixture's source, commit and date, and only flow-log exchanges", () => {
    const recordings = allRecordings();
    assert.ok(recordings.length >= 3);
    for (const rec of recordings) {
      assert.match(rec.source.repository, /^Azure\/azure-(cli|powershell)$/, rec.file);
      assert.match(rec.source.commit, /^[0-9a-f]{40}$/, rec.file);
      assert.match(rec.source.recorded, /^\d{4}-\d{2}-\d{2}$/, rec.file);
      for (const { request } of rec.exchanges)
        assert.match(
          request.path,
          /\/(flowLogs|operations|operationResults)\b/i,
          `${rec.file}: ${request.path}`,
        );
      const text = JSON.stringify(rec);
      assert.doesNotMatch(
        text,
        /eyJ[A-Za-z0-9_-]{10,}\.|[?&](c|s|h)=[^&"]{20,}/,
        `${rec.file} holds a token`,
      );
    }
  });

  describe("VNet flow log with a user-assigned identity (PowerShell, 2024-07, API 2024-01-01)", () => {
    const rec = recording("powershell-2024-07-vnet-user-assigned-identity.json");
    const [created, read] = answersOf(rec, "psnrp5673");
    const identity = Object.keys(created.identity?.userAssignedIdentities ?? {})[0];
    // The program spells the identity as ARM's canonical ID does; Azure echoes the casing PowerShell sent.
    const program = withDefaults({
      targetResourceId: created.targetResourceId,
      storageAccountId: created.storageId,
      identity: identity.replace("/resourcegroups/", "/resourceGroups/"),
    });

    it("reads `userAssigned` as the identity it is, in the 201 (empty principalId) and in the GET", () => {
      assert.equal(created.identity?.type, "userAssigned");
      assert.match(identity, /\/resourcegroups\//);
      for (const wire of [created, read])
        assert.equal(normalizeFlowLog(wire).userAssignedIdentityId, identity);
    });

    it("reads FlowLogJSON as JSON version 2, `{}` analytics as none and the empty filter as none", () => {
      assert.deepEqual(settings(normalizeFlowLog(read)), {
        targetResourceId: created.targetResourceId,
        storageId: created.storageId,
        enabled: true,
        retentionPolicy: { days: 0, enabled: false },
        format: { type: "JSON", version: 2 },
        userAssignedIdentityId: identity,
        provisioningState: "Succeeded",
      });
      assert.equal(normalizeFlowLog(created).provisioningState, "Updating");
    });

    it("shows no drift after create, refresh, or a second refresh", () => {
      const state = assertNoDrift(program, [created, read]);
      assert.equal(state.identity, program.identity, "the program's casing is kept");
    });
  });

  describe("VNet flow log with record types (PowerShell, 2025-11, API 2025-03-01)", () => {
    const rec = recording("powershell-2025-11-vnet-record-types.json");
    const [before, after] = answersOf(rec, "psnrp4398");
    const program = withDefaults({
      targetResourceId: before.targetResourceId,
      storageAccountId: before.storageId,
      recordTypes: ["B", "E"],
    });

    it('reads enabledFilteringCriteria "" as no filter, and FlowLogJSON and JSON alike', () => {
      assert.equal(before.enabledFilteringCriteria, "");
      assert.deepEqual(
        [before, after].map((w) => {
          const s = normalizeFlowLog(w);
          return [s.enabled, s.format, s.recordTypes, s.enabledFilteringCriteria, s.trafficAnalytics];
        }),
        [
          [true, { type: "JSON", version: 2 }, ["B", "E"], undefined, undefined],
          [false, { type: "JSON", version: 2 }, ["B", "E"], undefined, undefined],
        ],
      );
    });

    it("shows no drift for the program that made it, and only `enabled` after the out-of-band disable", () => {
      assertNoDrift(program, [before, before]);
      const state = toOutputs(program, watcherOf(before), normalizeFlowLog(before), String(before.id));
      assert.deepEqual(diffFlowLog(refresh(state, after), program).diffs, ["enabled"]);
      assertNoDrift({ ...program, enabled: false }, [after, after]);
    });
  });

  describe("subnet, then NIC, flow log with traffic analytics (azure-cli, 2022-08, API 2022-01-01)", () => {
    const rec = recording("azure-cli-2022-08-subnet-and-nic-traffic-analytics.json");
    const answers = answersOf(rec, "flow_log_test");
    const workspace = String(
      answers[0].flowAnalyticsConfiguration?.networkWatcherFlowAnalyticsConfiguration?.workspaceResourceId,
    );
    const programFor = (targetResourceId: string | undefined) =>
      withDefaults({
        targetResourceId,
        storageAccountId: answers[0].storageId,
        format: { version: 1 },
        // ARM's canonical casing; the CLI sent, and Azure echoes, an all-lower-case workspace ID.
        trafficAnalytics: {
          enabled: false,
          workspaceResourceId: workspace
            .replace("/resourcegroups/", "/resourceGroups/")
            .replace("microsoft.operationalinsights", "Microsoft.OperationalInsights"),
          intervalInMinutes: 60,
        },
      });

    it("reads traffic analytics answered `enabled: false` with its workspace fields kept", () => {
      assert.deepEqual(normalizeFlowLog(answers[0]).trafficAnalytics, {
        enabled: false,
        workspaceId: "1aba80d6-341f-46fd-8b08-f63e5a17c22e",
        workspaceRegion: "eastus",
        workspaceResourceId: workspace,
        intervalInMinutes: 60,
      });
    });

    it("shows no drift for the subnet's answers (PUT 200, GET, list) nor the NIC's, casing aside", () => {
      const subnet = answers.filter((w) => /\/subnets\//.test(String(w.targetResourceId)));
      const nic = answers.filter((w) => /\/networkInterfaces\//.test(String(w.targetResourceId)));
      assert.deepEqual([subnet.length, nic.length], [3, 2]);
      for (const [target, seen] of [
        [subnet[0].targetResourceId, subnet],
        [nic[0].targetResourceId, nic],
      ] as const) {
        const state = assertNoDrift(programFor(target), seen);
        assert.equal(
          state.trafficAnalytics?.workspaceResourceId,
          programFor(target).trafficAnalytics?.workspaceResourceId,
        );
      }
    });

    it("records a leftover in provisioning state Failed as Failed, with no drift in its settings", () => {
      const [leftover] = answersOf(rec, "flow_log_test2");
      const live = normalizeFlowLog(leftover);
      assert.equal(live.provisioningState, "Failed");
      const program = withDefaults({
        targetResourceId: live.targetResourceId,
        storageAccountId: live.storageId,
        retentionPolicy: { days: 2 },
        format: { version: 1 },
        tags: { foo: "bar" },
        trafficAnalytics: { enabled: false, workspaceResourceId: live.trafficAnalytics?.workspaceResourceId },
      });
      const state = toOutputs(program, watcherOf(leftover), live, String(leftover.id));
      assert.equal(state.provisioningState, "Failed");
      assert.deepEqual(diffFlowLog(state, program).diffs, []);
    });
  });
});
