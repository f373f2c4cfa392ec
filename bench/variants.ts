// The three shapes the benchmarks compare, N of each:
//   (a) no-op dynamic resources, whose create sleeps as long as a flow-log create takes in the
//       benchmarks' emulated Azure (30 ms per response, 1 s poll interval);
//   (b) components each wrapping such a no-op: the shape a FlowLog must have, doing nothing;
//   (c) FlowLogs.
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { FlowLog } from "../components";
import * as ids from "../tests/support/seed-ids";

/** What one create costs in that Azure: about six calls of 30 ms and one poll interval. */
export const NOOP_CREATE_MS = 6 * 30 + 1000;
const sleeper: pulumi.dynamic.ResourceProvider = {
  async create() {
    await new Promise((resolve) => setTimeout(resolve, NOOP_CREATE_MS));
    return { id: `noop-${Math.random()}`, outs: {} };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(sleeper, name, {}, opts, "bench", "Noop");
  }
}

class Wrapped extends pulumi.ComponentResource {
  constructor(name: string) {
    super("bench:index:Wrapped", name, {});
    new Noop(name, { parent: this });
    this.registerOutputs({});
  }
}

export interface Variant {
  label: string;
  program: (n: number) => PulumiFn;
  /** Azure is involved: count its calls. */
  azure: boolean;
}

export const VARIANTS: Variant[] = [
  {
    label: "(a) no-op dynamic resources",
    azure: false,
    program: (n) => async () => {
      for (let i = 1; i <= n; i++) new Noop(`noop-${i}`);
    },
  },
  {
    label: "(b) components wrapping a no-op",
    azure: false,
    program: (n) => async () => {
      for (let i = 1; i <= n; i++) new Wrapped(`wrapped-${i}`);
    },
  },
  {
    label: "(c) FlowLogs",
    azure: true,
    program: (n) => async () => {
      for (let i = 1; i <= n; i++)
        new FlowLog(`bench-${i}`, { targetResourceId: ids.scaleVnet(i), storageAccountId: ids.STORAGE_WEU });
    },
  },
];
