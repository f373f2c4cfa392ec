// IDs from the emulator's estate seed (emulator/seed/estate.json): an NSG flow-log estate to migrate.
export const ESTATE_SUBSCRIPTION = "33333333-3333-4333-8333-333333333333";

const rg = (group: string) => `/subscriptions/${ESTATE_SUBSCRIPTION}/resourceGroups/${group}/providers`;

export const nsg = (group: string, name: string) =>
  `${rg(group)}/Microsoft.Network/networkSecurityGroups/${name}`;
export const vnet = (group: string, name: string) => `${rg(group)}/Microsoft.Network/virtualNetworks/${name}`;
export const subnet = (group: string, network: string, name: string) =>
  `${vnet(group, network)}/subnets/${name}`;
export const nic = (group: string, name: string) =>
  `${rg(group)}/Microsoft.Network/networkInterfaces/${name}`;
export const scaleSet = (group: string, name: string) =>
  `${rg(group)}/Microsoft.Compute/virtualMachineScaleSets/${name}`;
export const scaleSetNic = (group: string, name: string, instance: number) =>
  `${scaleSet(group, name)}/virtualMachines/${instance}/networkInterfaces/${name}-nic`;
export const watcher = (region: string) =>
  `${rg("NetworkWatcherRG")}/Microsoft.Network/networkWatchers/NetworkWatcher_${region}`;
export const storage = (name: string) => `${rg("rg-logs")}/Microsoft.Storage/storageAccounts/${name}`;
