// The provider plugin `pulumi-resource-azure-flowlogs`: the second door to the one lifecycle. Its custom
// resources call the same provider objects the dynamic resources' shims load (provider/lifecycle.ts,
// provider/handover-provider.ts), and `construct` builds the same components around them.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "../args";
import type { NsgFlowLogMigrationArgs } from "../nsg-flow-log-migration-args";
import { handoverProvider } from "../provider/handover-provider";
import { recordedForImport } from "../provider/import";
import { provider as flowLogProvider } from "../provider/lifecycle";
import { withRecordedIds } from "../provider/recorded-outputs";
import { PluginFlowLog, PluginNsgFlowLogMigration, stateOf } from "./components";
import { packageSchema, TOKENS } from "./schema";

/** The methods both lifecycles share, in the dynamic provider's argument order. */
interface Lifecycle {
  check(olds: never, news: never): Promise<{ inputs?: unknown; failures?: pulumi.provider.CheckFailure[] }>;
  diff(id: string, olds: never, news: never): Promise<pulumi.provider.DiffResult>;
  create(inputs: never): Promise<{ id: string; outs?: unknown }>;
  read(id: string, props?: never): Promise<pulumi.provider.ReadResult>;
  update(id: string, olds: never, news: never): Promise<{ outs?: unknown }>;
  delete(id: string, props: never): Promise<void>;
}

/**
 * The dynamic resource's state leaves out the flow log's and its watcher's IDs, which its ID says; the
 * schema shows both as outputs of FlowLogSettings, so this door records them.
 */
function withIdsInOutputs(lifecycle: Lifecycle): Lifecycle {
  const withIds = (id: string, outs: unknown) => outs && withRecordedIds(id, outs as Raw);
  return {
    ...lifecycle,
    create: async (inputs) => {
      const created = await lifecycle.create(inputs);
      return { ...created, outs: withIds(created.id, created.outs) };
    },
    read: async (id, props) => {
      const found = await lifecycle.read(id, props);
      return found.props ? { ...found, props: withIds(id, found.props) } : found;
    },
    update: async (id, olds, news) => ({ outs: withIds(id, (await lifecycle.update(id, olds, news)).outs) }),
  };
}

const lifecycles: Record<string, Lifecycle> = {
  [TOKENS.settings]: withIdsInOutputs(flowLogProvider as unknown as Lifecycle),
  [TOKENS.handover]: handoverProvider as unknown as Lifecycle,
};

/** The resource's type, the last `$`-separated part of the URN's type segment. */
function typeOf(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}

function lifecycleOf(urn: string): Lifecycle {
  const lifecycle = lifecycles[typeOf(urn)];
  if (!lifecycle) throw new Error(`azure-flowlogs: unknown resource type ${typeOf(urn)} (${urn})`);
  return lifecycle;
}

const version: string = JSON.parse(
  readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
).version;
const schema = packageSchema(version);

type Raw = Record<string, unknown>;

export const pluginProvider: pulumi.provider.Provider = {
  version,
  schema: JSON.stringify(schema),

  check(urn, olds, news) {
    // A FlowLogSettings declared on its own (or imported) is its own owner, as a FlowLog is for its child.
    const owned = typeOf(urn) === TOKENS.settings ? { ownerUrn: urn, ...(news as Raw) } : news;
    return lifecycleOf(urn).check(olds as never, owned as never);
  },

  diff: (id, urn, olds, news) => lifecycleOf(urn).diff(id, olds as never, news as never),

  create: (urn, inputs) => lifecycleOf(urn).create(inputs as never),

  async read(id, urn, props) {
    const lifecycle = lifecycleOf(urn);
    // An import knows only the ID: the flow log in Azure says what state would have recorded.
    const recorded =
      typeOf(urn) === TOKENS.settings && !(props as Raw | undefined)?.targetResourceId
        ? await recordedForImport(id)
        : props;
    const found = await lifecycle.read(id, recorded as never);
    // Gone: no ID tells the engine so (refresh drops it); the server cannot send properties that are absent.
    return { ...found, props: found.props ?? {} };
  },

  update: (id, urn, olds, news) => lifecycleOf(urn).update(id, olds as never, news as never),

  delete: (id, urn, props) => lifecycleOf(urn).delete(id, props as never),

  async construct(name, type, inputs, options) {
    if (type === TOKENS.flowLog) {
      const flowLog = new PluginFlowLog(name, inputs as unknown as FlowLogArgs, options);
      return { urn: flowLog.urn, state: stateOf(flowLog, schema.resources[TOKENS.flowLog].properties) };
    }
    if (type === TOKENS.migration) {
      const migration = new PluginNsgFlowLogMigration(
        name,
        inputs as unknown as NsgFlowLogMigrationArgs,
        options,
      );
      const flowLogIds = Object.entries(migration.flowLogs).map(([key, log]) => [key, log.flowLogResourceId]);
      return {
        urn: migration.urn,
        state: {
          disabledNsgFlowLogs: migration.disabledNsgFlowLogs,
          flowLogResourceIds: pulumi.all(Object.fromEntries(flowLogIds)),
        },
      };
    }
    throw new Error(`azure-flowlogs: unknown component type ${type}`);
  },
};
