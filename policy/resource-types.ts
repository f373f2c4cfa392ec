// Which stack resources the rules look at, by type token.

/**
 * The resource holding a FlowLog's settings: the FlowLog component's child (a dynamic resource whose
 * type is `pulumi-nodejs:dynamic/<module>:<type>`). The component itself registers no inputs.
 */
export const FLOW_LOG_SETTINGS_TYPE = "pulumi-nodejs:dynamic/azure-flowlogs:FlowLogSettings";

/** azure-native's network module, unversioned (`azure-native:network:X`) or pinned (`azure-native:network/v20240301:X`). */
function azureNativeNetwork(type: string, kind: string): boolean {
  return new RegExp(`^azure-native:network(/v\\w+)?:${kind}$`).test(type);
}

export const isFlowLogSettings = (type: string): boolean => type === FLOW_LOG_SETTINGS_TYPE;
export const isVirtualNetwork = (type: string): boolean => azureNativeNetwork(type, "VirtualNetwork");
export const isSubnet = (type: string): boolean => azureNativeNetwork(type, "Subnet");
export const isNetworkInterface = (type: string): boolean => azureNativeNetwork(type, "NetworkInterface");

/**
 * Any provider's network security group: azure-native's (every API version), the classic azure
 * provider's (`azure:network/networkSecurityGroup:NetworkSecurityGroup`), or a program's own resource
 * named so.
 */
export const isNetworkSecurityGroup = (type: string): boolean => /:NetworkSecurityGroup$/.test(type);
