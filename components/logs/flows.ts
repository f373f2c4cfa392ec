// Flow-log records of every documented version, parsed into objects, turned into one flat Flow per
// tuple (tuples.ts reads each tuple). A tuple that breaks its format is reported and skipped; the rest
// of its record still counts.
import { type Context, latestFlowTime, nsgTupleAt, vnetTupleAt } from "./tuples";

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

/** One NSG flow tuple, version 1 (8 fields) or 2 (13 fields), whatever the record's version says. */
export const nsgTuple = (tuple: string, ctx: Context): Flow => nsgTupleAt(tuple, 0, tuple.length, ctx);

/** One VNet flow tuple (flowLogVersion 4). */
export const vnetTuple = (tuple: string, ctx: Context): Flow => vnetTupleAt(tuple, 0, tuple.length, ctx);

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
  read: (tuple: string, start: number, end: number, ctx: Context) => Flow,
  ctx: Context,
  out: Flow[],
  onBad: BadTuple,
): void {
  for (const tuple of tuples ?? []) {
    if (typeof tuple !== "string") {
      onBad(JSON.stringify(tuple), "a tuple is a string of comma-separated fields");
      continue;
    }
    try {
      out.push(read(tuple, 0, tuple.length, ctx));
    } catch (e) {
      onBad(tuple, (e as Error).message);
    }
  }
}

/** Every flow in one record, whichever version wrote it; a bad tuple goes to `onBad` and is skipped. */
export function flowsOf(record: unknown, onBad: BadTuple = () => {}): Flow[] {
  const out: Flow[] = [];
  const latest = latestFlowTime();
  const vnet = record as VnetRecord;
  if (vnet && typeof vnet === "object" && Array.isArray(vnet.flowRecords?.flows)) {
    const target = vnet.targetResourceID ?? "";
    const mac = vnet.macAddress?.toUpperCase() ?? "";
    for (const acl of vnet.flowRecords.flows)
      for (const group of acl.flowGroups ?? []) {
        const ctx = { target, mac, rule: group.rule ?? "", aclID: acl.aclID ?? "", latest };
        readTuples(group.flowTuples, vnetTupleAt, ctx, out, onBad);
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
      const mac = (group.mac ?? nsg.macAddress ?? "").toUpperCase();
      const ctx = { target, mac, rule: rule.rule ?? "", latest };
      readTuples(group.flowTuples, nsgTupleAt, ctx, out, onBad);
    }
  return out;
}
