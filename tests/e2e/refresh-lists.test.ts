// Refresh reads a stack's flow logs from the watcher's flowLogs list and their targets' resource-group
// lists, which every read of the provider process shares: a few list pages, not two GETs a flow log.
// Lists only confirm: a flow log or target they do not show is read by ID, so a target deleted behind
// Pulumi's back still drops its flow log. Through the real engine against the emulator, whose lists page
// by two here, so that every list is followed through its nextLinks.
import * as assert from "node:assert/strict";
import { FlowLog } from "../../components";
import type { RunningEmulator } from "../../emulator";
import { callsDuring } from "../support/arm-call-counts";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { settingsIn } from "../support/emulated-stacks";
import { TestStack } from "../support/engine";
import { WRITE_OPERATIONS } from "../support/flow-log-program";
import * as ids from "../support/seed-ids";

const PAGE_SIZE = 2;
const NIC_APP = ids.NIC_WEB.replace("nic-web-01", "nic-app-01");
/** Three kinds of target in rg-network: its two VNets' lists carry the subnets; its NICs' list. */
const TARGETS = [ids.VNET_API, ids.SUBNET_APP, `${ids.VNET_WEB}/subnets/web`, ids.NIC_WEB, NIC_APP];

const pages = (items: number) => Math.ceil(items / PAGE_SIZE);

describe("refresh from lists the provider process shares (real engine)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let stack: TestStack;

  const settingsOf = async (target: string) =>
    settingsIn(await stack.state()).find((r) => r.outputs?.targetResourceId === target);

  before(async () => {
    emulator = await startEmulatedAzure({ listPageSize: PAGE_SIZE });
    stack = await TestStack.create({
      program: async () => {
        TARGETS.forEach((targetResourceId, i) => {
          new FlowLog(`listed-${i}`, { targetResourceId, storageAccountId: ids.STORAGE_WEU });
        });
      },
      env: providerEnv(emulator),
    });
    await stack.up();
  });

  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("reads every flow log from the pages of the watcher's list and two target lists, none by ID", async () => {
    const watcherFlowLogs = (await emulator.admin.flowLogs()).filter((f) =>
      f.id.toLowerCase().startsWith(ids.WATCHER_WEU.toLowerCase()),
    ).length;
    const nics = 3;
    const refresh = await callsDuring(emulator, () => stack.refresh());
    assert.deepEqual(refresh, {
      "flowLogs.list": pages(watcherFlowLogs),
      "network.list": pages(2) + pages(nics),
    });
    assert.equal(settingsIn(await stack.state()).length, TARGETS.length);
  });

  it("sees a setting changed behind Pulumi's back, and writes nothing", async () => {
    const changed = (await emulator.admin.flowLogs()).find((f) => f.targetResourceId === ids.SUBNET_APP)!;
    await emulator.admin.patchResource(changed.id, {
      properties: { retentionPolicy: { days: 9, enabled: true } },
    });
    const refresh = await callsDuring(emulator, () => stack.refresh());
    assert.deepEqual(
      Object.keys(refresh).filter((op) => WRITE_OPERATIONS.includes(op)),
      [],
    );
    assert.deepEqual((await settingsOf(ids.SUBNET_APP))?.outputs?.retentionPolicy, {
      days: 9,
      enabled: true,
    });
  });

  it("drops the flow log of a deleted target, read by ID when its list does not show the target", async () => {
    await emulator.admin.deleteResource(NIC_APP);
    const refresh = await callsDuring(emulator, () => stack.refresh());
    assert.equal(refresh["flowLogs.get"], 1, JSON.stringify(refresh));
    assert.equal(refresh["resources.get"], 1, JSON.stringify(refresh));
    assert.equal(await settingsOf(NIC_APP), undefined);
    assert.equal(settingsIn(await stack.state()).length, TARGETS.length - 1);
  });
});
