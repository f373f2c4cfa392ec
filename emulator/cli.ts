// `npm run emulator -- [flags]`: the emulator in the foreground, printing what a client needs and a
// line per request.
import * as tls from "node:tls";
import { parseArgs } from "node:util";
import { type DataPlane, startDataPlane } from "./dataplane";
import { type EmulatorOptions, type RunningEmulator, start } from "./index";

const HELP = `Usage: npm run emulator -- [flags]

  --port N               port on the loopback address (default 8443; 0 picks a free one)  [FLOWLOGS_EMULATOR_PORT]
  --host ADDR            loopback address to bind: 127.0.0.1 (default), ::1 or localhost  [FLOWLOGS_EMULATOR_HOST]
  --seed FILE|NAME       seed JSON, or a bundled seed: default | estate (default default) [FLOWLOGS_EMULATOR_SEED]
  --latency PROFILE      none | fast | realistic (default fast)                         [FLOWLOGS_EMULATOR_LATENCY]
  --now ISO              the emulator clock's start, e.g. 2025-01-01T00:00:00Z          [FLOWLOGS_EMULATOR_NOW]
  --no-nsg-creation-block  allow new NSG flow logs (the world before 30 June 2025)
  --configure-mode MODE  async (202 + Location, default) | sync (200) for configureFlowLog
  --token-lifetime S     access token lifetime in seconds (default 3600)
  --loose                accept unknown api-versions' fields and non-NSG targets on the legacy actions
  --data-plane           also run Azurite with the seeded storage accounts and write hours of records
                         for every enabled flow log (POST /_emulator/data-plane/hours writes more)
  --data-plane-hours N   hours of records written at start, up to the emulator's clock (default 6)
  --help                 this text
`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.FLOWLOGS_EMULATOR_PORT ?? "8443" },
    host: { type: "string", default: process.env.FLOWLOGS_EMULATOR_HOST ?? "127.0.0.1" },
    seed: { type: "string", default: process.env.FLOWLOGS_EMULATOR_SEED },
    latency: { type: "string", default: process.env.FLOWLOGS_EMULATOR_LATENCY ?? "fast" },
    now: { type: "string", default: process.env.FLOWLOGS_EMULATOR_NOW },
    "no-nsg-creation-block": { type: "boolean", default: false },
    "configure-mode": { type: "string", default: "async" },
    "token-lifetime": { type: "string", default: "3600" },
    loose: { type: "boolean", default: false },
    "data-plane": { type: "boolean", default: false },
    "data-plane-hours": { type: "string", default: "6" },
    help: { type: "boolean", default: false },
  },
});

async function main(): Promise<void> {
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const options: EmulatorOptions = {
    port: Number(values.port),
    host: values.host,
    seed: values.seed,
    latency: values.latency as EmulatorOptions["latency"],
    now: values.now,
    nsgCreationBlock: !values["no-nsg-creation-block"],
    configureFlowLogMode: values["configure-mode"] as "async" | "sync",
    tokenLifetimeSeconds: Number(values["token-lifetime"]),
    loose: values.loose,
    log: (line) => console.log(line),
  };
  const hours = Number(values["data-plane-hours"]);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 31)
    throw new Error(
      `--data-plane-hours: got "${values["data-plane-hours"]}"; expected a whole number from 1 to 744`,
    );
  const emulator = await start(options);
  console.log(
    `Azure flow-log emulator on ${emulator.armUrl} (ARM, Entra ID, metadata; admin API under /_emulator/)`,
  );
  // The data plane writes to Azurite over HTTPS with the emulator's certificate: trust it in this process.
  if (values["data-plane"])
    tls.setDefaultCACertificates([...tls.getCACertificates("default"), emulator.caCertPem]);
  const dataPlane = values["data-plane"] ? await startDataPlane(emulator) : undefined;
  const stop = async () => {
    await dataPlane?.stop();
    await emulator.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log("# Environment for clients (test credentials of the emulator, not secrets of anyone's):");
  for (const [key, value] of Object.entries(emulator.env)) console.log(`export ${key}=${value}`);
  if (dataPlane) await describeDataPlane(emulator, dataPlane, hours);
  console.log("# Ctrl+C stops it.");
}

main().catch((e) => {
  console.error(`emulator: ${(e as Error).message}`);
  process.exit(1);
});

const LEGACY_RULE = {
  name: "AllowFtpLegacy",
  properties: {
    priority: 4000,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: "Internet",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "21",
  },
};

/** Writes the first hours and prints where the logs are and how to read them. */
async function describeDataPlane(emulator: RunningEmulator, dataPlane: DataPlane, hours: number) {
  const { now } = await emulator.admin.state();
  const to = new Date(now);
  const from = new Date(to.getTime() - hours * 3_600_000);
  // Some history for the rule audit: a rule the NSGs had until halfway, which the older logs still name.
  const nsgs = (await emulator.admin.state()).resources.filter(
    (r) => r.type === "Microsoft.Network/networkSecurityGroups" && (r.properties.securityRules as []).length,
  );
  const setRules = (extra: object[]) =>
    Promise.all(
      nsgs.map((nsg) =>
        emulator.admin.patchResource(nsg.id, {
          properties: { securityRules: [...(nsg.properties.securityRules as object[]), ...extra] },
        }),
      ),
    );
  const halfway = new Date(to.getTime() - Math.ceil(hours / 2) * 3_600_000);
  await setRules([LEGACY_RULE]);
  const blobs = await dataPlane.writeHours(from, halfway);
  await setRules([]);
  blobs.push(...(await dataPlane.writeHours(halfway, to)));
  const flowLogs = (await emulator.admin.flowLogs()).filter((f) => f.enabled);
  console.log(
    `# Data plane: Azurite's blob service on ${dataPlane.azurite.origin} (accounts path-style: <origin>/<account>)`,
  );
  console.log(`export FLOWLOGS_BLOB_ENDPOINT=${dataPlane.azurite.origin}`);
  console.log(
    `# ${blobs.length} blobs: ${hours} hours (${from.toISOString()} .. ${to.toISOString()}) of ${flowLogs.length} enabled flow logs`,
  );
  for (const f of flowLogs)
    console.log(
      `#   flowlogs download --flow-log ${f.id} --storage-account ${f.storageId} --target ${f.targetResourceId} --from ${from.toISOString()}`,
    );
  console.log(
    `# More hours: curl --cacert "$NODE_EXTRA_CA_CERTS" -X POST ${emulator.armUrl}/_emulator/data-plane/hours -H 'Content-Type: application/json' -d '{"from":"${to.toISOString()}","to":"${new Date(to.getTime() + 3_600_000).toISOString()}"}'`,
  );
  console.log(
    `# ${nsgs.map((n) => n.name).join(", ")} had a rule ${LEGACY_RULE.name} until ${halfway.toISOString()}: the older logs still name it.`,
  );
  console.log("# Ready.");
}
