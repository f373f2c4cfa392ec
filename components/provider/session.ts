// One Azure session per provider process: settings from the stack's `azure-native:*` config (handed to
// `configure`) and the environment, resolved once into a cloud and a credential. Nothing here is
// ever returned to the engine, so no credential can reach state.
import { ArmSession, createCredential, resolveAzureSettings, resolveCloud } from "../azure";
import { engineAddress, engineGuard } from "./engine-liveness";

type ConfigLookup = (key: string) => string | undefined;

let stackConfig: ConfigLookup = () => undefined;
let session: Promise<ArmSession> | undefined;
let guard: (() => Promise<void>) | undefined;

/** In Pulumi's provider host, every write first checks that the engine which started the host still runs. */
function writeGuard(): (() => Promise<void>) | undefined {
  const address = engineAddress();
  if (address) guard ??= engineGuard(address);
  return guard;
}

/** Called by the engine (through the provider's `configure`) before any other method. */
export function useStackConfig(get: ConfigLookup): void {
  stackConfig = (key) => get(`azure-native:${key}`);
  session = undefined;
}

function connect() {
  session ??= (async () => {
    const settings = resolveAzureSettings(stackConfig, process.env);
    const cloud = await resolveCloud(settings);
    const credential = createCredential(settings, cloud);
    return new ArmSession({ cloud, credential, beforeWrite: writeGuard() });
  })();
  // A failed resolution (e.g. an unreachable metadata host) is retried by the next call.
  session.catch(() => {
    session = undefined;
  });
  return session;
}

/**
 * The ARM session of one operation: its deadline starts now and bounds every call, retry, poll and wait
 * of that operation. Clients, the watchers found and the per-target lock are shared by all.
 */
export async function armSession(timeoutMs: number): Promise<ArmSession> {
  return (await connect()).forOperation(timeoutMs);
}
