// Refresh's lists (components/azure/shared-lists.ts) through a real ArmSession over HTTPS to the emulator:
// concurrent reads share one load of each list, lists only confirm (what they do not show is left to a
// read by ID), and a write this process sends drops them, so the next read lists again and sees it.
import * as assert from "node:assert/strict";
import {
  ArmSession,
  createCredential,
  type NetworkWatcherRef,
  resolveAzureSettings,
  resolveCloud,
} from "../../components/azure";
import type { RunningEmulator } from "../../emulator";
import { callsSince } from "../support/arm-call-counts";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import * as ids from "../support/seed-ids";

const WATCHER: NetworkWatcherRef = {
  id: ids.WATCHER_WEU,
  name: "NetworkWatcher_westeurope",
  resourceGroupName: "NetworkWatcherRG",
  subscriptionId: ids.SUBSCRIPTION,
  location: "westeurope",
};

describe("refresh's shared lists (ArmSession against the emulator)", () => {
  let emulator: RunningEmulator;
  let session: ArmSession;
  let flowLogId: string;

  /** A session as a new provider process makes it: nothing listed yet. */
  async function newSession(maxRetries?: number) {
    const settings = resolveAzureSettings(() => undefined, providerEnv(emulator));
    const cloud = await resolveCloud(settings);
    return new ArmSession({ cloud, credential: createCredential(settings, cloud), maxRetries });
  }

  beforeEach(async () => {
    emulator = await startEmulatedAzure({ listPageSize: 1 });
    session = await newSession();
    flowLogId = (await emulator.admin.flowLogs()).find(
      (f) => f.targetResourceId === ids.NSG_WITH_ENABLED_LOG,
    )!.id;
  });
  afterEach(() => emulator.stop());

  it("loads each list once, every page, for reads made at once", async () => {
    const mark = (await emulator.admin.requests()).length;
    const reads = await Promise.all(
      [1, 2, 3].map(() => session.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, flowLogId)),
    );
    for (const read of reads) assert.equal(read?.flowLogResourceId, flowLogId);
    // Two flow logs and three NSGs in rg-network, one a page.
    assert.deepEqual(await callsSince(emulator, mark), { "flowLogs.list": 2, "network.list": 3 });
  });

  it("shows nothing it cannot confirm: an unlisted flow log, a flow log on another target, a gone target", async () => {
    assert.equal(
      await session.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, `${ids.WATCHER_WEU}/flowLogs/none`),
      undefined,
    );
    assert.equal(await session.listedFlowLog(WATCHER, ids.NSG_WITH_DISABLED_LOG, flowLogId), undefined);
    await emulator.admin.deleteResource(ids.NSG_WITH_ENABLED_LOG);
    const nextProcess = await newSession();
    assert.equal(await nextProcess.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, flowLogId), undefined);
  });

  it("drops the lists on a write this process sends: the next read lists again and sees it", async () => {
    const before = await session.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, flowLogId);
    assert.ok(before);
    await session.flowLogs.retag(WATCHER, before, { ...before.tags, note: "written here" });
    const mark = (await emulator.admin.requests()).length;
    const after = await session.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, flowLogId);
    assert.equal(after?.tags?.note, "written here");
    assert.deepEqual(await callsSince(emulator, mark), { "flowLogs.list": 2, "network.list": 3 });
  });

  it("answers nothing while a list fails, and does not ask for it again within the window", async () => {
    const unretried = await newSession(0);
    await emulator.admin.injectFault({ operation: "network.list", kind: "status", status: 500 });
    const mark = (await emulator.admin.requests()).length;
    assert.equal(await unretried.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, flowLogId), undefined);
    assert.equal(await unretried.listedFlowLog(WATCHER, ids.NSG_WITH_ENABLED_LOG, flowLogId), undefined);
    assert.equal((await callsSince(emulator, mark))["network.list"], 1);
  });
});
