// `flowlogs download`: a flow log's hourly blobs for a time range, resumable, signing in like the provider.
// Where they are is read from the flow log (--flow-log or --target); --container/--prefix skip that.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { resourceName } from "../../azure/resource-id";
import { formatBytes } from "../../logs/network";
import { printable } from "../../text/terminal";
import { DATA_SKIPPED, dateFlag, signIn } from "./common";

export async function run(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: {
      "storage-account": { type: "string" },
      container: { type: "string" },
      prefix: { type: "string" },
      target: { type: "string" },
      "flow-log": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string", default: "flowlogs" },
      verbose: { type: "boolean", default: false },
    },
  });
  const given = flags.container !== undefined || flags.prefix !== undefined;
  if (given && !(flags.container && flags.prefix && flags["storage-account"]))
    throw new Error(
      "download: --container and --prefix go together, with --storage-account (see flowlogs download --help)",
    );
  if (!given && !flags["flow-log"] && !flags.target)
    throw new Error("download: give --flow-log ID or --target ID (see flowlogs download --help)");
  const to = dateFlag("to", flags.to) ?? new Date();
  const from = dateFlag("from", flags.from) ?? new Date(to.getTime() - 24 * 3_600_000);
  const { downloadFlowLogs } = await import("../../logs/download");
  const { credential, service } = await signIn();
  const where = given
    ? {
        storageAccountId: flags["storage-account"]!,
        containerName: flags.container!,
        blobPathPrefix: flags.prefix!,
      }
    : await (await import("../../logs/flow-log-lookup")).lookUpFlowLog(service, {
        flowLog: flags["flow-log"],
        target: flags.target,
        storageAccount: flags["storage-account"],
      });
  const progress = await progressOf(flags.verbose);
  const result = await downloadFlowLogs({
    service,
    credential,
    ...where,
    from,
    to,
    outDir: flags.out,
    onProgress: progress.update,
    onNotice: (message) => console.error(message),
  });
  progress.stop();
  for (const refusal of result.refused) console.error(printable(`warning: ${refusal}`));
  const account = resourceName(where.storageAccountId);
  const bytes = result.files.reduce((sum, file) => sum + statSync(file).size, 0);
  const skipped = result.refused.length ? `, ${result.refused.length} skipped for their names` : "";
  console.log(
    `${result.files.length} blobs in ${flags.out}: ${result.downloaded} downloaded, ${result.resumed} resumed, ${result.skipped} already here${skipped} (${formatBytes(bytes)} from ${account}/${where.containerName})`,
  );
  return result.refused.length ? DATA_SKIPPED : 0;
}

/** A bar on a terminal; blob names, one a line, with --verbose; nothing else until the summary line. */
async function progressOf(verbose: boolean) {
  const { SingleBar } = await import("cli-progress");
  const bar =
    process.stderr.isTTY && !verbose
      ? new SingleBar({
          format: "{bar} {value}/{total} blobs",
          stream: process.stderr,
          clearOnComplete: true,
        })
      : undefined;
  let started = false;
  return {
    update(done: number, of: number, blob: string) {
      if (verbose) console.error(`[${done}/${of}] ${blob}`);
      if (!bar) return;
      if (!started) bar.start(of, 0);
      started = true;
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
