// What a network engineer reads an address or port as: private or public, and the service on a port.

/** RFC 1918, shared (CGNAT), loopback, link-local and Azure's platform addresses; IPv6 ULA and link-local. */
const PRIVATE_V4: [number, number][] = [
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0x64400000, 10], // 100.64/10 shared address space
  [0x7f000000, 8], // 127/8
  [0xa9fe0000, 16], // 169.254/16 link-local (Azure IMDS 169.254.169.254)
];
/** Azure's virtual public IP for DNS, DHCP and health probes: platform traffic, never the Internet. */
const AZURE_PLATFORM = "168.63.129.16";

function ipv4Number(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export type AddressClass = "private" | "public" | "platform";

export function addressClass(ip: string): AddressClass {
  if (ip === AZURE_PLATFORM) return "platform";
  const v4 = ipv4Number(ip);
  if (v4 !== undefined)
    return PRIVATE_V4.some(([net, bits]) => v4 >>> (32 - bits) === net >>> (32 - bits))
      ? "private"
      : "public";
  const lower = ip.toLowerCase();
  return /^(f[cd]|fe[89ab]|::1$)/.test(lower) ? "private" : "public";
}

/** IANA service names of ports seen in Azure networks, for labels; the port number stays authoritative. */
const SERVICES: Record<string, string> = {
  "TCP/20": "ftp-data",
  "TCP/21": "ftp",
  "TCP/22": "ssh",
  "TCP/23": "telnet",
  "TCP/25": "smtp",
  "TCP/53": "dns",
  "UDP/53": "dns",
  "UDP/67": "dhcp",
  "UDP/68": "dhcp",
  "TCP/80": "http",
  "TCP/88": "kerberos",
  "UDP/88": "kerberos",
  "UDP/123": "ntp",
  "TCP/135": "msrpc",
  "UDP/137": "netbios-ns",
  "UDP/138": "netbios-dgm",
  "TCP/139": "netbios-ssn",
  "UDP/161": "snmp",
  "TCP/389": "ldap",
  "TCP/443": "https",
  "UDP/443": "quic",
  "TCP/445": "smb",
  "UDP/500": "isakmp",
  "UDP/514": "syslog",
  "TCP/587": "submission",
  "TCP/636": "ldaps",
  "TCP/1433": "mssql",
  "UDP/1434": "mssql-browser",
  "TCP/1521": "oracle",
  "TCP/2379": "etcd",
  "TCP/3306": "mysql",
  "TCP/3389": "rdp",
  "UDP/3389": "rdp",
  "UDP/4500": "ipsec-nat-t",
  "TCP/5432": "postgresql",
  "TCP/5671": "amqps",
  "TCP/5672": "amqp",
  "TCP/5985": "winrm",
  "TCP/5986": "winrm-https",
  "TCP/6379": "redis",
  "TCP/6443": "kube-apiserver",
  "TCP/8080": "http-alt",
  "TCP/8443": "https-alt",
  "TCP/9200": "elasticsearch",
  "TCP/10250": "kubelet",
  "TCP/27017": "mongodb",
};

export function serviceName(protocol: string, port: number): string | undefined {
  return SERVICES[`${protocol}/${port}`];
}

/** Bytes with a binary unit, e.g. 1536 -> "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** A rate in bits per second with decimal prefixes, as links and interfaces are rated: "12.5 Mbit/s". */
export function formatBitRate(bitsPerSecond: number): string {
  const units = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"];
  let value = bitsPerSecond;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ${units[unit]}`;
}
