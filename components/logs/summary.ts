// Totals of many flows, built one flow at a time so any number of blobs can stream through it.
// What is counted: tuples, the lines of a flow log. A connection of an NSG version 2 or VNet log shows
// as a begin tuple, continue tuples while it lasts and an end tuple, so tuples are not connections:
// `states.begin` counts connections opened, `states.deny` (VNet) and version 1 tuples count attempts.
import type { Flow } from "./flow";
import { addressClass, serviceName } from "./network";
import type { ReadTotals } from "./read-totals";
import type { ParseProblem } from "./record-stream";
import { type Timeline, TimelineBuilder } from "./timeline";

/** Tuples allowed and denied, and the bytes they carried both ways. */
export interface Tally {
  tuples: number;
  allowed: number;
  denied: number;
  bytes: number;
}

export interface Talker extends Tally {
  ip: string;
}

export interface Conversation extends Tally {
  src: string;
  dst: string;
  port: number;
  protocol: string;
}

export interface PortCount extends Tally {
  port: number;
  protocol: string;
  service?: string;
}

export interface RuleCount extends Tally {
  /** Whose rule: the NSG of an NSG flow log, or the aclID (NSG or admin rule collection) of a VNet log. */
  scope: string;
  rule: string;
  first: string;
  last: string;
}

export interface Split extends Tally {
  key: string;
}

/** Packets or bytes: src->dst and dst->src as logged, and in/out of the logged resource. */
export interface Traffic {
  srcToDst: number;
  dstToSrc: number;
  /** Towards the resource: src->dst of inbound tuples plus dst->src of outbound ones. */
  in: number;
  out: number;
}

export interface FlowSummary {
  counted: string;
  files: number;
  /** Records with a tuple in the time range (every record read when no range is given). */
  records: number;
  /** Records read, whatever their time. */
  recordsRead: number;
  tuples: number;
  allowed: number;
  denied: number;
  inbound: number;
  outbound: number;
  /** Tuples by state; `none` are version 1 tuples, which carry no state. */
  states: { begin: number; continue: number; end: number; deny: number; none: number };
  /** From version 2 and VNet tuples (version 1 has no counters). */
  bytes: Traffic;
  packets: Traffic;
  distinct: { sources: number; destinations: number; conversations: number };
  first?: string;
  last?: string;
  topTalkers: Talker[];
  topDestinations: Talker[];
  topDeniedSources: Talker[];
  topConversations: Conversation[];
  topPorts: PortCount[];
  rules: RuleCount[];
  targets: Split[];
  nics: Split[];
  acls: Split[];
  /** Tuples by address class of source -> destination, e.g. "public -> private". */
  addressClasses: Split[];
  timeline: Timeline;
  /** The first problems found (at most 1000): what could not be read, with file and byte offset. */
  problems: ParseProblem[];
  /** Every problem found, kept in `problems` or not. */
  problemCount: number;
}

const COUNTED =
  "tuples (one per log line; a connection logs begin, continue and end tuples, so count connections by states.begin)";

const newTally = (): Tally => ({ tuples: 0, allowed: 0, denied: 0, bytes: 0 });

class TallyMap<T extends Tally, K = string> {
  readonly entries = new Map<K, T>();
  constructor(private readonly make: (flow: Flow) => Omit<T, keyof Tally>) {}

  /** The entry for `key`, made from this flow the first time. */
  entry(key: K, flow: Flow): T {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { ...this.make(flow), ...newTally() } as T;
      this.entries.set(key, entry);
    }
    return entry;
  }

  add(key: K, flow: Flow, bytes: number): T {
    const entry = this.entry(key, flow);
    count(entry, flow, bytes);
    return entry;
  }

  /** The `n` largest by `by` (tuples unless told), ties broken by bytes; entries where it is 0 left out. */
  top(n: number, by: (t: T) => number = (t) => t.tuples): T[] {
    return [...this.entries.values()]
      .filter((t) => by(t) > 0)
      .sort((a, b) => by(b) - by(a) || b.bytes - a.bytes)
      .slice(0, n);
  }
}

function count(entry: Tally, flow: Flow, bytes: number): void {
  entry.tuples++;
  if (flow.decision === "deny") entry.denied++;
  else entry.allowed++;
  entry.bytes += bytes;
}

/** What every tuple of one group shares: its rule, target, NIC and ACL entries, found once per group. */
interface GroupEntries {
  target: string;
  aclID?: string;
  rule: string;
  mac: string;
  ruleCount: RuleCount;
  /** First and last time the rule was hit, epoch milliseconds. */
  ruleTimes: [number, number];
  targetSplit: Split;
  nicSplit: Split;
  aclSplit?: Split;
}

const newTraffic = (): Traffic => ({ srcToDst: 0, dstToSrc: 0, in: 0, out: 0 });

function addTraffic(t: Traffic, sent: number, received: number, inbound: boolean): void {
  t.srcToDst += sent;
  t.dstToSrc += received;
  t.in += inbound ? sent : received;
  t.out += inbound ? received : sent;
}

/** Remembers what a function gave for each string: IDs and addresses repeat on every tuple. */
function memo<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = fn(key);
      seen.set(key, value);
    }
    return value;
  };
}

export class SummaryBuilder {
  private readonly lower = memo((id) => id.toLowerCase());
  private readonly classOf = memo(addressClass);
  private tuples = 0;
  private allowed = 0;
  private inbound = 0;
  private readonly states = { begin: 0, continue: 0, end: 0, deny: 0, none: 0 };
  private readonly bytes = newTraffic();
  private readonly packets = newTraffic();
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly sources = new TallyMap<Talker>((f) => ({ ip: f.src }));
  private readonly destinations = new TallyMap<Talker>((f) => ({ ip: f.dst }));
  private readonly conversations = new TallyMap<Conversation>((f) => ({
    src: f.src,
    dst: f.dst,
    port: f.dstPort,
    protocol: f.protocol,
  }));
  /** Protocols as small numbers, so a port's key is a number: protocol * 65536 + port. */
  private readonly protocols = new Map<string, number>();
  private readonly ports = new TallyMap<PortCount, number>((f) => {
    const service = serviceName(f.protocol, f.dstPort);
    return { port: f.dstPort, protocol: f.protocol, ...(service ? { service } : {}) };
  });
  private readonly rules = new TallyMap<RuleCount>((f) => ({
    scope: f.aclID ?? f.target,
    rule: f.rule,
    first: "",
    last: "",
  }));
  private readonly ruleTimes = new Map<RuleCount, [number, number]>();
  private group: GroupEntries | undefined;
  private readonly targets = new TallyMap<Split>((f) => ({ key: f.target }));
  private readonly nics = new TallyMap<Split>((f) => ({ key: f.mac }));
  private readonly acls = new TallyMap<Split>((f) => ({ key: f.aclID ?? "" }));
  private readonly classes = new TallyMap<Split>(() => ({ key: "" }));
  private readonly timeline = new TimelineBuilder();

  add(flow: Flow): void {
    const sent = flow.bytesSent ?? 0;
    const received = flow.bytesReceived ?? 0;
    const bytes = sent + received;
    const inbound = flow.direction === "inbound";
    const denied = flow.decision === "deny";
    this.tuples++;
    if (!denied) this.allowed++;
    if (inbound) this.inbound++;
    this.states[flow.state ?? "none"]++;
    addTraffic(this.bytes, sent, received, inbound);
    addTraffic(this.packets, flow.packetsSent ?? 0, flow.packetsReceived ?? 0, inbound);
    this.first = Math.min(this.first, flow.time);
    this.last = Math.max(this.last, flow.time);
    this.sources.add(flow.src, flow, bytes);
    this.destinations.add(flow.dst, flow, bytes);
    this.conversations.add(`${flow.src}>${flow.dst}:${flow.protocol}/${flow.dstPort}`, flow, bytes);
    this.ports.add(this.protocolNumber(flow.protocol) * 65536 + flow.dstPort, flow, bytes);
    const group = this.groupOf(flow);
    count(group.ruleCount, flow, bytes);
    group.ruleTimes[0] = Math.min(group.ruleTimes[0], flow.time);
    group.ruleTimes[1] = Math.max(group.ruleTimes[1], flow.time);
    count(group.targetSplit, flow, bytes);
    count(group.nicSplit, flow, bytes);
    if (group.aclSplit) count(group.aclSplit, flow, bytes);
    const classes = `${this.classOf(flow.src)} -> ${this.classOf(flow.dst)}`;
    this.classes.add(classes, flow, bytes).key = classes;
    const [bytesIn, bytesOut] = inbound ? [sent, received] : [received, sent];
    this.timeline.add(flow.time, denied, bytesIn, bytesOut);
  }

  private protocolNumber(protocol: string): number {
    let number = this.protocols.get(protocol);
    if (number === undefined) {
      number = this.protocols.size;
      this.protocols.set(protocol, number);
    }
    return number;
  }

  /** The entries of the flow's group: the last group's when the flow shares it (tuples come by group). */
  private groupOf(flow: Flow): GroupEntries {
    const last = this.group;
    if (
      last &&
      last.target === flow.target &&
      last.aclID === flow.aclID &&
      last.rule === flow.rule &&
      last.mac === flow.mac
    )
      return last;
    const ruleCount = this.rules.entry(`${this.lower(flow.aclID ?? flow.target)}\n${flow.rule}`, flow);
    let ruleTimes = this.ruleTimes.get(ruleCount);
    if (!ruleTimes) {
      ruleTimes = [flow.time, flow.time];
      this.ruleTimes.set(ruleCount, ruleTimes);
    }
    this.group = {
      target: flow.target,
      aclID: flow.aclID,
      rule: flow.rule,
      mac: flow.mac,
      ruleCount,
      ruleTimes,
      targetSplit: this.targets.entry(this.lower(flow.target), flow),
      nicSplit: this.nics.entry(flow.mac, flow),
      aclSplit: flow.aclID === undefined ? undefined : this.acls.entry(this.lower(flow.aclID), flow),
    };
    return this.group;
  }

  /** The summary of the flows added, with the reading's files, records and problems. */
  build(
    top: number,
    read: Pick<ReadTotals, "files" | "records" | "recordsRead" | "problems" | "problemCount">,
  ): FlowSummary {
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const [rule, [first, last]] of this.ruleTimes) {
      rule.first = iso(first);
      rule.last = iso(last);
    }
    return {
      counted: COUNTED,
      files: read.files,
      records: read.records,
      recordsRead: read.recordsRead,
      tuples: this.tuples,
      allowed: this.allowed,
      denied: this.tuples - this.allowed,
      inbound: this.inbound,
      outbound: this.tuples - this.inbound,
      states: { ...this.states },
      bytes: { ...this.bytes },
      packets: { ...this.packets },
      distinct: {
        sources: this.sources.entries.size,
        destinations: this.destinations.entries.size,
        conversations: this.conversations.entries.size,
      },
      ...(this.tuples ? { first: iso(this.first), last: iso(this.last) } : {}),
      topTalkers: this.sources.top(top),
      topDestinations: this.destinations.top(top),
      topDeniedSources: this.sources.top(top, (t) => t.denied),
      topConversations: this.conversations.top(top),
      topPorts: this.ports.top(top),
      rules: this.rules.top(Number.POSITIVE_INFINITY),
      targets: this.targets.top(Number.POSITIVE_INFINITY),
      nics: this.nics.top(Number.POSITIVE_INFINITY),
      acls: this.acls.top(Number.POSITIVE_INFINITY),
      addressClasses: this.classes.top(Number.POSITIVE_INFINITY),
      timeline: this.timeline.build(),
      problems: read.problems,
      problemCount: read.problemCount,
    };
  }
}
