// Unknown keys are errors: a typo such as `enable` for `enabled` would otherwise fall back to the
// default without a word. Pure; the component checks the plain values it is given, the provider's
// check the nested objects that arrived as Outputs.
import { distance } from "fastest-levenshtein";
import type { ValidationFailure } from "./failures";
import type {
  FormatInputs,
  NetworkWatcherInputs,
  RetentionPolicyInputs,
  TrafficAnalyticsInputs,
} from "./inputs";
import { isUnknown } from "./inputs";

/** Every key of T, checked by the compiler: a key added to T and not here fails to compile. */
export const keysOf = <T>(keys: Record<keyof T, true>): string[] => Object.keys(keys);

/** The keys of each nested argument object, by the argument's name. `tags` is free-form. */
export const NESTED_ARG_KEYS: Record<string, string[]> = {
  retentionPolicy: keysOf<RetentionPolicyInputs>({ enabled: true, days: true }),
  format: keysOf<FormatInputs>({ type: true, version: true }),
  trafficAnalytics: keysOf<TrafficAnalyticsInputs>({
    enabled: true,
    workspaceResourceId: true,
    workspaceId: true,
    workspaceRegion: true,
    intervalInMinutes: true,
  }),
  networkWatcher: keysOf<NetworkWatcherInputs>({ resourceGroupName: true, name: true }),
};

/** The known name `key` most likely meant: same letters in another case, a prefix, or a near spelling. */
export function nearestName(key: string, known: readonly string[]): string | undefined {
  const typed = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const lower = name.toLowerCase();
    if (typed.length >= 3 && (lower.startsWith(typed) || typed.startsWith(lower))) return name;
    const d = distance(typed, lower);
    if (!best || d < best.distance) best = { name, distance: d };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

const at = (path: string) => (path ? `${path}: ` : "");

/** One failure per key of `value` not in `known`; `path` names the object ("" for the arguments themselves). */
export function unknownKeys(value: object, known: readonly string[], path: string): ValidationFailure[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const nearest = nearestName(key, known);
      const hint = nearest ? `did you mean "${nearest}"?` : `expected only ${known.join(", ")}.`;
      return {
        property: path ? `${path}.${key}` : key,
        reason: `${at(path)}unknown key ${JSON.stringify(key)}; ${hint}`,
      };
    });
}

export const isPlainObject = (v: unknown): v is object =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The nested argument objects of `args` that are not objects or hold unknown keys. Values not known
 * yet (the engine's placeholder, or left out by the caller) are checked when they are.
 */
export function nestedArgProblems(args: Record<string, unknown>, path = ""): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  for (const [name, known] of Object.entries(NESTED_ARG_KEYS)) {
    const value = args[name];
    const where = path ? `${path}.${name}` : name;
    if (value === undefined || value === null || isUnknown(value)) continue;
    if (isPlainObject(value)) failures.push(...unknownKeys(value, known, where));
    else
      failures.push({
        property: where,
        reason: `${where}: got ${JSON.stringify(value)}; expected an object with ${known.join(", ")}.`,
      });
  }
  return failures;
}
