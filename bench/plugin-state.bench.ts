// State per flow log: the provider plugin's custom resource beside the dynamic resource a TypeScript
// FlowLog makes (which carries its serialized `__provider`), after `pulumi up` of N flow logs through the
// real engine against the emulator. Prints figures; asserts nothing.
import type * as pulumi from "@pulumi/pulumi";
import { FlowLog } from "../components";
import { startEmulatedAzure } from "../tests/support/emulated-azure";
import { TestStack } from "../tests/support/engine";
import { pluginEnv, RemoteFlowLog } from "../tests/support/plugin";
import * as ids from "../tests/support/seed-ids";

const SIZES = (process.env.BENCH_FLOW_LOGS ?? "1,10").split(",").map(Number);

type Make = (name: string, args: { targetResourceId: string; storageAccountId: string }) => unknown;

function program(n: number, make: Make): () => Promise<void> {
  return async () => {
    for (let i = 1; i <= n; i++)
      make(`log-${i}`, { targetResourceId: ids.scaleVnet(i), storageAccountId: ids.STORAGE_WEU });
  };
}

/** Bytes of the FlowLogSettings resources in state (inputs, outputs and all), per flow log. */
async function settingsBytes(stack: TestStack, n: number): Promise<number> {
  const settings = (await stack.state()).resources?.filter((r) => r.type.endsWith("FlowLogSettings"));
  return JSON.stringify(settings).length / n;
}

async function measure(n: number, make: Make, env: Record<string, string>): Promise<number> {
  const stack = await TestStack.create({ program: program(n, make) as pulumi.automation.PulumiFn, env });
  try {
    await stack.up();
    const bytes = await settingsBytes(stack, n);
    await stack.destroy();
    return bytes;
  } finally {
    await stack.dispose();
  }
}

async function main() {
  const emulator = await startEmulatedAzure();
  try {
    console.log("     N   state bytes/flow log: dynamic resource   plugin custom resource   ratio");
    for (const n of SIZES) {
      const env = pluginEnv(emulator);
      const dynamic = await measure(n, (name, args) => new FlowLog(name, args), env);
      const custom = await measure(n, (name, args) => new RemoteFlowLog(name, args), env);
      console.log(
        [
          String(n).padStart(6),
          dynamic.toFixed(0).padStart(40),
          custom.toFixed(0).padStart(24),
          (dynamic / custom).toFixed(1).padStart(7),
        ].join(" "),
      );
    }
  } finally {
    await emulator.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
