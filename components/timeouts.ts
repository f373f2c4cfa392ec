// A FlowLog's `customTimeouts` ("30s", "5m", "1h30m", as the engine writes durations) turned into the
// seconds the provider bounds each operation by: the provider cannot see resource options itself. Pure.
import type { OperationTimeouts } from "./provider/inputs";

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Seconds in a duration such as "90s", "5m" or "1h30m"; undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) seconds += Number(amount) * UNIT_SECONDS[unit];
  return seconds;
}

export interface CustomTimeoutsOption {
  create?: string;
  update?: string;
  delete?: string;
}

/** Each given timeout in seconds, or the reasons some are not durations; undefined when none is given. */
export function timeoutSeconds(custom: CustomTimeoutsOption | undefined): {
  seconds?: OperationTimeouts;
  failures: string[];
} {
  const seconds: OperationTimeouts = {};
  const failures: string[] = [];
  for (const operation of ["create", "update", "delete"] as const) {
    const text = custom?.[operation];
    if (text === undefined || text === "") continue;
    const value = durationSeconds(text);
    if (value && value > 0) seconds[operation] = value;
    else
      failures.push(
        `customTimeouts.${operation}: got ${JSON.stringify(text)}; expected a duration above zero such as "90s", "5m" or "1h30m"`,
      );
  }
  return Object.keys(seconds).length > 0 ? { seconds, failures } : { failures };
}
