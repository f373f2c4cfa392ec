// Where Azure writes a flow log's blobs in its storage account: the container and the name prefix
// before the hourly `y=YYYY/m=MM/d=DD/h=HH/m=00/macAddress=<MAC>/PT1H.json` part. Azure spells the
// resource IDs in these names in upper case.
import { type TargetKind, targetKind } from "./resource-id";

export interface LogLocation {
  containerName: string;
  blobPathPrefix: string;
}

export const NSG_FLOW_LOG_CONTAINER = "insights-logs-networksecuritygroupflowevent";
export const VNET_FLOW_LOG_CONTAINER = "insights-logs-flowlogflowevent";

/** NSG flow logs are filed under the NSG; VNet, subnet and NIC flow logs under the flow log resource. */
export function logLocation(targetResourceId: string, flowLogResourceId: string): LogLocation {
  const kind: TargetKind | undefined = targetKind(targetResourceId);
  if (kind === "networkSecurityGroup") {
    return {
      containerName: NSG_FLOW_LOG_CONTAINER,
      blobPathPrefix: `resourceId=${targetResourceId.toUpperCase()}/`,
    };
  }
  return {
    containerName: VNET_FLOW_LOG_CONTAINER,
    blobPathPrefix: `flowLogResourceID=${flowLogResourceId.toUpperCase()}/`,
  };
}
