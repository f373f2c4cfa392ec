// Where NSGs are attached, as ARM models it: subnets and network interfaces name their NSG
// (`properties.networkSecurityGroup.id`), and ARM derives the reverse links (the NSG's `subnets` and
// `networkInterfaces`, the subnet's `ipConfigurations`) from them; the emulator derives them on read.
import type { Resource, ResourceStore } from "./store";

/** Scale-set NICs live under Microsoft.Compute in their IDs, yet ARM types them as network interfaces. */
const VMSS_NIC_TYPE = "microsoft.compute/virtualmachinescalesets/virtualmachines/networkinterfaces";
export const NIC_TYPE = "Microsoft.Network/networkInterfaces";

export function isScaleSetNic(resource: Resource): boolean {
  return resource.type.toLowerCase() === VMSS_NIC_TYPE;
}

function isNic(resource: Resource): boolean {
  return resource.type.toLowerCase() === NIC_TYPE.toLowerCase() || isScaleSetNic(resource);
}

interface NicIpConfiguration {
  name?: string;
  id?: string;
  properties?: { subnet?: { id?: string } };
}

function ipConfigurationsOf(nic: Resource): NicIpConfiguration[] {
  return (nic.properties.ipConfigurations as NicIpConfiguration[] | undefined) ?? [];
}

function nsgIdOf(resource: Resource): string | undefined {
  return (resource.properties.networkSecurityGroup as { id?: string } | undefined)?.id?.toLowerCase();
}

function allNics(store: ResourceStore): Resource[] {
  return store.all().filter(isNic);
}

/** The NSG's read-only back-references to the subnets and NICs that name it; ARM leaves out empty ones. */
export function nsgAttachments(store: ResourceStore, nsgId: string): Record<string, { id: string }[]> {
  const id = nsgId.toLowerCase();
  const subnets = store
    .all()
    .filter((r) => r.type === "Microsoft.Network/virtualNetworks/subnets" && nsgIdOf(r) === id)
    .map((s) => ({ id: s.id }));
  const networkInterfaces = allNics(store)
    .filter((r) => nsgIdOf(r) === id)
    .map((n) => ({ id: n.id }));
  return {
    ...(subnets.length ? { subnets } : {}),
    ...(networkInterfaces.length ? { networkInterfaces } : {}),
  };
}

/** The subnet's read-only `ipConfigurations`: every NIC IP configuration placed in it, scale-set NICs too. */
export function subnetIpConfigurations(store: ResourceStore, subnetId: string): { id: string }[] {
  const id = subnetId.toLowerCase();
  return allNics(store).flatMap((nic) =>
    ipConfigurationsOf(nic)
      .filter((c) => c.properties?.subnet?.id?.toLowerCase() === id)
      .map((c) => ({ id: c.id ?? `${nic.id}/ipConfigurations/${c.name ?? "ipconfig1"}` })),
  );
}

/** The scale set's NICs, all instances, or one instance's when `instanceId` is given. */
export function scaleSetNics(store: ResourceStore, scaleSetId: string, instanceId?: string): Resource[] {
  const prefix = `${scaleSetId}/virtualMachines/`.toLowerCase();
  return store.all().filter((r) => {
    if (!isScaleSetNic(r)) return false;
    const id = r.id.toLowerCase();
    return (
      id.startsWith(prefix) &&
      (instanceId === undefined || id.startsWith(`${prefix}${instanceId.toLowerCase()}/`))
    );
  });
}
