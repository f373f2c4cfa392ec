// Flow-log records of every documented version, parsed into objects, turned into one flat Flow per
// tuple (tuples.ts reads each tuple). A tuple that breaks its format is reported and skipped; the rest
// of its record still counts.
import type { Flow } from "./flow";
import { type Context, latestFlowTime, newFlow, nsgTupleAt, vnetTupleAt } from "./tuples";

type BadTuple = (tuple: string, why: string) => void;

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
  read: (tuple: string, start: number, end: number, ctx: Context, into: Flow) => void,
  ctx: Context,
  out: Flow[],
  onBad: BadTuple,
): void {
  for (const tuple of tuples ?? []) {
    if (typeof tuple !== "string") {
      onBad(JSON.stringify(tuple), "a tuple is a string of comma-separated fields");
      continue;
    }
    const flow = newFlow();
    try {
      read(tuple, 0, tuple.length, ctx, flow);
      out.push(flow);
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
