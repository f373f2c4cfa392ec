// Blob tasks spread over worker threads, their results handed on in the tasks' order whichever thread
// finishes first, so what is built from them does not depend on timing. Every thread started is
// terminated before the run settles, on success, on an error in any task and on a thread's crash.
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { BlobTask } from "./blob-task";

/** `--jobs` when not given: a thread per core. */
export const defaultJobs = (): number => availableParallelism();

let live = 0;
/** Worker threads started and not yet exited (0 whenever no run is under way). */
export const liveWorkers = (): number => live;

function startWorker(): Worker {
  const file = path.join(__dirname, `read-worker${path.extname(__filename)}`);
  // Run from source (tests, benchmarks) the thread registers ts-node itself; the package runs plain .js.
  const worker = file.endsWith(".ts")
    ? new Worker(
        `require(${JSON.stringify(require.resolve("ts-node/register/transpile-only"))}); require(${JSON.stringify(file)});`,
        { eval: true },
      )
    : new Worker(file);
  live++;
  worker.once("exit", () => live--);
  return worker;
}

type Outcome<R> = { result: R } | { error: { message: string; code?: string } };

/**
 * Runs every task on up to `jobs` threads and calls `onResult` for each in the tasks' order. Results
 * wait for the ones before them, at most two per thread (so memory stays bounded when one blob is slow);
 * the first task that failed, in that order, rejects with its error.
 */
export async function inWorkers<R>(
  tasks: BlobTask[],
  jobs: number,
  onResult: (result: R, index: number) => void,
): Promise<void> {
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const outcomes = new Map<number, Outcome<R>>();
      const idle: Worker[] = [];
      const window = 2 * jobs;
      let sent = 0;
      let delivered = 0;
      const feed = () => {
        while (idle.length && sent < tasks.length && sent < delivered + window) {
          idle.pop()?.postMessage({ index: sent, task: tasks[sent] });
          sent++;
        }
      };
      const deliver = () => {
        for (let outcome = outcomes.get(delivered); outcome; outcome = outcomes.get(delivered)) {
          outcomes.delete(delivered);
          if ("error" in outcome) {
            reject(Object.assign(new Error(outcome.error.message), { code: outcome.error.code }));
            return;
          }
          onResult(outcome.result, delivered++);
        }
        if (delivered === tasks.length) resolve();
        else feed();
      };
      for (let i = 0; i < Math.min(jobs, tasks.length); i++) {
        const worker = startWorker();
        workers.push(worker);
        worker.on("message", ({ index, ...outcome }: { index: number } & Outcome<R>) => {
          outcomes.set(index, outcome);
          idle.push(worker);
          try {
            deliver();
          } catch (e) {
            reject(e);
          }
        });
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`a reading thread stopped (exit code ${code})`)));
        idle.push(worker);
      }
      feed();
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
