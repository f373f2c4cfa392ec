// Who may change a flow log, through the real engine: one FlowLog per target in a program, the owner tag
// on update and destroy, namesake stacks in different backends (refused unless adopted on purpose), and a
// flow log replaced behind the stack's back. Each case checks what Azure received, not just what the engine said.
import * as assert from "node:assert/strict";
import { FlowLog } from "../../components";
import { OWNER_TAG } from "../../components/azure";
import { emulatedStacks, failureOf, settingsIn } from "../support/emulated-stacks";
import { stackOutput } from "../support/engine";
import { flowLogProgram as program } from "../support/flow-log-program";
import { assertNoSecrets } from "../support/no-secrets";
import * as ids from "../support/seed-ids";

describe("ownership (engine + emulator)", function () {
  // Several engine runs per case; a busy machine makes each slower, never wrong.
  this.timeout(10 * 60_000);
  // Operations take a moment, as Azure's do: time enough for two creates to read before either commits.
  const azure = emulatedStacks({ latency: { responseMs: 0, operationMs: 1500, retryAfterSeconds: 1 } });
  const stack = (program: () => Promise<unknown>, projectName?: string) =>
    azure.stack(program, projectName ? { projectName } : {});

  async function ownerTagOf(target: string): Promise<string | undefined> {
    const live = await azure.probe.flowLogOf(target);
    return live && (await azure.emulator.admin.getResource(live.id)).tags?.[OWNER_TAG];
  }

  it("two FlowLogs on one target in one program: refused at preview, naming the other, when both targets are known", async () => {
    const target = ids.scaleVnet(151);
    const s = await stack(async () => {
      for (const name of ["first", "second"])
        new FlowLog(name, { targetResourceId: target, storageAccountId: ids.STORAGE_WEU });
    });
    const mark = await azure.probe.requestCount();
    const refused = await failureOf(s.preview(), "the preview accepted two FlowLogs on one target");
    assert.match(
      refused.message,
      /targetResourceId: \S*vnet-scale-151 is also the target of FlowLog "(first|second)" \(urn:pulumi:\S+\) in this program/,
    );
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    assert.equal(await azure.probe.flowLogOf(target), undefined);
    await assertNoSecrets(azure.emulator, s, [refused]);
  });

  it("two FlowLogs on one target in one program: unknown at preview, one is refused at up, naming the other, and nothing of it is applied", async () => {
    const target = ids.scaleVnet(152);
    const s = await stack(async () => {
      const anchor = new FlowLog("anchor", {
        targetResourceId: ids.scaleVnet(156),
        storageAccountId: ids.STORAGE_WEU,
      });
      // Both targets are known only once the anchor exists, and then both creates run side by side.
      for (const [name, days] of [
        ["first", 0],
        ["second", 9],
      ] as const)
        new FlowLog(name, {
          targetResourceId: anchor.flowLogResourceId.apply(() => target),
          storageAccountId: ids.STORAGE_WEU,
          retentionPolicy: { days },
        });
    });
    const preview = await s.preview();
    assert.equal(preview.result.changeSummary.create, 7);
    const refused = await failureOf(s.up(), "two FlowLogs on one target were both applied");
    assert.match(
      refused.message,
      /also the target of FlowLog "(first|second)" \(urn:pulumi:\S+\) in this program/,
    );
    // The engine may stop before the other's create once one failed; a second up finishes it.
    const again = await failureOf(s.up(), "the second up applied both FlowLogs");
    const recorded = settingsIn(await s.state());
    const names = recorded.map((r) => r.urn.split("::").pop());
    const winner = names.find((n) => n !== "anchor");
    assert.deepEqual(names.sort(), ["anchor", winner].sort());
    assert.ok(winner === "first" || winner === "second");
    // The one in state keeps it. Which refusal the other meets depends on the order the engine checks
    // them in: the claim of the one in state when it is checked first, else preview's read of Azure,
    // which finds the target's flow log tagged for the one in state.
    assert.match(
      again.message,
      new RegExp(`also the target of FlowLog "${winner}"|tagged as managed by another Pulumi resource`),
      "the one in state keeps it",
    );
    const writes = (await azure.emulator.admin.requests({ operation: "flowLogs.put" })).filter((r) =>
      r.path.includes("vnet-scale-152"),
    );
    assert.equal(writes.length, 1, "one write to the target, the winner's: no flip-flop");
    const live = await azure.probe.flowLogOf(target);
    assert.deepEqual([live?.enabled, live?.retentionPolicy.days], [true, winner === "first" ? 0 : 9]);
    const winnerOwner = recorded.find((r) => r.urn.endsWith(`::${winner}`))?.outputs?.ownerId;
    assert.equal(await ownerTagOf(target), winnerOwner);
    await assertNoSecrets(azure.emulator, s, [refused, again]);
  });

  it("owner tag honoured on update: a flow log another stack adopted is neither changed nor re-tagged, and refresh shows the move", async () => {
    const target = ids.scaleVnet(153);
    const a = await stack(program({ targetResourceId: target }), "team-a");
    await a.up();
    const b = await stack(program({ targetResourceId: target, adoptExisting: true }), "team-b");
    await b.up();
    const bOwner = settingsIn(await b.state())[0].outputs?.ownerId;
    assert.equal(await ownerTagOf(target), bOwner, "stack B adopted the flow log");

    a.setProgram(program({ targetResourceId: target, enabled: false }));
    const mark = await azure.probe.requestCount();
    const refused = await failureOf(a.up(), "stack A changed a flow log stack B manages");
    assert.match(refused.message, /now managed by another Pulumi resource.*Nothing was changed/s);
    assert.doesNotMatch(refused.message, /Azure request failed|RequestFailed/);
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    assert.equal((await azure.probe.flowLogOf(target))?.enabled, true);
    assert.equal(await ownerTagOf(target), bOwner);

    const refreshed = await a.refresh();
    assert.equal(refreshed.result.summary.resourceChanges?.update, 1);
    assert.equal(settingsIn(await a.state())[0].outputs?.foreignOwnerId, bOwner);
    // Until the program decides, the next preview refuses it, as an up would.
    const previewed = await failureOf(a.preview(), "the preview accepted an update up refuses");
    assert.match(previewed.message, /now managed by another Pulumi resource.*Nothing was changed/s);

    // A leaves; its destroy leaves B's flow log alone.
    await a.destroy();
    assert.equal((await azure.probe.flowLogOf(target))?.enabled, true);
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    await assertNoSecrets(azure.emulator, a, [refused, refreshed, previewed]);
  });

  it("a namesake stack in another backend takes over: it is refused at preview and at up, naming both causes, and writes nothing", async () => {
    const target = ids.scaleVnet(157);
    // Same project, stack and resource names, different backends: the URNs are equal.
    const team = await stack(program({ targetResourceId: target }));
    await team.up();
    const teamOwner = await ownerTagOf(target);
    const local = await stack(program({ targetResourceId: target, retentionPolicy: { days: 2 } }));
    const mark = await azure.probe.requestCount();
    const namesake =
      /this one's project, stack and name but another owner ID .*a stack of the same name in another backend manages it, or this stack lost it from state \(a `pulumi up` killed.*set `adoptExisting: true`/s;
    const previewed = await failureOf(local.preview(), "the namesake's preview accepted the takeover");
    assert.match(previewed.message, namesake);
    const refused = await failureOf(local.up(), "the namesake took the flow log over");
    assert.match(refused.message, namesake);
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    assert.equal(await ownerTagOf(target), teamOwner);
    assert.equal((await azure.probe.flowLogOf(target))?.retentionPolicy.days, 0);
    // Its destroy has nothing of the flow log in state; the owner's update and destroy go on as before.
    await local.destroy();
    team.setProgram(program({ targetResourceId: target, retentionPolicy: { days: 3 } }));
    await team.up();
    assert.equal((await azure.probe.flowLogOf(target))?.retentionPolicy.days, 3);
    await team.destroy();
    assert.equal(await azure.probe.flowLogOf(target), undefined);
    await assertNoSecrets(azure.emulator, local, [previewed, refused]);
  });

  it("owner identity differs across backends: a namesake that adopted on purpose keeps it, and the other's destroy never disables it", async () => {
    const target = ids.scaleVnet(154);
    const team = await stack(program({ targetResourceId: target }));
    await team.up();
    const local = await stack(program({ targetResourceId: target, adoptExisting: true }));
    await local.up();
    const [teamState, localState] = [settingsIn(await team.state())[0], settingsIn(await local.state())[0]];
    assert.equal(teamState.urn, localState.urn);
    assert.notEqual(teamState.outputs?.ownerId, localState.outputs?.ownerId);
    assert.equal(await ownerTagOf(target), localState.outputs?.ownerId);

    const mark = await azure.probe.requestCount();
    const destroyed = await team.destroy();
    assert.equal((await azure.probe.flowLogOf(target))?.enabled, true, "the namesake's destroy disabled it");
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    await local.destroy();
    assert.equal(await azure.probe.flowLogOf(target), undefined, "its owner's destroy deletes it");
    await assertNoSecrets(azure.emulator, team, [destroyed]);
  });

  it("refresh keeps no stale flow-log ID: a different flow log on the target is not ours, so ours is reported gone", async () => {
    const target = ids.scaleVnet(155);
    const s = await stack(program({ targetResourceId: target }));
    const up = await s.up();
    const ours = String(stackOutput(up, "flowLogId"));
    await azure.emulator.admin.deleteResource(ours);
    // Someone makes another flow log for the target in the portal: enabled, untagged, another name.
    const portalMade = `${ids.WATCHER_WEU}/flowLogs/made-in-portal`;
    await azure.emulator.admin.putResource(portalMade, {
      location: "westeurope",
      properties: {
        targetResourceId: target,
        storageId: ids.STORAGE_WEU_2,
        enabled: true,
        retentionPolicy: { days: 0, enabled: false },
        format: { type: "JSON", version: 2 },
        provisioningState: "Succeeded",
      },
    });

    const mark = await azure.probe.requestCount();
    const refreshed = await s.refresh();
    assert.equal(refreshed.result.summary.resourceChanges?.delete, 1);
    assert.equal(settingsIn(await s.state()).length, 0);
    const destroyed = await s.destroy();
    assert.deepEqual(await azure.probe.writesSince(mark), []);
    const live = await azure.probe.flowLogOf(target);
    assert.deepEqual([live?.id.toLowerCase(), live?.enabled], [portalMade.toLowerCase(), true]);
    await assertNoSecrets(azure.emulator, s, [refreshed, destroyed]);
  });
});
