// A worker thread of the pool (worker-pool.ts): runs each blob task it is sent and posts back the result,
// or the error's message and code, tagged with the task's index.
import { parentPort } from "node:worker_threads";
import { type BlobTask, runTask } from "./blob-task";

const port = parentPort;
if (!port) throw new Error("read-worker.ts runs as a worker thread of worker-pool.ts");
port.on("message", async ({ index, task }: { index: number; task: BlobTask }) => {
  try {
    port.postMessage({ index, result: await runTask(task) });
  } catch (e) {
    const { message, code } = e as NodeJS.ErrnoException;
    port.postMessage({ index, error: { message, code } });
  }
});
