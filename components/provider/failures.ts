// What a preview-time check collects: failures that name the field, the value it got and what is
// accepted. Pure; shared by the checks of the FlowLog's inputs, its peer settings and the handover's.
import { parseResourceId } from "../azure/resource-id";
import { isUnknown } from "./inputs";

export interface ValidationFailure {
  property: string;
  reason: string;
}

/** A value as a failure quotes it: JSON, or "nothing" for a missing one. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? "nothing";
}

export class Failures {
  readonly list: ValidationFailure[] = [];

  /** Records a failure unless the value is unknown yet or passes `ok`. */
  expect(property: string, value: unknown, ok: (v: unknown) => boolean, accepted: string): void {
    if (isUnknown(value) || ok(value)) return;
    this.list.push({ property, reason: `${property}: got ${show(value)}; expected ${accepted}.` });
  }

  /** Records a failure in words of its own, which still name the field and the value. */
  refuse(property: string, reason: string): void {
    this.list.push({ property, reason: `${property}: ${reason}` });
  }
}

/**
 * Failures as the engine prints them best. Given a property, it prints "property P value V has a
 * problem: REASON", and a reason names its field and value itself, so a long ID would stand there
 * twice; without one it prints the reason alone.
 */
export function forTheEngine(failures: ValidationFailure[]): ValidationFailure[] {
  return failures.map(({ reason }) => ({ property: "", reason }));
}

export function armIdOfType(types: string[]) {
  return (v: unknown) => {
    if (typeof v !== "string") return false;
    const parsed = parseResourceId(v);
    return parsed !== undefined && types.includes(parsed.type);
  };
}
