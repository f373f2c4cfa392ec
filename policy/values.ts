// Reading resource properties that may be unknown during preview. The policy SDK throws when a rule
// touches an unknown value, which would abandon the whole rule; reading through here yields NOT_YET_KNOWN instead.
import { UnknownValueError } from "@pulumi/policy";

export const NOT_YET_KNOWN = Symbol("unknown during preview");
export type Read<T> = T | undefined | typeof NOT_YET_KNOWN;

/** The value at `path` below `value`; undefined where the path leaves the object; NOT_YET_KNOWN where preview cannot tell. */
export function valueAt(value: unknown, ...path: (string | number)[]): Read<unknown> {
  try {
    let current = value;
    for (const key of path) {
      if (current === null || typeof current !== "object") return undefined;
      current = (current as Record<string | number, unknown>)[key];
    }
    return current;
  } catch (error) {
    if (error instanceof UnknownValueError) return NOT_YET_KNOWN;
    throw error;
  }
}

/** The value at `path` when it is a known string. */
export function stringAt(value: unknown, ...path: (string | number)[]): string | undefined {
  const found = valueAt(value, ...path);
  return typeof found === "string" ? found : undefined;
}

/** The number of elements of the array at `path`; NOT_YET_KNOWN when preview cannot tell, undefined when absent. */
export function lengthAt(value: unknown, ...path: (string | number)[]): Read<number> {
  const found = valueAt(value, ...path);
  if (found === NOT_YET_KNOWN) return NOT_YET_KNOWN;
  if (!Array.isArray(found)) return undefined;
  return valueAt(found, "length") as Read<number>;
}

/** ARM IDs compare without regard to case. */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
