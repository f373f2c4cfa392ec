// Plausible traffic for one NIC, each flow decided by the NSG rules that govern the NIC, as Azure
// evaluates them: by direction, lowest priority number first; the first rule that matches decides.

export interface SecurityRule {
  name: string;
  /** "UserRule_<name>" or "DefaultRule_<name>", as flow logs name it. */
  loggedAs: string;
  priority: number;
  inbound: boolean;
  allow: boolean;
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[];
}

export interface Flow {
  src: string;
  dst: string;
  dstPort: number;
  tcp: boolean;
  inbound: boolean;
}

interface WireRule {
  name: string;
  properties: {
    priority: number;
    direction: string;
    access: string;
    protocol?: string;
    sourceAddressPrefix?: string;
    sourceAddressPrefixes?: string[];
    destinationAddressPrefix?: string;
    destinationAddressPrefixes?: string[];
    destinationPortRange?: string;
    destinationPortRanges?: string[];
  };
}

const many = (one?: string, list?: string[]) => (list?.length ? list : [one ?? "*"]);

/** An NSG's own and default rules in evaluation order. */
export function securityRules(nsgProperties: Record<string, unknown> | undefined): SecurityRule[] {
  const read = (list: unknown, prefix: string) =>
    ((list ?? []) as WireRule[]).map(({ name, properties: p }) => ({
      name,
      loggedAs: `${prefix}_${name}`,
      priority: p.priority,
      inbound: p.direction.toLowerCase() === "inbound",
      allow: p.access.toLowerCase() === "allow",
      protocol: (p.protocol ?? "*").toLowerCase(),
      sources: many(p.sourceAddressPrefix, p.sourceAddressPrefixes),
      destinations: many(p.destinationAddressPrefix, p.destinationAddressPrefixes),
      ports: many(p.destinationPortRange, p.destinationPortRanges),
    }));
  return [
    ...read(nsgProperties?.securityRules, "UserRule"),
    ...read(nsgProperties?.defaultSecurityRules, "DefaultRule"),
  ].sort((a, b) => a.priority - b.priority);
}

function ipv4(ip: string): number {
  return ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, bits = "32"] = cidr.split("/");
  const shift = 32 - Number(bits);
  return Math.floor(ipv4(ip) / 2 ** shift) === Math.floor(ipv4(net) / 2 ** shift);
}

const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
const AZURE_PLATFORM = "168.63.129.16";

function addressMatches(prefix: string, ip: string): boolean {
  switch (prefix.toLowerCase()) {
    case "*":
    case "any":
      return true;
    case "virtualnetwork":
      // Azure's VirtualNetwork tag covers the host's platform address too (DNS, DHCP, health probes).
      return ip === AZURE_PLATFORM || PRIVATE.some((cidr) => inCidr(ip, cidr));
    case "internet":
      return ip !== AZURE_PLATFORM && !PRIVATE.some((cidr) => inCidr(ip, cidr));
    case "azureloadbalancer":
      return ip === AZURE_PLATFORM;
    default:
      return /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(prefix) && inCidr(ip, prefix);
  }
}

function portMatches(range: string, port: number): boolean {
  if (range === "*") return true;
  const [low, high = low] = range.split("-").map(Number);
  return port >= low && port <= high;
}

/** The rule that decides a flow, or none when the NSG has no rule for it. */
export function decidingRule(rules: SecurityRule[], flow: Flow): SecurityRule | undefined {
  return rules.find(
    (r) =>
      r.inbound === flow.inbound &&
      (r.protocol === "*" || r.protocol === (flow.tcp ? "tcp" : "udp")) &&
      r.sources.some((p) => addressMatches(p, flow.src)) &&
      r.destinations.some((p) => addressMatches(p, flow.dst)) &&
      r.ports.some((p) => portMatches(p, flow.dstPort)),
  );
}

const INTERNET_CLIENTS = ["203.0.113.7", "203.0.113.45", "198.51.100.20", "198.51.100.61", "192.0.2.180"];
const SCANNERS = ["192.0.2.14", "203.0.113.99", "198.51.100.250"];
const INTERNET_SERVICES = ["93.184.216.34", "20.50.2.17", "13.107.42.14"];
const SCANNED_PORTS = [22, 3389, 23, 445, 21];

/**
 * The flows one NIC sees in a moment: clients on the ports its NSG opens to them (web from the
 * Internet, databases and APIs from its network's other NICs), scans from the Internet, and its own
 * calls out: HTTPS to the Internet, DNS to Azure's platform address, the ports its network's other NICs serve.
 */
export function candidateFlows(
  pick: <T>(items: T[]) => T,
  chance: () => number,
  own: { ip: string; rules: SecurityRule[] },
  peers: { ip: string; rules: SecurityRule[] }[],
): Flow[] {
  const flows: Flow[] = [];
  for (const { port, sources } of openPorts(own.rules)) {
    const clients = sources.some((s) => addressMatches(s, INTERNET_CLIENTS[0]))
      ? INTERNET_CLIENTS
      : peers.map((p) => p.ip).filter((ip) => sources.some((s) => addressMatches(s, ip)));
    if (clients.length)
      flows.push({ src: pick(clients), dst: own.ip, dstPort: port, tcp: true, inbound: true });
  }
  if (chance() < 0.6)
    flows.push({ src: pick(SCANNERS), dst: own.ip, dstPort: pick(SCANNED_PORTS), tcp: true, inbound: true });
  flows.push({ src: own.ip, dst: pick(INTERNET_SERVICES), dstPort: 443, tcp: true, inbound: false });
  if (chance() < 0.5)
    flows.push({ src: own.ip, dst: AZURE_PLATFORM, dstPort: 53, tcp: false, inbound: false });
  const calls = peers.flatMap((peer) =>
    openPorts(peer.rules)
      .filter(({ sources }) => sources.some((s) => addressMatches(s, own.ip)))
      .map(({ port }) => ({ src: own.ip, dst: peer.ip, dstPort: port, tcp: true, inbound: false })),
  );
  if (calls.length) flows.push(pick(calls));
  return flows;
}

/** The ports a NIC's user rules open inbound, with the sources they open them to. */
function openPorts(rules: SecurityRule[]): { port: number; sources: string[] }[] {
  return rules
    .filter((r) => r.inbound && r.allow && r.loggedAs.startsWith("UserRule_"))
    .flatMap((r) =>
      r.ports.filter((p) => /^\d+$/.test(p)).map((p) => ({ port: Number(p), sources: r.sources })),
    );
}
