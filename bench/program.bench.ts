// The program's CPU per item: N of each of bench/variants.ts's shapes registered under Pulumi's mocks
// (no engine, no provider), each variant in a fresh Node process so warm-up and caches are alike.
// Prints CPU per item and the ratio to (b), the shape a FlowLog must have. Asserts nothing.
// BENCH_PROGRAM_ITEMS=400 sets N.
import { execFileSync } from "node:child_process";
import * as pulumi from "@pulumi/pulumi";
import { VARIANTS } from "./variants";

const N = Number(process.env.BENCH_PROGRAM_ITEMS ?? 400);

/** In the child: registers N of one variant and prints the CPU microseconds it took, outputs settled. */
async function registerAll(index: number): Promise<void> {
  pulumi.runtime.setMocks(
    {
      // What a flow log's settings report after create; the other shapes ignore it.
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, flowLogResourceId: `/watcher/flowLogs/${args.name}` },
      }),
      call: (args) => args.inputs,
    },
    "bench",
    "program",
    false,
  );
  const started = process.cpuUsage();
  await VARIANTS[index].program(N)();
  await pulumi.runtime.disconnect();
  const used = process.cpuUsage(started);
  console.log(used.user + used.system);
}

function main(): void {
  console.log(`program: CPU per item, ${N} of each registered under mocks (node ${process.version})`);
  const perItem = VARIANTS.map((_, index) => {
    const micros = execFileSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", __filename, String(index)],
      { encoding: "utf8" },
    );
    return Number(micros.trim().split("\n").pop()) / 1000 / N;
  });
  VARIANTS.forEach((variant, i) => {
    console.log(
      `${variant.label.padEnd(34)} ${perItem[i].toFixed(1).padStart(6)} ms/item   vs b ${(perItem[i] / perItem[1]).toFixed(2)}`,
    );
  });
}

const child = process.argv[2];
if (child === undefined) main();
else
  registerAll(Number(child)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
