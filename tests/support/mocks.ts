// Pulumi's mocks for unit tests: every registered resource is recorded, its outputs chosen by the test.
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Installs mocks (per test file, in `before`) and returns the list registrations land in. */
export function installMocks(
  outputsOf: (args: pulumi.runtime.MockResourceArgs) => { id: string; state: Record<string, unknown> },
): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return outputsOf(args);
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
  return registered;
}

/** The value an output settles on. */
export function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
