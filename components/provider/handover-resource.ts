// The dynamic resource behind each NSG an NsgFlowLogMigration hands over: that NSG's flow log goes off
// after the flow logs covering it run, and back on when the resource goes.
import * as pulumi from "@pulumi/pulumi";
import type { CoveringFlowLog, HandoverOutputs } from "./handover-inputs";
import { handoverProvider } from "./handover-shim";

export interface NsgFlowLogHandoverArgs {
  targetResourceId: pulumi.Input<string>;
  flowLogResourceId?: pulumi.Input<string>;
  /** Outputs of the covering FlowLogs: the engine orders this resource after them, and removes it before. */
  coveredBy: pulumi.Input<{ [K in keyof CoveringFlowLog]: pulumi.Input<CoveringFlowLog[K]> }[]>;
  /** IDs of existing flow logs that cover the NSG's NICs too, read again before the disable. */
  coveredByExisting: string[];
  /** `<type token>::<name>` of the migration, as a URN ends. */
  migration: string;
  timeoutMinutes?: pulumi.Input<number>;
}

export class NsgFlowLogHandover extends pulumi.dynamic.Resource {
  declare readonly targetResourceId: pulumi.Output<string>;
  declare readonly networkWatcherId: pulumi.Output<string>;
  declare readonly nsgFlowLogResourceId: pulumi.Output<string | undefined>;
  declare readonly nsgFlowLogEnabled: pulumi.Output<boolean>;
  declare readonly disabledByMigration: pulumi.Output<boolean>;

  constructor(name: string, args: NsgFlowLogHandoverArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs: Record<Exclude<keyof HandoverOutputs, keyof NsgFlowLogHandoverArgs>, undefined> = {
      networkWatcherId: undefined,
      nsgFlowLogResourceId: undefined,
      nsgFlowLogEnabled: undefined,
      disabledByMigration: undefined,
      trafficAnalyticsWasEnabled: undefined,
    };
    super(handoverProvider, name, { ...args, ...outputs }, opts, "azure-flowlogs", "NsgFlowLogHandover");
  }
}
