// One emulator per e2e suite and the stacks its cases make against it, disposed with the suite.
import type * as pulumi from "@pulumi/pulumi";
import type { EmulatorOptions, RunningEmulator } from "../../emulator";
import { providerEnv, startEmulatedAzure } from "./emulated-azure";
import { type StackState, TestStack, type TestStackOptions } from "./engine";
import { AzureProbe } from "./flow-log-program";

export interface EmulatedStacks {
  emulator: RunningEmulator;
  probe: AzureProbe;
  /** A stack running `program` against this suite's emulator. */
  stack(program: () => Promise<unknown>, options?: Partial<TestStackOptions>): Promise<TestStack>;
}

/** Registers the suite's hooks; call inside `describe`. The fields are set once `before` has run. */
export function emulatedStacks(options: EmulatorOptions = {}): EmulatedStacks {
  const stacks: TestStack[] = [];
  const suite = {
    async stack(program: () => Promise<unknown>, extra: Partial<TestStackOptions> = {}) {
      const created = await TestStack.create({
        ...extra,
        program: program as pulumi.automation.PulumiFn,
        env: { ...providerEnv(suite.emulator), ...extra.env },
      });
      stacks.push(created);
      return created;
    },
  } as EmulatedStacks;
  before(async () => {
    suite.emulator = await startEmulatedAzure(options);
    suite.probe = new AzureProbe(suite.emulator);
  });
  after(async () => {
    await Promise.all(stacks.map((s) => s.dispose()));
    await suite.emulator?.stop();
  });
  return suite;
}

/** The FlowLogSettings resources in a stack's state. */
export function settingsIn(state: StackState) {
  return state.resources?.filter((r) => r.type.endsWith("FlowLogSettings")) ?? [];
}

/** The error `run` fails with; fails the test, saying `unexpected`, if it succeeds. */
export function failureOf(run: Promise<unknown>, unexpected: string): Promise<Error> {
  return run.then(
    () => {
      throw new Error(unexpected);
    },
    (e: Error) => e,
  );
}
