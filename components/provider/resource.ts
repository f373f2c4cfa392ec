// The dynamic resource behind a FlowLog component: one flow log's settings on one target.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogOutputs, FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./inputs";
import { SERIALIZED_PROVIDER } from "./serialized-provider";

/** Inputs of the dynamic resource; the component hands over what is set, and the provider's check fills the defaults. */
export type FlowLogSettingsArgs = {
  [K in keyof Omit<
    FlowLogOutputs,
    "networkWatcherId" | "flowLogResourceId" | "provisioningState" | "targetResourceGuid" | "foreignOwnerId"
  >]?: pulumi.Input<FlowLogOutputs[K]>;
};

/**
 * A dynamic resource, registered as `pulumi.dynamic.Resource` registers one (its type token and the
 * `__provider` the provider host runs), with a fixed hand-written provider instead of a serialized closure.
 * It declares the outputs the component shows but cannot take from its ID; what else the provider records
 * (the owner, the target's GUID) stays in state, where the provider reads it, and costs the program nothing.
 */
export class FlowLogSettings extends pulumi.CustomResource {
  declare readonly targetResourceId: pulumi.Output<string>;
  declare readonly storageAccountId: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly retentionPolicy: pulumi.Output<RetentionPolicyInputs>;
  declare readonly format: pulumi.Output<FormatInputs>;
  declare readonly trafficAnalytics: pulumi.Output<TrafficAnalyticsInputs | undefined>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly enabledFilteringCriteria: pulumi.Output<string | undefined>;
  declare readonly recordTypes: pulumi.Output<string[] | undefined>;
  declare readonly identity: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly onDestroy: pulumi.Output<"disable" | "delete">;

  constructor(name: string, args: FlowLogSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, provisioningState: undefined, __provider: SERIALIZED_PROVIDER };
    super("pulumi-nodejs:dynamic/azure-flowlogs:FlowLogSettings", name, props, opts);
  }
}
