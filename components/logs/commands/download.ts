// `flowlogs download`: a flow log's hourly blobs for a time range, resumable, signing in like the provider.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { logLocation } from "../../log-location";

function date(flag: string, value: string | undefined, fallback: Date): Date {
  const parsed = value === undefined ? fallback : new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new Error(`--${flag}: got "${value}"; expected an ISO date such as 2026-11-24T10:00:00Z`);
  return parsed;
}

export async function run(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: {
      "storage-account": { type: "string" },
      container: { type: "string" },
      prefix: { type: "string" },
      target: { type: "string" },
      "flow-log": { type: "string", default: "" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string", default: "flowlogs" },
    },
  });
  const storageAccountId = flags["storage-account"];
  if (!storageAccountId) throw new Error("download: --storage-account is required");
  const location =
    flags.container && flags.prefix
      ? { containerName: flags.container, blobPathPrefix: flags.prefix }
      : undefined;
  if (!location && !flags.target)
    throw new Error(
      "download: give --container and --prefix, or --target (and --flow-log for VNet, subnet and NIC targets)",
    );
  const { containerName, blobPathPrefix } = location ?? logLocation(flags.target!, flags["flow-log"]);
  const to = date("to", flags.to, new Date());
  const from = date("from", flags.from, new Date(to.getTime() - 24 * 3_600_000));
  const { createCredential, FlowLogService, resolveAzureSettings, resolveCloud } = await import(
    "../../azure"
  );
  const { SingleBar } = await import("cli-progress");
  const { downloadFlowLogs } = await import("../download");
  const settings = resolveAzureSettings(() => undefined, process.env);
  const cloud = await resolveCloud(settings);
  const credential = createCredential(settings, cloud);
  const service = new FlowLogService({ cloud, credential });
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: "{bar} {value}/{total} blobs {blob}", stream: process.stderr })
    : undefined;
  let started = false;
  const result = await downloadFlowLogs({
    service,
    credential,
    storageAccountId,
    containerName,
    blobPathPrefix,
    from,
    to,
    outDir: flags.out,
    onProgress: (done, total, blob) => {
      if (!bar) return console.error(`[${done}/${total}] ${blob}`);
      if (!started) bar.start(total, 0, { blob: "" });
      started = true;
      bar.update(done, { blob: path.basename(path.dirname(blob)) });
    },
    onNotice: (message) => console.error(message),
  });
  bar?.stop();
  console.log(
    `${result.files.length} blobs in ${flags.out}: ${result.downloaded} downloaded, ${result.resumed} resumed, ${result.skipped} already here`,
  );
  return 0;
}
