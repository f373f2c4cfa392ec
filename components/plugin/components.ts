// The components as the provider plugin constructs them for other languages: the same FlowLog and
// NsgFlowLogMigration classes, under the schema's tokens, made of the plugin's custom resources
// instead of dynamic ones. Every rule stays in the classes they extend and in the lifecycle.
import * as pulumi from "@pulumi/pulumi";
import { FlowLog } from "../flow-log";
import { NsgFlowLogMigration } from "../nsg-flow-log-migration";
import type { HandoverOutputs } from "../provider/handover-inputs";
import type { NsgFlowLogHandover, NsgFlowLogHandoverArgs } from "../provider/handover-resource";
import type { FlowLogOutputs } from "../provider/inputs";
import type { FlowLogSettings, FlowLogSettingsArgs } from "../provider/resource";
import { TOKENS } from "./schema";

/** Outputs only the provider sets: registered as undefined so the resource object has them. */
const SETTINGS_OUTPUTS: Record<Exclude<keyof FlowLogOutputs, keyof FlowLogSettingsArgs>, undefined> = {
  networkWatcherId: undefined,
  flowLogResourceId: undefined,
  provisioningState: undefined,
  targetResourceGuid: undefined,
  foreignOwnerId: undefined,
};

const HANDOVER_OUTPUTS: Record<Exclude<keyof HandoverOutputs, keyof NsgFlowLogHandoverArgs>, undefined> = {
  networkWatcherId: undefined,
  nsgFlowLogResourceId: undefined,
  nsgFlowLogEnabled: undefined,
  disabledByMigration: undefined,
  trafficAnalyticsWasEnabled: undefined,
};

/** A resource of this plugin: its outputs are the properties registered with it. */
class PluginResource extends pulumi.CustomResource {}

export class PluginFlowLog extends FlowLog {
  static override readonly typeToken = TOKENS.flowLog;

  protected static override settings(
    name: string,
    args: FlowLogSettingsArgs,
    opts: pulumi.CustomResourceOptions,
  ): FlowLogSettings {
    // The same output properties as the dynamic resource's, resolved by the engine from this plugin's answers.
    return new PluginResource(
      TOKENS.settings,
      name,
      { ...args, ...SETTINGS_OUTPUTS },
      opts,
    ) as FlowLogSettings;
  }
}

export class PluginNsgFlowLogMigration extends NsgFlowLogMigration {
  static override readonly typeToken = TOKENS.migration;
  protected static override readonly FlowLog: typeof FlowLog = PluginFlowLog;

  protected static override handover(
    name: string,
    args: NsgFlowLogHandoverArgs,
    opts: pulumi.CustomResourceOptions,
  ): NsgFlowLogHandover {
    return new PluginResource(
      TOKENS.handover,
      name,
      { ...args, ...HANDOVER_OUTPUTS },
      opts,
    ) as NsgFlowLogHandover;
  }
}

/** The component's outputs as the schema names them, for `construct`'s answer. */
export function stateOf(
  component: pulumi.ComponentResource,
  outputs: Record<string, unknown>,
): Record<string, pulumi.Input<unknown>> {
  const values = component as unknown as Record<string, pulumi.Input<unknown>>;
  return Object.fromEntries(Object.keys(outputs).map((name) => [name, values[name]]));
}
