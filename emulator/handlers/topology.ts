// Lists a migration plan reads: NSGs, virtual networks and NICs per subscription or resource group,
// a VNet's subnets, and scale-set NICs through the Microsoft.Compute paths ARM serves them on (the
// subscription's NIC list leaves scale-set NICs out, as ARM's does).
import { scaleSetNics } from "../associations";
import type { EmulatorContext } from "../context";
import { armErrors } from "../errors";
import { notFound } from "../flow-log-rules";
import type { EmuRequest, Route } from "../http";
import { describeId, type Resource } from "../store";
import { pageOf } from "./pages";
import { render } from "./resources";

const LISTED_TYPES: Record<string, string> = {
  networksecuritygroups: "Microsoft.Network/networkSecurityGroups",
  virtualnetworks: "Microsoft.Network/virtualNetworks",
  networkinterfaces: "Microsoft.Network/networkInterfaces",
};

function listOf(ctx: EmulatorContext, req: EmuRequest, resources: Resource[]) {
  return pageOf(
    ctx,
    req,
    resources.map((r) => render(ctx, r)),
  );
}

function resourceGroupOrNotFound(ctx: EmulatorContext, subscriptionId: string, resourceGroup: string): void {
  if (!ctx.store.get(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`))
    throw armErrors.resourceGroupNotFound(resourceGroup);
}

const SCALE_SET = String.raw`(\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachineScaleSets\/[^/]+)`;

export const topologyRoutes: Route[] = [
  {
    method: "GET",
    pattern:
      /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/providers\/Microsoft\.Network\/(networkSecurityGroups|virtualNetworks|networkInterfaces)$/i,
    operation: "network.list",
    access: "arm",
    handle: (req, ctx, m) => {
      const [, subscriptionId, resourceGroup, collection] = m;
      if (resourceGroup) resourceGroupOrNotFound(ctx, subscriptionId, resourceGroup);
      const type = LISTED_TYPES[collection.toLowerCase()];
      const found = ctx.store.all().filter((r) => {
        if (r.type !== type) return false;
        const where = describeId(r.id);
        return (
          where.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
          (!resourceGroup || where.resourceGroup?.toLowerCase() === resourceGroup.toLowerCase())
        );
      });
      return listOf(ctx, req, found);
    },
  },
  {
    method: "GET",
    pattern:
      /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets$/i,
    operation: "subnets.list",
    access: "arm",
    handle: (req, ctx, m) => {
      const network = ctx.store.get(m[1]) ?? notFound(m[1]);
      return listOf(ctx, req, ctx.store.children(network.id, "subnets"));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${SCALE_SET}/networkInterfaces$`, "i"),
    operation: "networkInterfaces.listVirtualMachineScaleSetNetworkInterfaces",
    access: "arm",
    handle: (req, ctx, m) => {
      const scaleSet = ctx.store.get(m[1]) ?? notFound(m[1]);
      return listOf(ctx, req, scaleSetNics(ctx.store, scaleSet.id));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^${SCALE_SET}/virtualMachines/([^/]+)/networkInterfaces$`, "i"),
    operation: "networkInterfaces.listVirtualMachineScaleSetVMNetworkInterfaces",
    access: "arm",
    handle: (req, ctx, m) => {
      const scaleSet = ctx.store.get(m[1]) ?? notFound(m[1]);
      return listOf(ctx, req, scaleSetNics(ctx.store, scaleSet.id, m[4]));
    },
  },
];
