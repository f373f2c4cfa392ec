// Whether the Pulumi engine that started this provider host still runs. An engine killed alone (an
// out-of-memory kill in a pipeline) leaves its provider host running: without this check it would finish
// what it was doing, waiting out throttling for up to its whole deadline, and write to Azure after a later
// run had taken the flow log over. The host asks the engine's own gRPC health service, as Pulumi's Go
// providers do (rpcutil.Healthcheck): the engine's address is the host's first argument, and a parent
// process ID cannot tell, as the host runs under a shell that outlives the engine.
import { Client, credentials, Metadata, status } from "@grpc/grpc-js";

const HEALTH_CHECK = "/grpc.health.v1.Health/Check";
/** An engine busy with a large deployment still answers a health check within this. */
const ANSWER_WITHIN_MS = 30_000;
/** How often an idle host looks, so an orphan with no write left to make ends too. */
const WATCH_EVERY_MS = 2_000;

/** The engine's gRPC address when this process is Pulumi's Node.js dynamic-provider host, else undefined. */
export function engineAddress(
  argv: readonly string[] = process.argv,
  main: string | undefined = require.main?.filename,
): string | undefined {
  if (!main || !/[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(main)) return undefined;
  return /^[\w.-]+:\d+$/.test(argv[2] ?? "") ? argv[2] : undefined;
}

type Answer = "running" | "gone" | "silent";

function ask(client: Client): Promise<Answer> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      HEALTH_CHECK,
      () => Buffer.alloc(0), // HealthCheckRequest with no service: the engine as a whole
      (reply: Buffer) => reply,
      Buffer.alloc(0),
      new Metadata(),
      { deadline: Date.now() + ANSWER_WITHIN_MS },
      (error) => {
        // Any answer, even "not implemented", comes from a running engine; a refused connection means none.
        if (!error || error.code === status.UNIMPLEMENTED) resolve("running");
        else resolve(error.code === status.UNAVAILABLE ? "gone" : "silent");
      },
    );
  });
}

/** Ends this process: its engine is gone, so nobody would record what it did, and nothing more may be written. */
function endOrphan(): never {
  process.exit(1);
}

/**
 * The check to run before every write to Azure: returns while the engine runs, ends this process once it
 * is gone, and throws (nothing is written) when it does not answer. Also ends the process, between
 * writes, once the engine is gone.
 */
export function engineGuard(address: string): () => Promise<void> {
  const client = new Client(address, credentials.createInsecure());
  setInterval(async () => {
    if ((await ask(client)) === "gone") endOrphan();
  }, WATCH_EVERY_MS).unref();
  return async () => {
    const answer = await ask(client);
    if (answer === "gone") endOrphan();
    if (answer === "silent")
      throw new Error(
        `the Pulumi engine that started this provider host (${address}) did not answer within ${ANSWER_WITHIN_MS / 1000} s, so nothing was written to Azure`,
      );
  };
}
