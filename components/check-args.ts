// Fails a FlowLog before anything is registered when the arguments already known are invalid.
// Values that are still Outputs or promises are checked later, at preview, by the provider.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "./args";
import { UNKNOWN, withDefaults } from "./provider/inputs";
import { validateInputs } from "./provider/validate";
import { type CustomTimeoutsOption, timeoutSeconds } from "./timeouts";

function isPending(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

const NESTED_ARGS = new Set(["retentionPolicy", "format", "trafficAnalytics", "networkWatcher"]);

/**
 * Plain values as they are; pending values UNKNOWN, or left out (defaults apply) where a nested object
 * is pending. Pending entries of a list or of `tags` are UNKNOWN too.
 */
function knownPart(args: object, nested = NESTED_ARGS): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (isPending(value)) known[key] = nested.has(key) ? undefined : UNKNOWN;
    else if (nested.has(key) && value) known[key] = knownPart(value, new Set());
    else if (Array.isArray(value)) known[key] = value.map((v) => (isPending(v) ? UNKNOWN : v));
    else if (key === "tags" && value && typeof value === "object") known[key] = knownPart(value, new Set());
    else known[key] = value;
  }
  return known;
}

export class InvalidFlowLogArgsError extends Error {
  override readonly name = "InvalidFlowLogArgsError";
}

/** Checks the arguments and `customTimeouts`; returns the timeouts in seconds for the provider. */
export function checkArgs(args: FlowLogArgs, customTimeouts?: CustomTimeoutsOption) {
  const timeouts = timeoutSeconds(customTimeouts);
  const reasons = [
    ...validateInputs(withDefaults(knownPart(args))).map((f) => f.reason),
    ...timeouts.failures,
  ];
  if (reasons.length > 0) {
    throw new InvalidFlowLogArgsError(
      `Invalid FlowLog arguments:\n${reasons.map((reason) => `  - ${reason}`).join("\n")}`,
    );
  }
  return timeouts.seconds;
}
