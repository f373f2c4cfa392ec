// Small network topologies for planner tests, in the shape readNetworkTopology returns.
import type {
  NetworkTopology,
  TopologyFlowLog,
  TopologyNic,
  TopologyVirtualNetwork,
} from "../../components/azure/topology";

export const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const rg = (name: string) => `${SUB}/resourceGroups/${name}`;
export const WATCHER = `${rg("NetworkWatcherRG")}/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;
export const STORAGE_A = `${rg("rg-logs")}/providers/Microsoft.Storage/storageAccounts/logsa`;
export const STORAGE_B = `${rg("rg-logs")}/providers/Microsoft.Storage/storageAccounts/logsb`;
export const WORKSPACE = `${rg("rg-logs")}/providers/Microsoft.OperationalInsights/workspaces/law`;

export const nsgId = (name: string, group = "rg-net") =>
  `${rg(group)}/providers/Microsoft.Network/networkSecurityGroups/${name}`;
export const vnetId = (name: string, group = "rg-net") =>
  `${rg(group)}/providers/Microsoft.Network/virtualNetworks/${name}`;
export const subnetId = (vnet: string, subnet: string, group = "rg-net") =>
  `${vnetId(vnet, group)}/subnets/${subnet}`;
export const nicId = (name: string, group = "rg-net") =>
  `${rg(group)}/providers/Microsoft.Network/networkInterfaces/${name}`;
export const scaleSetNicId = (vmss: string, instance: number, group = "rg-net") =>
  `${rg(group)}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmss}/virtualMachines/${instance}/networkInterfaces/${vmss}-nic`;

export type Settings = Partial<Omit<TopologyFlowLog, "id" | "name" | "targetKind" | "targetResourceId">>;

export class TopologyBuilder {
  private readonly topology: NetworkTopology = {
    subscriptionId: "00000000-0000-4000-8000-000000000001",
    region: "westeurope",
    watcher: {
      id: WATCHER,
      name: "NetworkWatcher_westeurope",
      resourceGroupName: "NetworkWatcherRG",
      subscriptionId: "00000000-0000-4000-8000-000000000001",
      location: "westeurope",
    },
    nsgs: [],
    virtualNetworks: [],
    nics: [],
    flowLogs: [],
  };

  nsg(name: string, log?: Settings): this {
    const id = nsgId(name);
    this.topology.nsgs.push({ id, name, resourceGroupName: "rg-net" });
    if (log) this.flowLog(id, "networkSecurityGroup", `Microsoft.Networkrg-net${name}`, log);
    return this;
  }

  /** A VNet with subnets, each `name` or `name:nsg`. */
  vnet(name: string, subnets: string[], group = "rg-net"): this {
    const vnet: TopologyVirtualNetwork = {
      id: vnetId(name, group),
      name,
      resourceGroupName: group,
      subnets: [],
    };
    for (const spec of subnets) {
      const [subnet, nsg] = spec.split(":");
      vnet.subnets.push({
        id: subnetId(name, subnet, group),
        name: subnet,
        virtualNetworkId: vnet.id,
        ...(nsg ? { nsgId: nsgId(nsg) } : {}),
      });
    }
    this.topology.virtualNetworks.push(vnet);
    return this;
  }

  nic(name: string, subnet: string, nsg?: string): this {
    return this.addNic({
      id: nicId(name),
      name,
      subnetId: this.subnet(subnet),
      ...(nsg ? { nsgId: nsgId(nsg) } : {}),
      scaleSet: false,
    });
  }

  scaleSetNic(vmss: string, instance: number, subnet: string, nsg?: string): this {
    const id = scaleSetNicId(vmss, instance);
    return this.addNic({
      id,
      name: `${vmss}-nic`,
      subnetId: this.subnet(subnet),
      ...(nsg ? { nsgId: nsgId(nsg) } : {}),
      scaleSet: true,
    });
  }

  flowLog(
    targetResourceId: string,
    targetKind: TopologyFlowLog["targetKind"],
    name: string,
    settings: Settings = {},
  ): this {
    this.topology.flowLogs.push({
      id: `${WATCHER}/flowLogs/${name}`,
      name,
      targetKind,
      targetResourceId,
      storageId: STORAGE_A,
      enabled: true,
      retentionPolicy: { enabled: true, days: 90 },
      format: { type: "JSON", version: 2 },
      ...settings,
    });
    return this;
  }

  build(): NetworkTopology {
    return structuredClone(this.topology);
  }

  /** "vnet/subnet" to the subnet's ID. */
  private subnet(path: string): string {
    const [vnet, subnet] = path.split("/");
    return subnetId(vnet, subnet);
  }

  private addNic(nic: TopologyNic): this {
    this.topology.nics.push(nic);
    return this;
  }
}
