// `npm run emulator -- [flags]`: the emulator in the foreground, printing what a client needs and a
// line per request.
import { parseArgs } from "node:util";
import { type EmulatorOptions, start } from "./index";

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
  const emulator = await start(options);
  console.log(
    `Azure flow-log emulator on ${emulator.armUrl} (ARM, Entra ID, metadata; admin API under /_emulator/)`,
  );
  console.log("# Environment for clients (test credentials of the emulator, not secrets of anyone's):");
  for (const [key, value] of Object.entries(emulator.env)) console.log(`export ${key}=${value}`);
  console.log("# Ctrl+C stops it.");
  const stop = async () => {
    await emulator.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e) => {
  console.error(`emulator: ${(e as Error).message}`);
  process.exit(1);
});
