// Totals of many flows, built one flow at a time so any number of blobs can stream through it.
// What is counted: tuples, the lines of a flow log. A connection of an NSG version 2 or VNet log shows
// as a begin tuple, continue tuples while it lasts and an end tuple, so tuples are not connections:
// `states.begin` counts connections opened, `states.deny` (VNet) and version 1 tuples count attempts.
import type { Flow } from "./flow";
import { IdTable } from "./id-table";
import { type AddressClass, addressClass, serviceName } from "./network";
import type { ReadTotals } from "./read-totals";
import type { ParseProblem } from "./record-stream";
import { addTally, count, type Tally, TallyMap } from "./tallies";
import { type ColumnsPart, type SlotsPart, SlotTallies, TallyColumns } from "./tally-columns";
import { type TimeBin, type Timeline, TimelineBuilder } from "./timeline";

export type { Tally } from "./tallies";

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

/**
 * What every tuple of one group shares: its rule, target, NIC and ACL entries, found once per group,
 * and the group's tuples counted since they were last added to those entries (see settleGroup).
 */
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
  unsettled: Tally;
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

const CLASSES: AddressClass[] = ["private", "public", "platform"];

/**
 * What a SummaryBuilder has counted, as plain data to hand from one thread to another and merge
 * (SummaryBuilder.merge). What every tuple counts into is columns of typed arrays keyed by this builder's
 * address and protocol numbers (cheap to clone); entries come first seen first; rules carry their key
 * and first and last times.
 */
export interface SummaryPart {
  tuples: number;
  allowed: number;
  inbound: number;
  states: FlowSummary["states"];
  bytes: Traffic;
  packets: Traffic;
  first: number;
  last: number;
  /** Addresses and protocols by this builder's ids. */
  addresses: string[];
  protocols: string[];
  sources: SlotsPart;
  destinations: SlotsPart;
  /** Source and destination address ids, protocol id and port of each conversation. */
  conversationKeys: Int32Array;
  conversations: ColumnsPart;
  /** Protocol id and port of each port entry. */
  portKeys: Int32Array;
  ports: ColumnsPart;
  rules: [key: string, rule: RuleCount, first: number, last: number][];
  targets: [string, Split][];
  nics: [string, Split][];
  acls: [string, Split][];
  classes: SlotsPart;
  minutes: [number, TimeBin][];
}

export class SummaryBuilder {
  private readonly lower = memo((id) => id.toLowerCase());
  private tuples = 0;
  private allowed = 0;
  private inbound = 0;
  private readonly states = { begin: 0, continue: 0, end: 0, deny: 0, none: 0 };
  private readonly bytes = newTraffic();
  private readonly packets = newTraffic();
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  /** Addresses as small numbers, first seen first, and each one's class (an index into CLASSES). */
  private readonly addressIds = new Map<string, number>();
  private readonly addresses: string[] = [];
  private readonly addressClasses: number[] = [];
  private readonly sources = new SlotTallies();
  private readonly destinations = new SlotTallies();
  /** By source and destination address id, protocol id and port. */
  private readonly conversationIds = new IdTable(4);
  private readonly conversations = new TallyColumns();
  /** Protocols as small numbers, the last one looked up kept at hand (tuples of a blob share a few). */
  private readonly protocolIds = new Map<string, number>();
  private readonly protocols: string[] = [];
  private lastProtocol = "";
  private lastProtocolId = -1;
  /** By protocol id and port; each conversation's port id, found once when the conversation is new. */
  private readonly portIds = new IdTable(2);
  private conversationPorts = new Int32Array(1 << 10);
  private readonly ports = new TallyColumns();
  private readonly rules = new TallyMap<RuleCount>();
  private readonly ruleTimes = new Map<RuleCount, [number, number]>();
  private group: GroupEntries | undefined;
  private readonly targets = new TallyMap<Split>();
  private readonly nics = new TallyMap<Split>();
  private readonly acls = new TallyMap<Split>();
  /** By source class * CLASSES.length + destination class. */
  private readonly classes = new SlotTallies();
  private readonly timeline = new TimelineBuilder();

  /** Counts a flow; it is read during the call only (a reader may hand the same object again). */
  add(flow: Flow): void {
    const sent = flow.bytesSent ?? 0;
    const received = flow.bytesReceived ?? 0;
    const bytes = sent + received;
    const inbound = flow.direction === "inbound";
    const denied = flow.decision === "deny";
    const time = flow.time;
    this.tuples++;
    if (!denied) this.allowed++;
    if (inbound) this.inbound++;
    this.countState(flow.state);
    addTraffic(this.bytes, sent, received, inbound);
    addTraffic(this.packets, flow.packetsSent ?? 0, flow.packetsReceived ?? 0, inbound);
    if (time < this.first) this.first = time;
    if (time > this.last) this.last = time;
    const src = this.addressId(flow.src);
    const dst = this.addressId(flow.dst);
    this.sources.count(this.sources.slot(src), denied, bytes);
    this.destinations.count(this.destinations.slot(dst), denied, bytes);
    const conversation = this.conversationId(src, dst, this.protocolId(flow.protocol), flow.dstPort);
    this.conversations.count(conversation, denied, bytes);
    this.ports.count(this.conversationPorts[conversation], denied, bytes);
    const group = this.groupOf(flow);
    count(group.unsettled, denied, bytes);
    if (time < group.ruleTimes[0]) group.ruleTimes[0] = time;
    if (time > group.ruleTimes[1]) group.ruleTimes[1] = time;
    const classPair = this.addressClasses[src] * CLASSES.length + this.addressClasses[dst];
    this.classes.count(this.classes.slot(classPair), denied, bytes);
    this.timeline.add(time, denied, inbound ? sent : received, inbound ? received : sent);
  }

  private countState(state: Flow["state"]): void {
    if (state === "begin") this.states.begin++;
    else if (state === "continue") this.states.continue++;
    else if (state === "end") this.states.end++;
    else if (state === "deny") this.states.deny++;
    else this.states.none++;
  }

  private addressId(address: string): number {
    let id = this.addressIds.get(address);
    if (id === undefined) {
      id = this.addresses.length;
      this.addressIds.set(address, id);
      this.addresses.push(address);
      this.addressClasses.push(CLASSES.indexOf(addressClass(address)));
    }
    return id;
  }

  /**
   * The conversation's id. A port is first seen with a conversation first seen, so giving the port its
   * id then keeps ports first seen first, and spares a lookup per tuple.
   */
  private conversationId(src: number, dst: number, protocol: number, port: number): number {
    const before = this.conversationIds.size;
    const id = this.conversationIds.id(src, dst, protocol, port);
    if (id === before) {
      if (id >= this.conversationPorts.length) {
        const ports = new Int32Array(this.conversationPorts.length * 2);
        ports.set(this.conversationPorts);
        this.conversationPorts = ports;
      }
      this.conversationPorts[id] = this.portIds.id(protocol, port);
    }
    return id;
  }

  private protocolId(protocol: string): number {
    if (protocol === this.lastProtocol) return this.lastProtocolId;
    let id = this.protocolIds.get(protocol);
    if (id === undefined) {
      id = this.protocols.length;
      this.protocolIds.set(protocol, id);
      this.protocols.push(protocol);
    }
    this.lastProtocol = protocol;
    this.lastProtocolId = id;
    return id;
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
    this.settleGroup();
    const ruleCount = this.rules.entry(`${this.lower(flow.aclID ?? flow.target)}\n${flow.rule}`, () => ({
      scope: flow.aclID ?? flow.target,
      rule: flow.rule,
      first: "",
      last: "",
    }));
    this.group = {
      target: flow.target,
      aclID: flow.aclID,
      rule: flow.rule,
      mac: flow.mac,
      ruleCount,
      ruleTimes: this.ruleTimesOf(ruleCount, flow.time, flow.time),
      targetSplit: this.targets.entry(this.lower(flow.target), () => ({ key: flow.target })),
      nicSplit: this.nics.entry(flow.mac, () => ({ key: flow.mac })),
      aclSplit:
        flow.aclID === undefined
          ? undefined
          : this.acls.entry(this.lower(flow.aclID), () => ({ key: flow.aclID ?? "" })),
      unsettled: { tuples: 0, allowed: 0, denied: 0, bytes: 0 },
    };
    return this.group;
  }

  /** Adds the last group's tuples to its rule, target, NIC and ACL entries: once per group, not per tuple. */
  private settleGroup(): void {
    const group = this.group;
    if (!group) return;
    const { unsettled } = group;
    addTally(group.ruleCount, unsettled);
    addTally(group.targetSplit, unsettled);
    addTally(group.nicSplit, unsettled);
    if (group.aclSplit) addTally(group.aclSplit, unsettled);
    unsettled.tuples = unsettled.allowed = unsettled.denied = unsettled.bytes = 0;
  }

  /** The rule's first and last times, widened to `first` and `last`. */
  private ruleTimesOf(rule: RuleCount, first: number, last: number): [number, number] {
    let times = this.ruleTimes.get(rule);
    if (!times) {
      times = [first, last];
      this.ruleTimes.set(rule, times);
    }
    if (first < times[0]) times[0] = first;
    if (last > times[1]) times[1] = last;
    return times;
  }

  private talker(tallies: SlotTallies, slot: number): Talker {
    return { ip: this.addresses[tallies.ids[slot]], ...tallies.tally(slot) };
  }

  private conversation(id: number): Conversation {
    const ids = this.conversationIds;
    return {
      src: this.addresses[ids.key(id, 0)],
      dst: this.addresses[ids.key(id, 1)],
      port: ids.key(id, 3),
      protocol: this.protocols[ids.key(id, 2)],
      ...this.conversations.tally(id),
    };
  }

  private port(id: number): PortCount {
    const port = this.portIds.key(id, 1);
    const protocol = this.protocols[this.portIds.key(id, 0)];
    const service = serviceName(protocol, port);
    return { port, protocol, ...(service ? { service } : {}), ...this.ports.tally(id) };
  }

  private classSplit(slot: number): Split {
    const pair = this.classes.ids[slot];
    const [src, dst] = [Math.floor(pair / CLASSES.length), pair % CLASSES.length];
    return { key: `${CLASSES[src]} -> ${CLASSES[dst]}`, ...this.classes.tally(slot) };
  }

  /** What was counted, as plain data (see SummaryPart). */
  part(): SummaryPart {
    this.settleGroup();
    return {
      tuples: this.tuples,
      allowed: this.allowed,
      inbound: this.inbound,
      states: this.states,
      bytes: this.bytes,
      packets: this.packets,
      first: this.first,
      last: this.last,
      addresses: this.addresses,
      protocols: this.protocols,
      sources: this.sources.slotsPart(),
      destinations: this.destinations.slotsPart(),
      conversationKeys: this.conversationIds.keysPart(),
      conversations: this.conversations.part(this.conversationIds.size),
      portKeys: this.portIds.keysPart(),
      ports: this.ports.part(this.portIds.size),
      rules: [...this.rules.entries].map(([key, rule]) => {
        const [first, last] = this.ruleTimes.get(rule) ?? [0, 0];
        return [key, rule, first, last];
      }),
      targets: [...this.targets.entries],
      nics: [...this.nics.entries],
      acls: [...this.acls.entries],
      classes: this.classes.slotsPart(),
      minutes: this.timeline.part(),
    };
  }

  /** Adds what another builder counted; parts merged in the order of their blobs summarise as one reader would. */
  merge(part: SummaryPart): void {
    this.settleGroup();
    this.group = undefined;
    this.tuples += part.tuples;
    this.allowed += part.allowed;
    this.inbound += part.inbound;
    for (const state of Object.keys(this.states) as (keyof typeof this.states)[])
      this.states[state] += part.states[state];
    for (const [to, from] of [
      [this.bytes, part.bytes],
      [this.packets, part.packets],
    ])
      for (const way of Object.keys(to) as (keyof Traffic)[]) to[way] += from[way];
    this.first = Math.min(this.first, part.first);
    this.last = Math.max(this.last, part.last);
    // The part's address and protocol ids, as this builder numbers them (new ones first seen first).
    const addresses = new Int32Array(part.addresses.length).fill(-1);
    const address = (id: number) => {
      if (addresses[id] < 0) addresses[id] = this.addressId(part.addresses[id]);
      return addresses[id];
    };
    const protocol = (id: number) => this.protocolId(part.protocols[id]);
    for (const [tallies, from] of [
      [this.sources, part.sources],
      [this.destinations, part.destinations],
    ] as const)
      for (let slot = 0; slot < from.ids.length; slot++)
        tallies.add(tallies.slot(address(from.ids[slot])), from, slot);
    const keys = part.conversationKeys;
    for (let id = 0, at = 0; at < keys.length; id++, at += 4) {
      const conversation = this.conversationId(
        address(keys[at]),
        address(keys[at + 1]),
        protocol(keys[at + 2]),
        keys[at + 3],
      );
      this.conversations.add(conversation, part.conversations, id);
    }
    const ports = part.portKeys;
    for (let id = 0, at = 0; at < ports.length; id++, at += 2)
      this.ports.add(this.portIds.id(protocol(ports[at]), ports[at + 1]), part.ports, id);
    for (const [key, rule, first, last] of part.rules)
      this.ruleTimesOf(this.rules.merge(key, rule), first, last);
    for (const [key, split] of part.targets) this.targets.merge(key, split);
    for (const [key, split] of part.nics) this.nics.merge(key, split);
    for (const [key, split] of part.acls) this.acls.merge(key, split);
    const { classes } = this;
    for (let slot = 0; slot < part.classes.ids.length; slot++)
      classes.add(classes.slot(part.classes.ids[slot]), part.classes, slot);
    this.timeline.merge(part.minutes);
  }

  /** The summary of the flows added, with the reading's files, records and problems. */
  build(
    top: number,
    read: Pick<ReadTotals, "files" | "records" | "recordsRead" | "problems" | "problemCount">,
  ): FlowSummary {
    this.settleGroup();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const [rule, [first, last]] of this.ruleTimes) {
      rule.first = iso(first);
      rule.last = iso(last);
    }
    const { sources, destinations, classes } = this;
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
        sources: sources.ids.length,
        destinations: destinations.ids.length,
        conversations: this.conversationIds.size,
      },
      ...(this.tuples ? { first: iso(this.first), last: iso(this.last) } : {}),
      topTalkers: sources.top(sources.ids.length, top).map((slot) => this.talker(sources, slot)),
      topDestinations: destinations
        .top(destinations.ids.length, top)
        .map((slot) => this.talker(destinations, slot)),
      topDeniedSources: sources.top(sources.ids.length, top, true).map((slot) => this.talker(sources, slot)),
      topConversations: this.conversations
        .top(this.conversationIds.size, top)
        .map((id) => this.conversation(id)),
      topPorts: this.ports.top(this.portIds.size, top).map((id) => this.port(id)),
      rules: this.rules.top(Number.POSITIVE_INFINITY),
      targets: this.targets.top(Number.POSITIVE_INFINITY),
      nics: this.nics.top(Number.POSITIVE_INFINITY),
      acls: this.acls.top(Number.POSITIVE_INFINITY),
      addressClasses: classes
        .top(classes.ids.length, Number.POSITIVE_INFINITY)
        .map((slot) => this.classSplit(slot)),
      timeline: this.timeline.build(),
      problems: read.problems,
      problemCount: read.problemCount,
    };
  }
}
