// The provider plugin as the engine finds it: its launcher (bin/pulumi-resource-azure-flowlogs, running
// the built dist/) first on PATH, as `npm install -g pulumi-azure-flowlogs` leaves it.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs, NsgFlowLogMigrationArgs } from "../../components";
import type { RunningEmulator } from "../../emulator";
import { providerEnv } from "./emulated-azure";
import { repoRoot } from "./engine";

/** The folder holding the launcher; a Pulumi.yaml's `plugins.providers` path names it too. */
export const PLUGIN_DIR = path.join(repoRoot, "bin");

/** Environment for the engine: the emulator's, and the plugin on PATH. */
export function pluginEnv(emulator: RunningEmulator): Record<string, string> {
  return { ...providerEnv(emulator), PATH: `${PLUGIN_DIR}${path.delimiter}${process.env.PATH}` };
}

/** The resource types a stack holds, by URN name. */
export function typesByName(resources: { urn: string; type: string }[] = []): Record<string, string> {
  return Object.fromEntries(resources.map((r) => [r.urn.split("::").pop(), r.type]));
}

/** What a generated Node.js SDK's FlowLog would be: the schema's token, constructed by the plugin. */
export class RemoteFlowLog extends pulumi.ComponentResource {
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly flowLogResourceId: pulumi.Output<string>;
  declare readonly containerName: pulumi.Output<string>;

  constructor(name: string, args: FlowLogArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const outputs = { flowLogResourceId: undefined, containerName: undefined };
    super(
      "azure-flowlogs:index:FlowLog",
      name,
      { enabled: undefined, ...args, ...outputs },
      opts,
      true, // remote: the plugin constructs it
    );
  }
}

/** What a generated Node.js SDK's NsgFlowLogMigration would be: the schema's token, constructed by the plugin. */
export class RemoteNsgFlowLogMigration extends pulumi.ComponentResource {
  declare readonly disabledNsgFlowLogs: pulumi.Output<string[]>;
  declare readonly flowLogResourceIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: NsgFlowLogMigrationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const outputs = { disabledNsgFlowLogs: undefined, flowLogResourceIds: undefined };
    super("azure-flowlogs:index:NsgFlowLogMigration", name, { ...args, ...outputs }, opts, true);
  }
}
