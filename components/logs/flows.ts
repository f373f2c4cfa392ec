// Flow-log records of every documented version, turned into one flat Flow per tuple.
// NSG flow logs: version 1 (8 fields) and 2 (13 fields: + state and packets/bytes each way).
// VNet flow logs (flowLogVersion 4): epoch milliseconds, IANA protocol numbers, state B/C/E/D, encryption.

export interface Flow {
  /** Epoch milliseconds. */
  time: number;
  version: 1 | 2 | 4;
  target: string;
  mac: string;
  rule: string;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  protocol: string;
  direction: "inbound" | "outbound";
  decision: "allow" | "deny";
  state?: "begin" | "continue" | "end" | "deny";
  encryption?: string;
  packetsSent?: number;
  bytesSent?: number;
  packetsReceived?: number;
  bytesReceived?: number;
}

const STATES = { B: "begin", C: "continue", E: "end", D: "deny" } as const;
const IANA: Record<string, string> = { "1": "ICMP", "6": "TCP", "17": "UDP" };

function count(field: string | undefined): number | undefined {
  return field === undefined || field === "" ? undefined : Number(field);
}

function counters(fields: string[]) {
  const [packetsSent, bytesSent, packetsReceived, bytesReceived] = fields.map(count);
  return packetsSent === undefined ? {} : { packetsSent, bytesSent, packetsReceived, bytesReceived };
}

interface Context {
  target: string;
  mac: string;
  rule: string;
}

/** One NSG flow tuple (version 1 or 2). */
export function nsgTuple(tuple: string, version: 1 | 2, ctx: Context): Flow {
  const f = tuple.split(",");
  if (f.length < (version === 1 ? 8 : 13))
    throw new Error(`NSG v${version} flow tuple has ${f.length} fields: "${tuple}"`);
  return {
    time: Number(f[0]) * 1000,
    version,
    ...ctx,
    src: f[1],
    dst: f[2],
    srcPort: Number(f[3]),
    dstPort: Number(f[4]),
    protocol: f[5] === "T" ? "TCP" : f[5] === "U" ? "UDP" : f[5],
    direction: f[6] === "I" ? "inbound" : "outbound",
    decision: f[7] === "A" ? "allow" : "deny",
    ...(version === 2 ? { state: STATES[f[8] as keyof typeof STATES], ...counters(f.slice(9, 13)) } : {}),
  };
}

/** One VNet flow tuple (flowLogVersion 4). */
export function vnetTuple(tuple: string, ctx: Context): Flow {
  const f = tuple.split(",");
  if (f.length < 13) throw new Error(`VNet flow tuple has ${f.length} fields: "${tuple}"`);
  const state = STATES[f[7] as keyof typeof STATES];
  return {
    time: Number(f[0]),
    version: 4,
    ...ctx,
    src: f[1],
    dst: f[2],
    srcPort: Number(f[3]),
    dstPort: Number(f[4]),
    protocol: IANA[f[5]] ?? `IP${f[5]}`,
    direction: f[6] === "I" ? "inbound" : "outbound",
    decision: state === "deny" ? "deny" : "allow",
    state,
    encryption: f[8],
    ...counters(f.slice(9, 13)),
  };
}

interface NsgRecord {
  resourceId?: string;
  macAddress?: string;
  properties?: {
    Version?: number;
    flows?: { rule?: string; flows?: { mac?: string; flowTuples?: string[] }[] }[];
  };
}

interface VnetRecord {
  flowLogVersion?: number;
  targetResourceID?: string;
  macAddress?: string;
  flowRecords?: { flows?: { aclID?: string; flowGroups?: { rule?: string; flowTuples?: string[] }[] }[] };
}

/** Every flow in one record, whichever version wrote it. */
export function flowsOf(record: unknown): Flow[] {
  const vnet = record as VnetRecord;
  if (vnet.flowLogVersion !== undefined || vnet.flowRecords) {
    const target = vnet.targetResourceID ?? "";
    const mac = vnet.macAddress ?? "";
    return (vnet.flowRecords?.flows ?? []).flatMap((acl) =>
      (acl.flowGroups ?? []).flatMap((group) =>
        (group.flowTuples ?? []).map((t) => vnetTuple(t, { target, mac, rule: group.rule ?? "" })),
      ),
    );
  }
  const nsg = record as NsgRecord;
  const version = nsg.properties?.Version === 1 ? 1 : 2;
  const target = nsg.resourceId ?? "";
  return (nsg.properties?.flows ?? []).flatMap((rule) =>
    (rule.flows ?? []).flatMap((group) =>
      (group.flowTuples ?? []).map((t) =>
        nsgTuple(t, version, { target, mac: group.mac ?? nsg.macAddress ?? "", rule: rule.rule ?? "" }),
      ),
    ),
  );
}
