// One Azure session per provider process: settings from the stack's `azure-native:*` config (handed to
// `configure`) and the environment, resolved once into a cloud and a credential. Nothing here is
// ever returned to the engine, so no credential can reach state.
import { createCredential, FlowLogService, resolveAzureSettings, resolveCloud } from "../azure";

type ConfigLookup = (key: string) => string | undefined;

let stackConfig: ConfigLookup = () => undefined;
let connection: Promise<Omit<ConstructorParameters<typeof FlowLogService>[0], "timeoutMs">> | undefined;
const services = new Map<number, FlowLogService>();

/** Called by the engine (through the provider's `configure`) before any other method. */
export function useStackConfig(get: ConfigLookup): void {
  stackConfig = (key) => get(`azure-native:${key}`);
  connection = undefined;
  services.clear();
}

function connect() {
  connection ??= (async () => {
    const settings = resolveAzureSettings(stackConfig, process.env);
    const cloud = await resolveCloud(settings);
    return { cloud, credential: createCredential(settings, cloud) };
  })();
  // A failed resolution (e.g. an unreachable metadata host) is retried by the next call.
  connection.catch(() => {
    connection = undefined;
  });
  return connection;
}

/** The service for one resource's operation timeout; clients share the cloud and credential. */
export async function flowLogService(timeoutMinutes: number): Promise<FlowLogService> {
  const base = await connect();
  let service = services.get(timeoutMinutes);
  if (!service) {
    service = new FlowLogService({ ...base, timeoutMs: timeoutMinutes * 60_000 });
    services.set(timeoutMinutes, service);
  }
  return service;
}
