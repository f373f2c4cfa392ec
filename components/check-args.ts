// Fails a FlowLog before anything is registered when the arguments already known are invalid: unknown
// keys, wrong types (config values arrive as JSON, never coerced) and values out of range. Values
// that are still Outputs or promises are checked later, at preview, by the provider.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "./args";
import { UNKNOWN_PLACEHOLDER, withDefaults } from "./provider/inputs";
import { isPlainObject, keysOf, nestedArgProblems, unknownKeys } from "./provider/known-keys";
import { validateInputs } from "./provider/validate";
import { type CustomTimeoutsOption, timeoutSeconds } from "./timeouts";

const FLOW_LOG_ARG_KEYS = keysOf<FlowLogArgs>({
  targetResourceId: true,
  storageAccountId: true,
  enabled: true,
  retentionPolicy: true,
  format: true,
  trafficAnalytics: true,
  networkWatcher: true,
  adoptExisting: true,
  timeoutMinutes: true,
  enabledFilteringCriteria: true,
  recordTypes: true,
  identity: true,
  tags: true,
  flowLogName: true,
  onDestroy: true,
});

function isPending(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

const NESTED_ARGS = new Set(["retentionPolicy", "format", "trafficAnalytics", "networkWatcher"]);

/**
 * Plain values as they are; pending values UNKNOWN_PLACEHOLDER, or left out (defaults apply) where a nested object
 * is pending. Pending entries of a list or of `tags` are UNKNOWN_PLACEHOLDER too.
 */
function knownPart(args: object, nested = NESTED_ARGS): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (isPending(value)) known[key] = nested.has(key) ? undefined : UNKNOWN_PLACEHOLDER;
    else if (nested.has(key) && isPlainObject(value)) known[key] = knownPart(value, new Set());
    else if (Array.isArray(value)) known[key] = value.map((v) => (isPending(v) ? UNKNOWN_PLACEHOLDER : v));
    else if (key === "tags" && isPlainObject(value)) known[key] = knownPart(value, new Set());
    else known[key] = value;
  }
  return known;
}

/** Thrown as Pulumi's RunError, so the CLI prints the message alone, without a stack trace. */
export class InvalidFlowLogArgsError extends pulumi.RunError {
  override readonly name = "InvalidFlowLogArgsError";
}

/** The message a person reads: one line per reason, each naming the resource, e.g. `FlowLog "web": …`. */
export function argumentsMessage(resource: string, reasons: string[]): string {
  return reasons.map((reason) => `${resource}: ${reason}`).join("\n");
}

/**
 * What is wrong with the FlowLog arguments already known, each reason naming its field and value;
 * `path` (e.g. `flowLogs[0].args`) goes in front of every field when the arguments sit in another object.
 */
export function argProblems(args: FlowLogArgs, path = ""): string[] {
  if (!isPlainObject(args))
    return [
      `${path || "arguments"}: got ${JSON.stringify(args) ?? "nothing"}; expected an object of FlowLog arguments.`,
    ];
  const known = knownPart(args);
  const nested = nestedArgProblems(known, path);
  // A nested argument that is no object is reported once, as such, not again field by field.
  for (const key of NESTED_ARGS) if (!isPlainObject(known[key])) delete known[key];
  const prefix = path ? `${path}.` : "";
  return [
    ...unknownKeys(args, FLOW_LOG_ARG_KEYS, path).map((f) => f.reason),
    ...nested.map((f) => f.reason),
    ...validateInputs(withDefaults(known)).map((f) => `${prefix}${f.reason}`),
  ];
}

/** Checks the arguments and `customTimeouts`; returns the timeouts in seconds for the provider. */
export function checkArgs(name: string, args: FlowLogArgs, customTimeouts?: CustomTimeoutsOption) {
  const timeouts = timeoutSeconds(customTimeouts);
  const reasons = [...argProblems(args), ...timeouts.failures];
  if (reasons.length > 0) throw new InvalidFlowLogArgsError(argumentsMessage(`FlowLog "${name}"`, reasons));
  return timeouts.seconds;
}
