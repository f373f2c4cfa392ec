// The engine checks resources one after another, so what one check reads from Azure is paid once per
// resource on a serial path: a storage account that many flow logs share is read once per provider
// process, not once per flow log. Through the real engine against the emulator.
import * as assert from "node:assert/strict";
import { FlowLog } from "../../components";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { TestStack } from "../support/engine";
import * as ids from "../support/seed-ids";

const FLOW_LOGS = 4;

describe("reads shared by many flow logs (real engine)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let stack: TestStack;

  before(async () => {
    emulator = await startEmulatedAzure();
    stack = await TestStack.create({
      program: async () => {
        for (let i = 1; i <= FLOW_LOGS; i++)
          new FlowLog(`shared-${i}`, {
            targetResourceId: ids.scaleVnet(i),
            storageAccountId: ids.STORAGE_WEU,
          });
      },
      env: providerEnv(emulator),
    });
  });

  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("preview reads each target once and the shared storage account once", async () => {
    const from = (await emulator.admin.requests()).length;
    await stack.preview();
    const reads = (await emulator.admin.requests()).slice(from).filter((r) => r.method === "GET");
    const readsOf = (id: string) => reads.filter((r) => r.path.toLowerCase() === id.toLowerCase()).length;
    assert.equal(readsOf(ids.STORAGE_WEU), 1);
    for (let i = 1; i <= FLOW_LOGS; i++) assert.equal(readsOf(ids.scaleVnet(i)), 1, ids.scaleVnet(i));
  });
});
