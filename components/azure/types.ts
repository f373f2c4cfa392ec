// Plain shapes of the Azure layer: what callers pass in and get back. No SDK types leak out.

export interface RetentionPolicy {
  enabled: boolean;
  /** 0 keeps the logs forever. */
  days: number;
}

export interface FlowLogFormat {
  type: "JSON";
  version: 1 | 2;
}

export interface TrafficAnalytics {
  enabled: boolean;
  /** The workspace's GUID (customerId). */
  workspaceId: string;
  workspaceRegion: string;
  workspaceResourceId: string;
  intervalInMinutes: 10 | 60;
}

/** The flow states Azure can log: begin, continuing, end, denied, in the order Azure lists them. */
export const RECORD_TYPES = ["B", "C", "E", "D"] as const;
/** A flow state Azure can log (see RECORD_TYPES). */
export type RecordType = (typeof RECORD_TYPES)[number];

export interface FlowLogConfig {
  targetResourceId: string;
  storageId: string;
  enabled: boolean;
  retentionPolicy: RetentionPolicy;
  format: FlowLogFormat;
  trafficAnalytics?: TrafficAnalytics;
  /** Which flows to log (VNet flow logs); undefined logs every flow. */
  enabledFilteringCriteria?: string;
  /** Which flow states to log; undefined logs all of them. */
  recordTypes?: RecordType[];
  /** ARM ID of the user-assigned identity the flow log writes with; undefined for none. */
  userAssignedIdentityId?: string;
  /**
   * The flow log's tags besides the owner tag, which `apply` always adds; undefined keeps the tags it
   * has. On a state read back from Azure: every tag, the owner tag included.
   */
  tags?: Record<string, string>;
  /** Name of a new flowLogs resource; default Azure's own naming (see defaultFlowLogName). An existing one keeps its name. */
  flowLogName?: string;
}

export interface FlowLogState extends FlowLogConfig {
  flowLogResourceId?: string;
  /** Who manages this flow log, from its owner tag (see OWNER_TAG). */
  owner?: string;
  provisioningState?: string;
  targetResourceGuid?: string;
  /** The flowLogs resource's region (its watcher's), when it was read from that resource. */
  location?: string;
}

export interface NetworkWatcherRef {
  id: string;
  name: string;
  resourceGroupName: string;
  subscriptionId: string;
  location: string;
}

export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location: string;
  properties: Record<string, unknown>;
}

export interface CloudEndpoints {
  name: string;
  /** Base URL of Azure Resource Manager, without a trailing slash. */
  resourceManager: string;
  /** Base URL of Microsoft Entra ID (Azure AD), without a trailing slash. */
  authorityHost: string;
  /** Token audience for ARM; the scope is `${audience}/.default`. */
  audience: string;
  storageSuffix: string;
  /** A cloud described by a metadata host rather than one of Azure's own. */
  custom: boolean;
}

export interface AzureSettings {
  environment?: string;
  metadataHost?: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  clientCertificatePath?: string;
  clientCertificatePassword?: string;
  useOidc?: boolean;
  oidcToken?: string;
  oidcTokenFilePath?: string;
  oidcRequestToken?: string;
  oidcRequestUrl?: string;
  useMsi?: boolean;
  subscriptionId?: string;
}
