// Realistic flow-log records, deterministic from a seed: NSG flow logs version 1 and 2, VNet flow logs
// version 4, in the documented shapes, one record every ten minutes of an hour for one MAC address.
import { defaultSecurityRules } from "../default-security-rules";
import { candidateFlows, decidingRule, type Flow, type SecurityRule, securityRules } from "./traffic";

/** A small seeded PRNG (mulberry32), so the same hour of the same NIC always reads the same. */
function random(seed: string): () => number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HourOfLogs {
  kind: "nsg" | "vnet";
  /** NSG format version (1 or 2); VNet flow logs are always version 4. */
  version: number;
  hourStart: Date;
  mac: string;
  privateIp: string;
  /** NSG logs: the NSG's ID; VNet logs: the target's ID. */
  targetResourceId: string;
  flowLogResourceId: string;
  /** The rules of the NSG that governs the NIC (default: an NSG with Azure's default rules only). */
  rules?: SecurityRule[];
  /** The NSG's ID, which VNet flow logs name as the tuples' aclID (default: the zero GUID). */
  aclID?: string;
  /** The other NICs of the NIC's network and the rules that govern them: who it calls and who calls it. */
  peers?: { ip: string; rules: SecurityRule[] }[];
}

interface Tuple extends Flow {
  seconds: number;
  srcPort: number;
  denied: boolean;
  state: "B" | "C" | "E";
  packets: [number, number];
  bytes: [number, number];
  rule: string;
}

const DEFAULT_RULES = securityRules({ defaultSecurityRules: defaultSecurityRules("") });

function tuples(next: () => number, at: number, hour: HourOfLogs): Tuple[] {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const rules = hour.rules ?? DEFAULT_RULES;
  const flows = candidateFlows(pick, next, { ip: hour.privateIp, rules }, hour.peers ?? []);
  return flows.flatMap((flow, i) => {
    const rule = decidingRule(rules, flow);
    if (!rule) return [];
    const denied = !rule.allow;
    const state = denied ? "B" : pick(["B", "C", "E"] as const);
    const packets: [number, number] =
      state === "B" ? [0, 0] : [1 + Math.floor(next() * 40), 1 + Math.floor(next() * 60)];
    const bytes: [number, number] = [
      packets[0] * (60 + Math.floor(next() * 900)),
      packets[1] * (60 + Math.floor(next() * 1400)),
    ];
    return [
      {
        ...flow,
        seconds: at + i * 7,
        srcPort: 1024 + Math.floor(next() * 60000),
        denied,
        state,
        packets,
        bytes,
        rule: rule.loggedAs,
      },
    ];
  });
}

function nsgTuple(t: Tuple, version: number): string {
  const head = `${t.seconds},${t.src},${t.dst},${t.srcPort},${t.dstPort},${t.tcp ? "T" : "U"},${t.inbound ? "I" : "O"},${t.denied ? "D" : "A"}`;
  if (version === 1) return head;
  const counters = t.state === "B" ? ",,," : `${t.packets[0]},${t.bytes[0]},${t.packets[1]},${t.bytes[1]}`;
  return `${head},${t.state},${counters}`;
}

function vnetTuple(t: Tuple): string {
  const state = t.denied ? "D" : t.state;
  return `${t.seconds * 1000 + 123},${t.src},${t.dst},${t.srcPort},${t.dstPort},${t.tcp ? 6 : 17},${t.inbound ? "I" : "O"},${state},NX,${t.packets[0]},${t.bytes[0]},${t.packets[1]},${t.bytes[1]}`;
}

function byRule(list: Tuple[]): Map<string, Tuple[]> {
  const rules = new Map<string, Tuple[]>();
  for (const t of list) rules.set(t.rule, [...(rules.get(t.rule) ?? []), t]);
  return rules;
}

const RECORDS_PER_HOUR = 6;
const RECORD_SECONDS = 600;

/** The records Azure would have written for this MAC address in this hour by `until` (default: all of them). */
export function hourRecords(hour: HourOfLogs, until?: Date): object[] {
  // Seeded by the NIC and the hour only: a NIC's traffic is the same whichever flow logs see it, so NSG
  // and VNet flow logs of one NIC carry the same flows (what a migration must show).
  const next = random(`${hour.mac}|${hour.hourStart.toISOString()}`);
  const mac = hour.mac.replace(/-/g, "").toUpperCase();
  const all = Array.from({ length: RECORDS_PER_HOUR }, (_, i) => {
    const at = Math.floor(hour.hourStart.getTime() / 1000) + i * RECORD_SECONDS;
    const time = new Date(at * 1000 + 5_000).toISOString().replace("Z", "0000Z");
    const rules = byRule(tuples(next, at, hour));
    if (hour.kind === "nsg") {
      return {
        time,
        systemId: "d4c9a1f0-3c2e-4b7a-9a51-2f7d0c6e8b11",
        macAddress: mac,
        category: "NetworkSecurityGroupFlowEvent",
        resourceId: hour.targetResourceId.toUpperCase(),
        operationName: "NetworkSecurityGroupFlowEvents",
        properties: {
          Version: hour.version,
          flows: [...rules].map(([rule, list]) => ({
            rule,
            flows: [{ mac, flowTuples: list.map((t) => nsgTuple(t, hour.version)) }],
          })),
        },
      };
    }
    return {
      time,
      flowLogGUID: "66aa66aa-6a6a-4b4b-8c8c-ddeeff001122",
      macAddress: mac,
      category: "FlowLogFlowEvent",
      flowLogResourceID: hour.flowLogResourceId.toUpperCase(),
      targetResourceID: hour.targetResourceId,
      operationName: "FlowLogFlowEvent",
      flowLogVersion: 4,
      flowRecords: {
        flows: [
          {
            aclID: hour.aclID ?? "00000000-0000-0000-0000-000000000000",
            flowGroups: [...rules].map(([rule, list]) => ({ rule, flowTuples: list.map(vnetTuple) })),
          },
        ],
      },
    };
  });
  if (!until) return all;
  const started = Math.ceil((until.getTime() - hour.hourStart.getTime()) / (RECORD_SECONDS * 1000));
  return all.slice(0, Math.max(0, started));
}
