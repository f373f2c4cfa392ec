// The dynamic resource behind a FlowLog component: one flow log's settings on one target.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogOutputs, FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./inputs";
import { flowLogProvider } from "./shim";

/** Inputs of the dynamic resource; the component fills the defaults. */
export type FlowLogSettingsArgs = {
  [K in keyof Omit<
    FlowLogOutputs,
    "networkWatcherId" | "flowLogResourceId" | "provisioningState" | "targetResourceGuid" | "foreignOwnerId"
  >]: pulumi.Input<FlowLogOutputs[K]>;
};

export class FlowLogSettings extends pulumi.dynamic.Resource {
  declare readonly targetResourceId: pulumi.Output<string>;
  declare readonly storageAccountId: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly retentionPolicy: pulumi.Output<RetentionPolicyInputs>;
  declare readonly format: pulumi.Output<FormatInputs>;
  declare readonly trafficAnalytics: pulumi.Output<TrafficAnalyticsInputs | undefined>;
  declare readonly networkWatcherId: pulumi.Output<string>;
  declare readonly flowLogResourceId: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly targetResourceGuid: pulumi.Output<string | undefined>;
  declare readonly ownerId: pulumi.Output<string>;
  declare readonly foreignOwnerId: pulumi.Output<string | undefined>;
  declare readonly enabledFilteringCriteria: pulumi.Output<string | undefined>;
  declare readonly recordTypes: pulumi.Output<string[] | undefined>;
  declare readonly identity: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly flowLogName: pulumi.Output<string | undefined>;
  declare readonly onDestroy: pulumi.Output<"disable" | "delete">;

  constructor(name: string, args: FlowLogSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      networkWatcherId: undefined,
      flowLogResourceId: undefined,
      provisioningState: undefined,
      targetResourceGuid: undefined,
      foreignOwnerId: undefined,
    };
    super(flowLogProvider, name, { ...args, ...outputs }, opts, "azure-flowlogs", "FlowLogSettings");
  }
}
