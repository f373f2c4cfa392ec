// Totals of many flows, built one flow at a time so any number of blobs can stream through it.
import type { Flow } from "./flows";
import type { ParseProblem } from "./record-stream";

export interface Talker {
  ip: string;
  flows: number;
  bytes: number;
}

export interface PortCount {
  port: number;
  protocol: string;
  flows: number;
  denied: number;
}

export interface RuleCount {
  rule: string;
  allowed: number;
  denied: number;
}

export interface HourCount {
  /** ISO start of the hour. */
  hour: string;
  flows: number;
  denied: number;
  bytes: number;
}

export interface FlowSummary {
  flows: number;
  allowed: number;
  denied: number;
  inbound: number;
  outbound: number;
  /** Bytes and packets both ways, from version 2 and VNet records (version 1 has no counters). */
  bytes: number;
  packets: number;
  first?: string;
  last?: string;
  topTalkers: Talker[];
  topDeniedSources: Talker[];
  topPorts: PortCount[];
  rules: RuleCount[];
  overTime: HourCount[];
  problems: ParseProblem[];
}

const HOUR_MS = 3_600_000;

function bump<K, V>(map: Map<K, V>, key: K, make: () => V, update: (v: V) => void): void {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  update(value);
}

export class SummaryBuilder {
  private flows = 0;
  private allowed = 0;
  private inbound = 0;
  private bytes = 0;
  private packets = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly talkers = new Map<string, Talker>();
  private readonly deniedSources = new Map<string, Talker>();
  private readonly ports = new Map<string, PortCount>();
  private readonly rules = new Map<string, RuleCount>();
  private readonly hours = new Map<number, HourCount>();
  readonly problems: ParseProblem[] = [];

  add(flow: Flow): void {
    const bytes = (flow.bytesSent ?? 0) + (flow.bytesReceived ?? 0);
    const denied = flow.decision === "deny";
    this.flows++;
    if (!denied) this.allowed++;
    if (flow.direction === "inbound") this.inbound++;
    this.bytes += bytes;
    this.packets += (flow.packetsSent ?? 0) + (flow.packetsReceived ?? 0);
    this.first = Math.min(this.first, flow.time);
    this.last = Math.max(this.last, flow.time);
    bump(
      this.talkers,
      flow.src,
      () => ({ ip: flow.src, flows: 0, bytes: 0 }),
      (t) => {
        t.flows++;
        t.bytes += bytes;
      },
    );
    if (denied)
      bump(
        this.deniedSources,
        flow.src,
        () => ({ ip: flow.src, flows: 0, bytes: 0 }),
        (t) => t.flows++,
      );
    bump(
      this.ports,
      `${flow.protocol}/${flow.dstPort}`,
      () => ({ port: flow.dstPort, protocol: flow.protocol, flows: 0, denied: 0 }),
      (p) => {
        p.flows++;
        if (denied) p.denied++;
      },
    );
    bump(
      this.rules,
      flow.rule,
      () => ({ rule: flow.rule, allowed: 0, denied: 0 }),
      (r) => {
        if (denied) r.denied++;
        else r.allowed++;
      },
    );
    const hour = Math.floor(flow.time / HOUR_MS) * HOUR_MS;
    bump(
      this.hours,
      hour,
      () => ({ hour: new Date(hour).toISOString(), flows: 0, denied: 0, bytes: 0 }),
      (h) => {
        h.flows++;
        if (denied) h.denied++;
        h.bytes += bytes;
      },
    );
  }

  build(top = 10): FlowSummary {
    const byFlows = <T extends { flows: number }>(values: Iterable<T>) =>
      [...values].sort((a, b) => b.flows - a.flows).slice(0, top);
    return {
      flows: this.flows,
      allowed: this.allowed,
      denied: this.flows - this.allowed,
      inbound: this.inbound,
      outbound: this.flows - this.inbound,
      bytes: this.bytes,
      packets: this.packets,
      ...(this.flows
        ? { first: new Date(this.first).toISOString(), last: new Date(this.last).toISOString() }
        : {}),
      topTalkers: byFlows(this.talkers.values()),
      topDeniedSources: byFlows(this.deniedSources.values()),
      topPorts: byFlows(this.ports.values()),
      rules: [...this.rules.values()].sort((a, b) => b.allowed + b.denied - (a.allowed + a.denied)),
      overTime: [...this.hours.values()].sort((a, b) => a.hour.localeCompare(b.hour)),
      problems: this.problems,
    };
  }
}
