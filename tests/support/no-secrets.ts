// Invariant 2 as one assertion: no credential or bearer token in a stack's state, in what the engine
// printed or streamed, or in an error a person reads.
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { JWT_PATTERN, secretsOf } from "./emulated-azure";
import type { Run, TestStack } from "./engine";

type Evidence = Run<unknown> | Error | string;

function textOf(evidence: Evidence): string {
  if (typeof evidence === "string") return evidence;
  if (evidence instanceof Error) return `${evidence.message}\n${evidence.stack}`;
  return `${evidence.stdout}\n${JSON.stringify(evidence.events)}`;
}

export async function assertNoSecrets(
  emulator: RunningEmulator,
  stack: TestStack,
  evidence: Evidence[] = [],
): Promise<void> {
  assertNoSecretsIn(emulator, [JSON.stringify(await stack.state()), ...evidence.map(textOf)]);
}

/** The same check over texts from anywhere, e.g. what the `pulumi` CLI printed and `pulumi stack export`. */
export function assertNoSecretsIn(emulator: RunningEmulator, texts: string[]): void {
  for (const text of texts) {
    for (const secret of secretsOf(emulator)) assert.ok(!text.includes(secret), "a credential leaked");
    assert.doesNotMatch(text, JWT_PATTERN, "a bearer token leaked");
  }
}
