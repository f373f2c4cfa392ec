// The FlowLog component's public arguments, field by field with their defaults.
import type * as pulumi from "@pulumi/pulumi";
import type { FlowRecordType, FormatType, OnDestroy } from "./enums";

/** How long Azure keeps the log blobs. */
export interface RetentionPolicyArgs {
  /** Whether the retention policy applies. Default: true when `days` is above 0, else false. */
  enabled?: pulumi.Input<boolean>;
  /** Days to keep each blob, 0 to 365. 0 keeps them forever. Default: 0. */
  days?: pulumi.Input<number>;
}

/** The log format. Azure writes JSON only. */
export interface FormatArgs {
  /** Always "JSON". Default: "JSON". */
  type?: pulumi.Input<FormatType>;
  /** 1 or 2; version 2 adds flow state and byte/packet counts. Default: 2. */
  version?: pulumi.Input<1 | 2>;
}

/** Traffic analytics: Azure processes the logs into a Log Analytics workspace. */
export interface TrafficAnalyticsArgs {
  /** Default: true. */
  enabled?: pulumi.Input<boolean>;
  /** ARM ID of the Log Analytics workspace. Required. */
  workspaceResourceId: pulumi.Input<string>;
  /** The workspace's GUID (customerId). Default: looked up from the workspace. */
  workspaceId?: pulumi.Input<string>;
  /** The workspace's region. Default: looked up from the workspace. */
  workspaceRegion?: pulumi.Input<string>;
  /** Processing interval in minutes, 10 or 60. Default: 60. */
  intervalInMinutes?: pulumi.Input<10 | 60>;
}

/** A Network Watcher, named within the target's subscription. */
export interface NetworkWatcherArgs {
  /** Usually "NetworkWatcherRG". */
  resourceGroupName: pulumi.Input<string>;
  /** Usually "NetworkWatcher_<region>". */
  name: pulumi.Input<string>;
}

/** Arguments of {@link FlowLog}. */
export interface FlowLogArgs {
  /**
   * ARM ID of what to log: a virtual network, subnet or network interface (VNet flow logs), or a
   * network security group that already has a flow log (Azure creates no new NSG flow logs since
   * 30 June 2025). Changing it replaces the flow log. Required.
   */
  targetResourceId: pulumi.Input<string>;
  /** ARM ID of the storage account the logs are written to; it must be in the target's region. Required. */
  storageAccountId: pulumi.Input<string>;
  /** Whether logging is on. Default: true. */
  enabled?: pulumi.Input<boolean>;
  /** Default: no retention policy (`{ enabled: false, days: 0 }`), i.e. blobs are kept forever. */
  retentionPolicy?: pulumi.Input<RetentionPolicyArgs>;
  /** Default: `{ type: "JSON", version: 2 }`. */
  format?: pulumi.Input<FormatArgs>;
  /** Default: none (traffic analytics off). */
  trafficAnalytics?: pulumi.Input<TrafficAnalyticsArgs>;
  /** Default: the subscription's watcher in the target's region, found by listing them. Changing it replaces the flow log. */
  networkWatcher?: pulumi.Input<NetworkWatcherArgs>;
  /**
   * Take over a target whose flow log is already enabled and was not created by this stack.
   * Without it, such a target is refused and left untouched. Only consulted on create. Default: false.
   */
  adoptExisting?: pulumi.Input<boolean>;
  /** Upper bound for one Azure operation, retries and polling included, 1 to 1440. Default: 20. */
  timeoutMinutes?: pulumi.Input<number>;
  /**
   * Which flows to log: a filter expression of conditions `<field>=<value>[,<value>...]` over SrcIP,
   * SrcPort, DstIP, DstPort, Protocol, Encryption, Direction and Action (any case), joined by `||` and
   * `&&`, e.g. `SrcIP=10.0.0.4 || DstPort=443 && Protocol=TCP`. IPs as addresses, CIDR blocks or
   * `a-b` ranges; ports 0 to 65535 or ranges. At most 1000 characters, no brackets: `&&` binds tighter
   * than `||`. Changes in place. Default: every flow.
   */
  enabledFilteringCriteria?: pulumi.Input<string>;
  /**
   * Which flow states to log (Azure CLI `--record-types`): distinct values of "B" (begin), "C"
   * (continuing), "E" (end), "D" (denied), in any order, as a list or as the Azure CLI's comma string
   * ("B,E"). Changes in place. Default: all four.
   */
  recordTypes?: pulumi.Input<pulumi.Input<FlowRecordType>[]> | pulumi.Input<string>;
  /**
   * ARM ID of a user-assigned managed identity the flow log writes to storage with, or "none" for
   * none (an identity the flow log has is removed). A system-assigned identity is refused at preview:
   * Azure answers it with CannotSetResourceIdentity. Changes in place. Default: none.
   */
  identity?: pulumi.Input<string>;
  /**
   * Tags on the flow log besides the owner tag this package sets, which is always kept: a tag of that
   * name is refused. Leaving `tags` out later removes the tags it had set and keeps any others.
   * Changes in place. Default: the flow log's tags are left as they are.
   */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Name of the watcher's `flowLogs` resource, 1 to 80 characters (letters, digits, '_', '.', '-';
   * azurerm's rule). Not for NSG targets, whose flow log keeps its name. Changing it replaces, deleting
   * the old flow log first (a target has one). Default: the name of the target's existing flow log, else
   * Azure's naming, `Microsoft.Network<resource group><target name>`.
   */
  flowLogName?: pulumi.Input<string>;
  /**
   * What destroy (and a replacement) does to the flow log: "delete" it or "disable" it, keeping its
   * settings. A flow log another resource has taken over is left alone either way. Changing it writes
   * nothing to Azure. Default: "delete" for VNet, subnet and NIC targets; "disable" for NSG targets,
   * where "delete" is refused at preview (Azure creates no new NSG flow logs, so a deleted one cannot
   * come back).
   */
  onDestroy?: pulumi.Input<OnDestroy>;
}
