// The FlowLog component: Network Watcher flow logs on one target, declared like any other resource.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "./args";
import { logLocation } from "./azure/log-location";
import { checkArgs } from "./check-args";
import { warnOfPlainCredentials } from "./config-credentials";
import type { Format, RetentionPolicy, TrafficAnalytics } from "./outputs";
import { watcherIdOf } from "./provider/recorded-outputs";
import { FlowLogSettings, type FlowLogSettingsArgs } from "./provider/resource";
import { withoutPromiseStacks } from "./quiet-stacks";

/** Options a FlowLog hands on to the resource that does the work; parent-inherited ones need no help. */
const FORWARDED_OPTIONS = [
  "retainOnDelete",
  "ignoreChanges",
  "customTimeouts",
  "deletedWith",
  "replaceOnChanges",
] as const;

/**
 * Azure Network Watcher flow logs on a virtual network, subnet, network interface or (existing)
 * network security group, configured through Network Watcher and read back on refresh.
 *
 * Destroying it deletes a VNet, subnet or NIC flow log and disables an NSG one (see `onDestroy`), and
 * never touches a flow log another resource has taken over.
 */
export class FlowLog extends pulumi.ComponentResource {
  /** The component's type token. */
  static readonly typeToken: string = "azure-flowlogs:network:FlowLog";

  /**
   * Makes the resource that does the work: the dynamic one in a Node.js program; the provider plugin's
   * FlowLog (components/plugin/) makes its custom resource, which runs the same lifecycle.
   */
  protected static settings(
    name: string,
    args: FlowLogSettingsArgs,
    opts: pulumi.CustomResourceOptions,
  ): FlowLogSettings {
    return new FlowLogSettings(name, args, opts);
  }

  /** ARM ID of the logged resource. */
  readonly targetResourceId: pulumi.Output<string>;
  /** Whether logging is on, as Azure reports it. */
  readonly enabled: pulumi.Output<boolean>;
  /** ARM ID of the storage account receiving the logs. */
  readonly storageAccountId: pulumi.Output<string>;
  /** The retention policy Azure applies. */
  readonly retentionPolicy: pulumi.Output<RetentionPolicy>;
  /** The log format Azure writes. */
  readonly format: pulumi.Output<Format>;
  /** Traffic analytics settings, with the workspace GUID and region resolved; undefined when off. */
  readonly trafficAnalytics: pulumi.Output<TrafficAnalytics | undefined>;
  /** ARM ID of the Network Watcher that holds the flow log. */
  readonly networkWatcherId: pulumi.Output<string>;
  /** ARM ID of the flow log (the watcher's `flowLogs` child). */
  readonly flowLogResourceId: pulumi.Output<string>;
  /** Azure's provisioning state of the flow log, e.g. "Succeeded". */
  readonly provisioningState: pulumi.Output<string>;
  /** Blob container in the storage account that receives the logs. */
  readonly containerName: pulumi.Output<string>;
  /** The filter expression Azure applies; undefined when every flow is logged. */
  readonly enabledFilteringCriteria: pulumi.Output<string | undefined>;
  /** The flow states Azure logs; undefined when it logs all of them. */
  readonly recordTypes: pulumi.Output<string[] | undefined>;
  /** ARM ID of the user-assigned identity the flow log writes with, "none", or undefined when none was asked for. */
  readonly identity: pulumi.Output<string | undefined>;
  /** The flow log's tags besides the owner tag, when the program sets tags. */
  readonly tags: pulumi.Output<Record<string, string> | undefined>;
  /** What destroy does to the flow log: "delete" or "disable". */
  readonly onDestroy: pulumi.Output<"disable" | "delete">;
  /** Blob name prefix of this target's logs, followed by `y=YYYY/m=MM/d=DD/h=HH/m=00/macAddress=<MAC>/PT1H.json`. */
  readonly blobPathPrefix: pulumi.Output<string>;

  constructor(name: string, args: FlowLogArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const customTimeoutSeconds = checkArgs(name, args, opts.customTimeouts);
    super(new.target.typeToken, name, {}, opts);
    warnOfPlainCredentials(this);
    const forwarded = Object.fromEntries(
      FORWARDED_OPTIONS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]),
    );
    const settingsArgs = {
      targetResourceId: args.targetResourceId,
      storageAccountId: args.storageAccountId,
      enabled: args.enabled ?? true,
      retentionPolicy: args.retentionPolicy as pulumi.Input<RetentionPolicy>,
      format: args.format as pulumi.Input<Format>,
      trafficAnalytics: args.trafficAnalytics as pulumi.Input<TrafficAnalytics>,
      enabledFilteringCriteria: args.enabledFilteringCriteria,
      recordTypes: args.recordTypes,
      identity: args.identity,
      // Only when given: the provider records tags only when the program sets them.
      ...(args.tags !== undefined ? { tags: args.tags } : {}),
      onDestroy: args.onDestroy,
      ...unexposedInputs(args),
      // Only when given, so a stack that never set customTimeouts keeps its inputs as they were.
      ...(customTimeoutSeconds ? { customTimeoutSeconds } : {}),
      ownerUrn: this.urn,
    } as FlowLogSettingsArgs;
    // Called here rather than through a helper taking a callback, whose frames the SDK would record in state.
    const restoreStacks = withoutPromiseStacks();
    let settings: FlowLogSettings;
    try {
      settings = new.target.settings(name, settingsArgs, pulumi.mergeOptions({ parent: this }, forwarded));
    } finally {
      restoreStacks();
    }

    this.targetResourceId = settings.targetResourceId;
    this.enabled = settings.enabled;
    this.storageAccountId = settings.storageAccountId;
    this.retentionPolicy = settings.retentionPolicy;
    this.format = settings.format;
    this.trafficAnalytics = settings.trafficAnalytics;
    // The resource's ID is the flow log's, and stays known while a preview shows an update; state
    // records neither ID again (see provider/recorded-outputs.ts).
    this.flowLogResourceId = settings.id;
    this.networkWatcherId = settings.id.apply(watcherIdOf);
    this.provisioningState = settings.provisioningState;
    this.enabledFilteringCriteria = settings.enabledFilteringCriteria;
    this.recordTypes = settings.recordTypes;
    this.identity = settings.identity;
    this.tags = args.tags === undefined ? pulumi.output(undefined) : settings.tags;
    this.onDestroy = settings.onDestroy;
    const location = pulumi
      .all([settings.targetResourceId, this.flowLogResourceId])
      .apply(([target, flowLog]) => logLocation(target, flowLog));
    this.containerName = location.containerName;
    this.blobPathPrefix = location.blobPathPrefix;
    // The outputs live once in state, on the settings resource: a copy on the component would store
    // them again (about 1.2 KB a flow log), and the engine rewrites the whole state after every step.
    this.registerOutputs({});
  }
}

/**
 * The inputs no output of the component shows, only when set: each property of a resource costs the
 * program four promises, each with a stack trace, whether or not it has a value.
 */
function unexposedInputs(args: FlowLogArgs) {
  const { networkWatcher, timeoutMinutes, flowLogName, adoptExisting } = args;
  return Object.fromEntries(
    Object.entries({ networkWatcher, timeoutMinutes, flowLogName, adoptExisting }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}
