// Example: a fresh network and storage account, with VNet flow logs on the network.
// (New NSG flow logs are refused by Azure since 30 June 2025, so the log sits on the virtual network.)
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import * as random from "@pulumi/random";
import { FlowLog } from "../components";

export interface NewNetworkSettings {
  /** Azure region for everything, e.g. "westeurope". */
  location: string;
  /** Prefix of every resource name. */
  prefix: string;
  /** Days to keep the logs (0 keeps them forever). */
  retentionDays: number;
}

export function newNetworkStack(settings: NewNetworkSettings) {
  const { location, prefix } = settings;
  const group = new resources.ResourceGroup(`${prefix}-rg`, { location });
  const nsg = new network.NetworkSecurityGroup(`${prefix}-nsg`, { resourceGroupName: group.name, location });
  const vnet = new network.VirtualNetwork(`${prefix}-vnet`, {
    resourceGroupName: group.name,
    location,
    addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
    subnets: [{ name: "web", addressPrefix: "10.20.1.0/24", networkSecurityGroup: { id: nsg.id } }],
  });
  // Storage account names are global: 3-24 lower-case letters and digits.
  const suffix = new random.RandomString(`${prefix}-suffix`, { length: 8, special: false, upper: false });
  const account = new storage.StorageAccount(`${prefix}-logs`, {
    accountName: suffix.result.apply((s) => `flowlogs${s}`),
    resourceGroupName: group.name,
    location,
    kind: storage.Kind.StorageV2,
    sku: { name: storage.SkuName.Standard_LRS },
    minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
    allowBlobPublicAccess: false,
  });
  const flowLog = new FlowLog(`${prefix}-vnet`, {
    targetResourceId: vnet.id,
    storageAccountId: account.id,
    retentionPolicy: { days: settings.retentionDays },
    format: { version: 2 },
  });
  return {
    vnetId: vnet.id,
    storageAccountId: account.id,
    flowLogId: flowLog.flowLogResourceId,
    flowLogEnabled: flowLog.enabled,
  };
}
