// IDs from the emulator's default seed (emulator/seed/default.json) that tests and the demo use.
export const SUBSCRIPTION = "11111111-1111-4111-8111-111111111111";
export const SANDBOX_SUBSCRIPTION = "22222222-2222-4222-8222-222222222222";

const rg = (group: string, sub = SUBSCRIPTION) => `/subscriptions/${sub}/resourceGroups/${group}/providers`;

export const WATCHER_WEU = `${rg("NetworkWatcherRG")}/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;
export const VNET_WEB = `${rg("rg-network")}/Microsoft.Network/virtualNetworks/vnet-web`;
export const VNET_API = `${rg("rg-network")}/Microsoft.Network/virtualNetworks/vnet-api`;
export const SUBNET_APP = `${VNET_WEB}/subnets/app`;
export const NIC_WEB = `${rg("rg-network")}/Microsoft.Network/networkInterfaces/nic-web-01`;
export const VNET_NEU = `${rg("rg-network-neu")}/Microsoft.Network/virtualNetworks/vnet-neu`;
/** Had an enabled flow log before NSG flow logs stopped being created. */
export const NSG_WITH_ENABLED_LOG = `${rg("rg-network")}/Microsoft.Network/networkSecurityGroups/nsg-web`;
/** Had a flow log before the cut-off, now disabled: may be re-enabled. */
export const NSG_WITH_DISABLED_LOG = `${rg("rg-network")}/Microsoft.Network/networkSecurityGroups/nsg-app`;
/** Never had a flow log: Azure refuses a new one. */
export const NSG_NEW = `${rg("rg-network")}/Microsoft.Network/networkSecurityGroups/nsg-new`;
export const STORAGE_WEU = `${rg("rg-logs")}/Microsoft.Storage/storageAccounts/flowlogsweu001`;
export const STORAGE_WEU_2 = `${rg("rg-logs")}/Microsoft.Storage/storageAccounts/flowlogsweu002`;
export const STORAGE_NEU = `${rg("rg-logs")}/Microsoft.Storage/storageAccounts/flowlogsneu001`;
export const WORKSPACE_WEU = `${rg("rg-logs")}/Microsoft.OperationalInsights/workspaces/law-weu`;
export const WORKSPACE_WEU_GUID = "a1b2c3d4-0000-4000-8000-00000000a001";
export const SANDBOX_VNET = `${rg("rg-sandbox", SANDBOX_SUBSCRIPTION)}/Microsoft.Network/virtualNetworks/vnet-sandbox`;
export const SANDBOX_STORAGE = `${rg("rg-sandbox", SANDBOX_SUBSCRIPTION)}/Microsoft.Storage/storageAccounts/sandboxweu001`;

/** The generated virtual networks vnet-scale-001 .. vnet-scale-200. */
export function scaleVnet(i: number): string {
  return `${rg("rg-scale")}/Microsoft.Network/virtualNetworks/vnet-scale-${String(i).padStart(3, "0")}`;
}
