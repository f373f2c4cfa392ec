// Names for what flow logs only identify by number: NICs by MAC address, NSGs by the GUID a VNet flow
// log may give as aclID. Read through ARM from the NSGs and targets the user names (`report --nsg`,
// `--target`); what they do not cover stays unnamed.
import type { ArmSession } from "../azure";

export interface ResourceNames {
  /** MAC as flow logs write it ("000D3A1B2C3D") -> "nic-web-01 (10.10.1.4)". */
  nics: Map<string, string>;
  /** NSG resourceGuid (lower case) -> NSG name. */
  nsgs: Map<string, string>;
}

interface Props {
  macAddress?: string;
  resourceGuid?: string;
  ipConfigurations?: { id?: string; properties?: { privateIPAddress?: string } }[];
  networkInterfaces?: { id: string }[];
  subnets?: { id: string }[];
}

const nicOf = (ipConfigurationId: string) => ipConfigurationId.replace(/\/ipConfigurations\/[^/]+$/i, "");

export async function readResourceNames(
  service: ArmSession,
  given: { nsgs: string[]; targets: string[] },
): Promise<ResourceNames> {
  const names: ResourceNames = { nics: new Map(), nsgs: new Map() };
  const props = async (id: string) => {
    const resource = await service.getResource(id);
    if (!resource) throw new Error(`${id} does not exist`);
    return { name: resource.name, type: resource.type.toLowerCase(), ...(resource.properties as Props) };
  };
  const nicIds = new Set<string>();
  /** The NICs of a subnet, through the IP configurations it lists. */
  const subnetNics = async (subnetId: string) => {
    for (const c of (await props(subnetId)).ipConfigurations ?? []) if (c.id) nicIds.add(nicOf(c.id));
  };
  for (const id of given.nsgs) {
    const nsg = await props(id);
    if (nsg.resourceGuid) names.nsgs.set(nsg.resourceGuid.toLowerCase(), nsg.name);
    for (const nic of nsg.networkInterfaces ?? []) nicIds.add(nic.id);
    for (const subnet of nsg.subnets ?? []) await subnetNics(subnet.id);
  }
  for (const id of given.targets) {
    const target = await props(id);
    if (target.type.endsWith("/networkinterfaces")) nicIds.add(id);
    else if (target.type.endsWith("/subnets")) await subnetNics(id);
    else for (const subnet of target.subnets ?? []) await subnetNics(subnet.id);
  }
  for (const id of nicIds) {
    const nic = await props(id);
    if (!nic.macAddress) continue;
    const ips = (nic.ipConfigurations ?? []).map((c) => c.properties?.privateIPAddress).filter(Boolean);
    names.nics.set(
      nic.macAddress.replace(/[-:]/g, "").toUpperCase(),
      `${nic.name}${ips.length ? ` (${ips.join(", ")})` : ""}`,
    );
  }
  return names;
}
