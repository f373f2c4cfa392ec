// One flow tuple read into a Flow, straight from the text that holds it: a tuple string of a parsed
// record, or a span of a record's raw text (the streaming reader never cuts a tuple out, nor splits it).
// NSG flow logs: version 1 tuples (8 fields) and version 2 (13 fields: + state and packets/bytes each
// way); a version 2 record can hold version 1 tuples (the format changed mid-hour). VNet flow logs
// (flowLogVersion 4): epoch milliseconds, IANA protocol numbers, state B/C/E/D, encryption.
import { isIP } from "node:net";
import type { Flow } from "./flow";
import { COMMA } from "./json-chars";

/**
 * Why a tuple cannot be read. Not an Error: a file can hold millions of bad tuples, and an Error records
 * a stack trace each time, which would cost more than reading the tuple.
 */
export class BadTuple {
  constructor(readonly message: string) {}
}

/** What a tuple's record and group say about it, and the latest time a tuple may have. */
export interface Context {
  target: string;
  mac: string;
  rule: string;
  aclID?: string;
  /** Epoch milliseconds: see latestFlowTime. */
  latest: number;
}

/** NSG flow logs began in 2017: a tuple time before 2015 is no flow log's. */
const EARLIEST_FLOW_TIME = Date.UTC(2015, 0, 1);
const DAY_MS = 86_400_000;

/** The latest time a tuple may have, read now: a day ahead, for clocks that drift. */
export const latestFlowTime = (): number => Date.now() + DAY_MS;

const ZERO = 0x30;
const DOT = 0x2e;
/** Field starts of the tuple being read, and one past its end: field k is at[k] .. at[k + 1] - 1. */
const at = new Int32Array(15);
/** Each field of the tuple being read as a whole number from decimal digits, or -1 (see whole). */
const wholes = new Float64Array(14);
/**
 * Each field of digits and dots as a number in base 11 (a dot is the digit 10), else -1: with the
 * field's width (up to MOST_PACKED characters), it names the characters exactly, such as an IPv4 address's.
 */
const packs = new Float64Array(14);
/** 11^15 < 2^53: a longer field would not pack exactly. */
const MOST_PACKED = 15;
const MOST_FIELDS = 13;
const MOST_DIGITS = 15;

/**
 * Fields in text[start, end), their starts kept in `at`, their values in `wholes` and `packs` (up to
 * the most a tuple may have): one pass, so no character is read twice.
 */
function splitFields(text: string, start: number, end: number): number {
  let k = 0;
  let value = 0;
  /** Digits of the field so far, or -1 after any other character. */
  let digits = 0;
  let packed = 0;
  at[0] = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      if (k < MOST_FIELDS) {
        wholes[k] = digits > 0 && digits <= MOST_DIGITS ? value : -1;
        packs[k] = packed;
        at[k + 1] = i + 1;
      }
      k++;
      value = digits = packed = 0;
      continue;
    }
    const digit = c - ZERO;
    if (digit >= 0 && digit <= 9) {
      value = value * 10 + digit;
      if (digits >= 0) digits++;
      packed = packed * 11 + digit;
    } else {
      digits = -1;
      packed = c === DOT && packed >= 0 ? packed * 11 + 10 : -1;
    }
  }
  if (k < MOST_FIELDS) {
    wholes[k] = digits > 0 && digits <= MOST_DIGITS ? value : -1;
    packs[k] = packed;
    at[k + 1] = end + 1;
  }
  return k + 1;
}

const field = (text: string, k: number) => text.slice(at[k], at[k + 1] - 1);
const width = (k: number) => at[k + 1] - 1 - at[k];
/** Field k is this one character. */
const is = (text: string, k: number, char: number) => width(k) === 1 && text.charCodeAt(at[k]) === char;

/** Field k as a whole number from decimal digits, or -1 (empty, other characters, more than 15 digits). */
const whole = (k: number): number => wholes[k];

/** The tuple's time (epoch milliseconds from field 0), refused when no flow log can have it. */
function checkTime(text: string, time: number, ctx: Context): number {
  if (time >= EARLIEST_FLOW_TIME && time <= ctx.latest) return time;
  const when =
    time < EARLIEST_FLOW_TIME ? "before 2015, when there were no flow logs" : "more than a day from now";
  throw new BadTuple(`time "${field(text, 0)}" is ${when}`);
}

/**
 * Field k as a 32-bit number when it is an IPv4 address written as isIP accepts it (four decimal octets up
 * to 255, no leading zeros), else -1: anything else goes the slow way, through isIP.
 */
function plainIPv4(text: string, k: number): number {
  const end = at[k + 1] - 1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = at[k]; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = digits = 0;
      continue;
    }
    const digit = c - ZERO;
    if (digit < 0 || digit > 9 || (digits === 1 && octet === 0) || ++digits > 3) return -1;
    octet = octet * 10 + digit;
    if (octet > 255) return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/**
 * The string of each IPv4 address seen lately, so the same address is mostly the same string (its hash
 * computed once for every map keyed by it), costs no slice and is checked once: a direct-mapped cache,
 * its slot found from the field's characters packed as a number (see packs), an address replacing the
 * one before it in its slot. Memory stays bounded. Other addresses (IPv6) are sliced and checked each time.
 */
const ADDRESS_SLOT_BITS = 14;
const addressPacks = new Float64Array(1 << ADDRESS_SLOT_BITS).fill(-1);
const addressWidths = new Int8Array(1 << ADDRESS_SLOT_BITS);
const addressStrings: string[] = new Array(1 << ADDRESS_SLOT_BITS).fill("");

function address(text: string, k: number, name: string): string {
  const packed = packs[k];
  const length = width(k);
  if (packed < 0 || length > MOST_PACKED) {
    const value = field(text, k);
    if (!isIP(value)) throw new BadTuple(`${name} address "${value}" is not an IP address`);
    return value;
  }
  const mixed = Math.imul((packed | 0) ^ ((packed / 2 ** 32) | 0) ^ length, 0x9e3779b1);
  const slot = mixed >>> (32 - ADDRESS_SLOT_BITS);
  if (addressPacks[slot] === packed && addressWidths[slot] === length) return addressStrings[slot];
  const value = field(text, k);
  if (plainIPv4(text, k) < 0 && !isIP(value))
    throw new BadTuple(`${name} address "${value}" is not an IP address`);
  addressPacks[slot] = packed;
  addressWidths[slot] = length;
  addressStrings[slot] = value;
  return value;
}

function port(text: string, k: number, name: string): number {
  const value = whole(k);
  if (value < 0 || value > 65535) throw new BadTuple(`${name} "${field(text, k)}" is not a port number`);
  return value;
}

function direction(text: string): Flow["direction"] {
  if (is(text, 6, 0x49)) return "inbound";
  if (is(text, 6, 0x4f)) return "outbound";
  throw new BadTuple(`direction "${field(text, 6)}"; expected I or O`);
}

/** Whether the tuple carries counters: all four are empty (a begin or denied tuple) or all whole numbers. */
const hasCounters = (fields: number) =>
  fields === 13 && (width(9) !== 0 || width(10) !== 0 || width(11) !== 0 || width(12) !== 0);

/** Counter `i` of four, of a tuple that has them. */
function counter(text: string, i: number): number {
  const value = whole(9 + i);
  if (value < 0) throw new BadTuple(`counter "${field(text, 9 + i)}" is not a whole number`);
  return value;
}

/** The state letter of field k: B, C, E or D, else undefined. */
function state(text: string, k: number): Flow["state"] {
  if (width(k) !== 1) return undefined;
  switch (text.charCodeAt(at[k])) {
    case 0x42:
      return "begin";
    case 0x43:
      return "continue";
    case 0x45:
      return "end";
    case 0x44:
      return "deny";
  }
  return undefined;
}

/** A Flow with every field (undefined where its version has none): one object shape, fast to read. */
export const newFlow = (): Flow => ({
  time: 0,
  version: 1,
  target: "",
  aclID: undefined,
  mac: "",
  rule: "",
  src: "",
  dst: "",
  srcPort: 0,
  dstPort: 0,
  protocol: "",
  direction: "inbound",
  decision: "allow",
  state: undefined,
  encryption: undefined,
  packetsSent: undefined,
  bytesSent: undefined,
  packetsReceived: undefined,
  bytesReceived: undefined,
});

/** A copy of a flow, in the shape newFlow makes: for callers that keep what a reused flow held. */
export const copyFlow = (flow: Flow): Flow => Object.assign(newFlow(), flow);

/** Writes the tuple's fields into `into` (reused from tuple to tuple: no object per tuple). */
function fill(
  into: Flow,
  text: string,
  fields: number,
  ctx: Context,
  time: number,
  version: Flow["version"],
  protocol: string,
  decision: Flow["decision"],
  flowState: Flow["state"],
  encryption: string | undefined,
): void {
  const src = address(text, 1, "source");
  const dst = address(text, 2, "destination");
  const srcPort = port(text, 3, "source port");
  const dstPort = port(text, 4, "destination port");
  const flowDirection = direction(text);
  const counted = hasCounters(fields);
  const packetsSent = counted ? counter(text, 0) : undefined;
  const bytesSent = counted ? counter(text, 1) : undefined;
  const packetsReceived = counted ? counter(text, 2) : undefined;
  const bytesReceived = counted ? counter(text, 3) : undefined;
  // Checked first, written after: a bad tuple leaves `into` as it was.
  into.time = time;
  into.version = version;
  into.target = ctx.target;
  into.aclID = ctx.aclID;
  into.mac = ctx.mac;
  into.rule = ctx.rule;
  into.src = src;
  into.dst = dst;
  into.srcPort = srcPort;
  into.dstPort = dstPort;
  into.protocol = protocol;
  into.direction = flowDirection;
  into.decision = decision;
  into.state = flowState;
  into.encryption = encryption;
  into.packetsSent = packetsSent;
  into.bytesSent = bytesSent;
  into.packetsReceived = packetsReceived;
  into.bytesReceived = bytesReceived;
}

/**
 * The NSG flow tuple in text[start, end), version 1 (8 fields) or 2 (13) whatever the record says,
 * written into `into`.
 */
export function nsgTupleAt(text: string, start: number, end: number, ctx: Context, into: Flow): void {
  const fields = splitFields(text, start, end);
  if (fields !== 8 && fields !== 13)
    throw new BadTuple(`NSG flow tuple has ${fields} fields; expected 8 (version 1) or 13 (version 2)`);
  const seconds = whole(0);
  if (seconds < 0) throw new BadTuple(`time "${field(text, 0)}" is not epoch seconds`);
  const time = checkTime(text, seconds * 1000, ctx);
  const protocol = is(text, 5, 0x54) ? "TCP" : is(text, 5, 0x55) ? "UDP" : "";
  if (!protocol) throw new BadTuple(`protocol "${field(text, 5)}"; expected T or U`);
  const allowed = is(text, 7, 0x41);
  if (!allowed && !is(text, 7, 0x44)) throw new BadTuple(`decision "${field(text, 7)}"; expected A or D`);
  const decision = allowed ? "allow" : "deny";
  const tupleState = fields === 8 ? undefined : state(text, 8);
  if (fields === 13 && (!tupleState || tupleState === "deny"))
    throw new BadTuple(`state "${field(text, 8)}"; expected B, C or E`);
  fill(into, text, fields, ctx, time, fields === 8 ? 1 : 2, protocol, decision, tupleState, undefined);
}

/** The IANA protocol number in field 5 by name where it has a common one; "IP" and the number if not. */
function ianaProtocol(text: string, number: number): string {
  // Only the plain spelling has a name ("06" reads as IP06, as written).
  const plain = width(5) === 1 || text.charCodeAt(at[5]) !== ZERO;
  if (plain && number === 6) return "TCP";
  if (plain && number === 17) return "UDP";
  if (plain && number === 1) return "ICMP";
  if (plain && number === 58) return "ICMPv6";
  return `IP${field(text, 5)}`;
}

/** The VNet flow tuple (flowLogVersion 4) in text[start, end), written into `into`. */
export function vnetTupleAt(text: string, start: number, end: number, ctx: Context, into: Flow): void {
  const fields = splitFields(text, start, end);
  if (fields !== 13) throw new BadTuple(`VNet flow tuple has ${fields} fields; expected 13`);
  const ms = whole(0);
  if (ms < 0) throw new BadTuple(`time "${field(text, 0)}" is not epoch milliseconds`);
  checkTime(text, ms, ctx);
  const number = whole(5);
  if (number < 0) throw new BadTuple(`protocol "${field(text, 5)}" is not an IANA protocol number`);
  const tupleState = state(text, 7);
  if (!tupleState) throw new BadTuple(`state "${field(text, 7)}"; expected B, C, E or D`);
  const decision = tupleState === "deny" ? "deny" : "allow";
  // Nearly every tuple says NX (not encrypted): one shared string rather than a copy each.
  const encryption = width(8) === 2 && text.startsWith("NX", at[8]) ? "NX" : field(text, 8);
  fill(into, text, fields, ctx, ms, 4, ianaProtocol(text, number), decision, tupleState, encryption);
}
