// Flow-log records of every documented version, turned into one flat Flow per tuple.
// NSG flow logs: version 1 tuples (8 fields) and version 2 (13 fields: + state and packets/bytes each
// way); a version 2 record can hold version 1 tuples (the format changed mid-hour). VNet flow logs
// (flowLogVersion 4): epoch milliseconds, IANA protocol numbers, state B/C/E/D, encryption.
// A tuple that breaks its format is reported and skipped; the rest of its record still counts.

export interface Flow {
  /** Epoch milliseconds. */
  time: number;
  /** The tuple's format: 1 and 2 for NSG flow logs, 4 for VNet flow logs. */
  version: 1 | 2 | 4;
  /** NSG flow logs: the NSG; VNet flow logs: the VNet, subnet or NIC logged. */
  target: string;
  /** VNet flow logs: the NSG (resource ID) or admin rule collection (GUID) whose rule matched. */
  aclID?: string;
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
  /** Counters since the previous tuple of the connection: src->dst ("sent") and dst->src ("received"). */
  packetsSent?: number;
  bytesSent?: number;
  packetsReceived?: number;
  bytesReceived?: number;
}

type BadTuple = (tuple: string, why: string) => void;

const STATES: Record<string, Flow["state"]> = { B: "begin", C: "continue", E: "end", D: "deny" };
const IANA: Record<string, string> = { "1": "ICMP", "6": "TCP", "17": "UDP", "58": "ICMPv6" };
const NSG_PROTOCOLS: Record<string, string> = { T: "TCP", U: "UDP" };
const DIRECTIONS: Record<string, Flow["direction"]> = { I: "inbound", O: "outbound" };

/** A whole number from decimal digits, or -1 (empty, other characters, too long). Faster than a regex. */
function whole(field: string): number {
  if (field.length === 0 || field.length > 15) return -1;
  let value = 0;
  for (let i = 0; i < field.length; i++) {
    const digit = field.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function port(field: string, name: string): number {
  const value = whole(field);
  if (value < 0 || value > 65535) throw new Error(`${name} "${field}" is not a port number`);
  return value;
}

function direction(field: string): Flow["direction"] {
  const value = DIRECTIONS[field];
  if (!value) throw new Error(`direction "${field}"; expected I or O`);
  return value;
}

/** Counter `i` of four: all four are empty (a begin or denied tuple) or all whole numbers. */
function counter(f: string[], i: number): number | undefined {
  if (f.length < 13 || (f[9] === "" && f[10] === "" && f[11] === "" && f[12] === "")) return undefined;
  const value = whole(f[9 + i]);
  if (value < 0) throw new Error(`counter "${f[9 + i]}" is not a whole number`);
  return value;
}

interface Context {
  target: string;
  mac: string;
  rule: string;
  aclID?: string;
}

/** Every flow has every field (undefined where its version has none): one object shape, fast to read. */
function flow(
  f: string[],
  ctx: Context,
  time: number,
  version: Flow["version"],
  protocol: string,
  decision: Flow["decision"],
  state: Flow["state"],
  encryption: string | undefined,
): Flow {
  if (!f[1] || !f[2]) throw new Error("source or destination address is empty");
  return {
    time,
    version,
    target: ctx.target,
    aclID: ctx.aclID,
    mac: ctx.mac,
    rule: ctx.rule,
    src: f[1],
    dst: f[2],
    srcPort: port(f[3], "source port"),
    dstPort: port(f[4], "destination port"),
    protocol,
    direction: direction(f[6]),
    decision,
    state,
    encryption,
    packetsSent: counter(f, 0),
    bytesSent: counter(f, 1),
    packetsReceived: counter(f, 2),
    bytesReceived: counter(f, 3),
  };
}

/** One NSG flow tuple, version 1 (8 fields) or 2 (13 fields), whatever the record's version says. */
export function nsgTuple(tuple: string, ctx: Context): Flow {
  const f = tuple.split(",");
  if (f.length !== 8 && f.length !== 13)
    throw new Error(`NSG flow tuple has ${f.length} fields; expected 8 (version 1) or 13 (version 2)`);
  const seconds = whole(f[0]);
  if (seconds < 0) throw new Error(`time "${f[0]}" is not epoch seconds`);
  const protocol = NSG_PROTOCOLS[f[5]];
  if (!protocol) throw new Error(`protocol "${f[5]}"; expected T or U`);
  if (f[7] !== "A" && f[7] !== "D") throw new Error(`decision "${f[7]}"; expected A or D`);
  const decision = f[7] === "A" ? "allow" : "deny";
  if (f.length === 8) return flow(f, ctx, seconds * 1000, 1, protocol, decision, undefined, undefined);
  const state = f[8] === "D" ? undefined : STATES[f[8]];
  if (!state) throw new Error(`state "${f[8]}"; expected B, C or E`);
  return flow(f, ctx, seconds * 1000, 2, protocol, decision, state, undefined);
}

/** One VNet flow tuple (flowLogVersion 4). */
export function vnetTuple(tuple: string, ctx: Context): Flow {
  const f = tuple.split(",");
  if (f.length !== 13) throw new Error(`VNet flow tuple has ${f.length} fields; expected 13`);
  const ms = whole(f[0]);
  if (ms < 0) throw new Error(`time "${f[0]}" is not epoch milliseconds`);
  if (whole(f[5]) < 0) throw new Error(`protocol "${f[5]}" is not an IANA protocol number`);
  const state = STATES[f[7]];
  if (!state) throw new Error(`state "${f[7]}"; expected B, C, E or D`);
  const decision = state === "deny" ? "deny" : "allow";
  return flow(f, ctx, ms, 4, IANA[f[5]] ?? `IP${f[5]}`, decision, state, f[8]);
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
  targetResourceID?: string;
  macAddress?: string;
  flowRecords?: { flows?: { aclID?: string; flowGroups?: { rule?: string; flowTuples?: string[] }[] }[] };
}

function readTuples(
  tuples: string[] | undefined,
  read: (tuple: string) => Flow,
  out: Flow[],
  onBad: BadTuple,
): void {
  for (const tuple of tuples ?? []) {
    try {
      out.push(read(tuple));
    } catch (e) {
      onBad(tuple, (e as Error).message);
    }
  }
}

/** Every flow in one record, whichever version wrote it; a bad tuple goes to `onBad` and is skipped. */
export function flowsOf(record: unknown, onBad: BadTuple = () => {}): Flow[] {
  const out: Flow[] = [];
  const vnet = record as VnetRecord;
  if (vnet && typeof vnet === "object" && Array.isArray(vnet.flowRecords?.flows)) {
    const target = vnet.targetResourceID ?? "";
    const mac = vnet.macAddress?.toUpperCase() ?? "";
    for (const acl of vnet.flowRecords.flows)
      for (const group of acl.flowGroups ?? []) {
        const ctx = { target, mac, rule: group.rule ?? "", aclID: acl.aclID ?? "" };
        readTuples(group.flowTuples, (t) => vnetTuple(t, ctx), out, onBad);
      }
    return out;
  }
  const nsg = record as NsgRecord;
  if (!nsg || typeof nsg !== "object" || !Array.isArray(nsg.properties?.flows))
    throw new Error(
      "not a flow-log record: it has neither properties.flows (NSG) nor flowRecords.flows (VNet)",
    );
  const target = nsg.resourceId ?? "";
  for (const rule of nsg.properties.flows)
    for (const group of rule.flows ?? []) {
      const ctx = { target, mac: (group.mac ?? nsg.macAddress ?? "").toUpperCase(), rule: rule.rule ?? "" };
      readTuples(group.flowTuples, (t) => nsgTuple(t, ctx), out, onBad);
    }
  return out;
}
