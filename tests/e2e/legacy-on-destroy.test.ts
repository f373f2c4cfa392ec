// A flow log made by a release before `onDestroy` (0.2.0 and earlier, which always disabled on destroy)
// keeps that promise after an upgrade: no diff, and destroy disables it rather than deleting it, until
// the program sets onDestroy itself. Through the real engine against the emulator, with the checkpoint
// rewritten as such a release left it (no onDestroy in inputs or outputs).
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "../support/emulated-azure";
import { type StackState, TestStack } from "../support/engine";
import { AzureProbe, flowLogProgram } from "../support/flow-log-program";
import * as ids from "../support/seed-ids";

/** The checkpoint as a release before onDestroy wrote it. */
function withoutOnDestroy(state: StackState): StackState {
  const strip = (props?: Record<string, unknown>) => {
    if (props) delete props.onDestroy;
  };
  for (const resource of state.resources ?? []) {
    if (!resource.type.endsWith("FlowLogSettings")) continue;
    strip(resource.inputs);
    strip(resource.outputs);
  }
  return state;
}

describe("flow logs recorded before onDestroy (real engine)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let probe: AzureProbe;

  before(async () => {
    emulator = await startEmulatedAzure();
    probe = new AzureProbe(emulator);
  });
  after(async () => emulator?.stop());

  async function legacyStack(target: string): Promise<TestStack> {
    const stack = await TestStack.create({
      program: flowLogProgram({ targetResourceId: target }),
      env: providerEnv(emulator),
    });
    await stack.up();
    await stack.setState(withoutOnDestroy(await stack.state()));
    return stack;
  }

  it("shows no diff after the upgrade and disables, not deletes, on destroy", async () => {
    const stack = await legacyStack(ids.VNET_WEB);
    try {
      const { result } = await stack.preview();
      assert.deepEqual(result.changeSummary, { same: 3 });
      await stack.up();
      await stack.destroy();
      const left = await probe.flowLogOf(ids.VNET_WEB);
      assert.ok(left, "the flow log is still there");
      assert.equal(left.enabled, false);
    } finally {
      await stack.dispose();
    }
  });

  it("deletes on destroy once the program sets onDestroy: delete, which preview shows", async () => {
    const stack = await legacyStack(ids.VNET_API);
    try {
      stack.setProgram(flowLogProgram({ targetResourceId: ids.VNET_API, onDestroy: "delete" }));
      const { stdout } = await stack.preview();
      assert.match(stdout, /onDestroy\s*:\s*"delete"/);
      await stack.up();
      await stack.destroy();
      assert.equal(await probe.flowLogOf(ids.VNET_API), undefined);
    } finally {
      await stack.dispose();
    }
  });
});
