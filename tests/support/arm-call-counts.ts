// ARM operations the emulator answered, counted by name (signing in and cloud discovery left out, as the
// benchmarks count them), for tests that bound what an operation costs.
import { armCalls } from "../../bench/arm-calls";
import type { RunningEmulator } from "../../emulator";

/** ARM operations answered since `mark` (a count of the request log), by name. */
export async function callsSince(emulator: RunningEmulator, mark: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const call of armCalls((await emulator.admin.requests()).slice(mark)))
    counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

/** ARM operations sent while `op` runs, by name. */
export async function callsDuring(emulator: RunningEmulator, op: () => Promise<unknown>) {
  const mark = (await emulator.admin.requests()).length;
  await op();
  return callsSince(emulator, mark);
}
