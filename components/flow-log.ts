// The FlowLog component: Network Watcher flow logs on one target, declared like any other resource.
import * as pulumi from "@pulumi/pulumi";
import type { FlowLogArgs } from "./args";
import { checkArgs } from "./check-args";
import { logLocation } from "./log-location";
import type { FormatInputs, RetentionPolicyInputs, TrafficAnalyticsInputs } from "./provider/inputs";
import { FlowLogSettings } from "./provider/resource";

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
  static readonly typeToken = "azure-flowlogs:network:FlowLog";

  /** ARM ID of the logged resource. */
  readonly targetResourceId: pulumi.Output<string>;
  /** Whether logging is on, as Azure reports it. */
  readonly enabled: pulumi.Output<boolean>;
  /** ARM ID of the storage account receiving the logs. */
  readonly storageAccountId: pulumi.Output<string>;
  /** The retention policy Azure applies. */
  readonly retentionPolicy: pulumi.Output<RetentionPolicyInputs>;
  /** The log format Azure writes. */
  readonly format: pulumi.Output<FormatInputs>;
  /** Traffic analytics settings, with the workspace GUID and region resolved; undefined when off. */
  readonly trafficAnalytics: pulumi.Output<TrafficAnalyticsInputs | undefined>;
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
    const customTimeoutSeconds = checkArgs(args, opts.customTimeouts);
    super(FlowLog.typeToken, name, {}, opts);
    const forwarded = Object.fromEntries(
      FORWARDED_OPTIONS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]),
    );
    const settings = new FlowLogSettings(
      name,
      {
        targetResourceId: args.targetResourceId,
        storageAccountId: args.storageAccountId,
        enabled: args.enabled ?? true,
        retentionPolicy: args.retentionPolicy as pulumi.Input<RetentionPolicyInputs>,
        format: args.format as pulumi.Input<FormatInputs>,
        trafficAnalytics: args.trafficAnalytics as pulumi.Input<TrafficAnalyticsInputs>,
        networkWatcher: args.networkWatcher as FlowLogSettingsWatcher,
        adoptExisting: args.adoptExisting,
        timeoutMinutes: args.timeoutMinutes,
        enabledFilteringCriteria: args.enabledFilteringCriteria,
        recordTypes: args.recordTypes,
        identity: args.identity,
        tags: args.tags,
        flowLogName: args.flowLogName,
        onDestroy: args.onDestroy,
        // Only when given, so a stack that never set customTimeouts keeps its inputs as they were.
        ...(customTimeoutSeconds ? { customTimeoutSeconds } : {}),
        ownerUrn: this.urn,
      } as ConstructorParameters<typeof FlowLogSettings>[1],
      pulumi.mergeOptions({ parent: this }, forwarded),
    );

    this.targetResourceId = settings.targetResourceId;
    this.enabled = settings.enabled;
    this.storageAccountId = settings.storageAccountId;
    this.retentionPolicy = settings.retentionPolicy;
    this.format = settings.format;
    this.trafficAnalytics = settings.trafficAnalytics;
    this.networkWatcherId = settings.networkWatcherId;
    // The resource's ID is the flow log's, and stays known while a preview shows an update (its
    // `flowLogResourceId` output would be unknown then, so outputs built from it would show as changed).
    this.flowLogResourceId = settings.id;
    this.provisioningState = settings.provisioningState;
    this.enabledFilteringCriteria = settings.enabledFilteringCriteria;
    this.recordTypes = settings.recordTypes;
    this.identity = settings.identity;
    this.tags = settings.tags;
    this.onDestroy = settings.onDestroy;
    const location = pulumi
      .all([settings.targetResourceId, this.flowLogResourceId])
      .apply(([target, flowLog]) => logLocation(target, flowLog));
    this.containerName = location.containerName;
    this.blobPathPrefix = location.blobPathPrefix;
    this.registerOutputs({
      targetResourceId: this.targetResourceId,
      enabled: this.enabled,
      storageAccountId: this.storageAccountId,
      retentionPolicy: this.retentionPolicy,
      format: this.format,
      trafficAnalytics: this.trafficAnalytics,
      networkWatcherId: this.networkWatcherId,
      flowLogResourceId: this.flowLogResourceId,
      provisioningState: this.provisioningState,
      enabledFilteringCriteria: this.enabledFilteringCriteria,
      recordTypes: this.recordTypes,
      identity: this.identity,
      tags: this.tags,
      onDestroy: this.onDestroy,
      containerName: this.containerName,
      blobPathPrefix: this.blobPathPrefix,
    });
  }
}

type FlowLogSettingsWatcher = pulumi.Input<{ resourceGroupName: string; name: string }>;
