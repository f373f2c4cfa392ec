// What the benchmarks count as ARM calls: everything the emulator answered except signing in and cloud
// discovery, which happen once per provider process whatever the stack holds.
import type { RequestLogEntry } from "../emulator";

const SIGN_IN = /^(token|metadata|aad\.|oidc\.)/;

export function armCalls(log: RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => !SIGN_IN.test(r.operation));
}
