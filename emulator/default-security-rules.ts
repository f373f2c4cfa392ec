// The six rules Azure puts in every network security group (defaultSecurityRules), as ARM returns them.

function rule(
  name: string,
  priority: number,
  direction: string,
  access: string,
  source: string,
  destination: string,
) {
  return {
    name,
    properties: {
      provisioningState: "Succeeded",
      description: `Default rule ${name}`,
      protocol: "*",
      sourcePortRange: "*",
      destinationPortRange: "*",
      sourceAddressPrefix: source,
      destinationAddressPrefix: destination,
      access,
      priority,
      direction,
    },
  };
}

export function defaultSecurityRules(nsgId: string): object[] {
  return [
    rule("AllowVnetInBound", 65000, "Inbound", "Allow", "VirtualNetwork", "VirtualNetwork"),
    rule("AllowAzureLoadBalancerInBound", 65001, "Inbound", "Allow", "AzureLoadBalancer", "*"),
    rule("DenyAllInBound", 65500, "Inbound", "Deny", "*", "*"),
    rule("AllowVnetOutBound", 65000, "Outbound", "Allow", "VirtualNetwork", "VirtualNetwork"),
    rule("AllowInternetOutBound", 65001, "Outbound", "Allow", "*", "Internet"),
    rule("DenyAllOutBound", 65500, "Outbound", "Deny", "*", "*"),
  ].map((r) => ({ id: `${nsgId}/defaultSecurityRules/${(r as { name: string }).name}`, ...r }));
}
