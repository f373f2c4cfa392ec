// Reads the flows of one record straight from the file's text, without JSON.parse: a strict reader that
// walks the record once, notes where each group's tuple strings sit and reads them in place, skipping
// everything else. It takes only what JSON.parse + flowsOf would read the same way: plain ASCII strings
// without escapes, no trailing commas or duplicate keys, the documented shapes. Anything else, it hands
// back (NOT_FAST) for the JSON.parse path, which reads or reports it; it never half-reads a record.
import { isAscii } from "node:buffer";
import type { Flow } from "./flows";
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./json-chars";
import { type Context, nsgTupleAt, vnetTupleAt } from "./tuples";

/** The text ends inside the record. */
export const NEED_MORE = -1;
/** Not for this reader: JSON.parse and flowsOf must read (or report) the record. */
export const NOT_FAST = -2;

export interface FlowSink {
  /** A record was read; its flows follow. */
  record(): void;
  flow(flow: Flow): void;
  /** A tuple that breaks its format, with the byte offset of its string. */
  bad(offset: number, tuple: string, why: string): void;
}

class Bail {
  constructor(readonly code: number) {}
}
const ENDS_EARLY = new Bail(NEED_MORE);
const SLOW = new Bail(NOT_FAST);

/** What a string must not hold here: anything but printable ASCII without `\` (JSON.parse decodes escapes). */
const UNSAFE = /[^\x20-\x5b\x5d-\x7e]/g;
/** Bytes 0x00-0x1f in a 32-bit word of ASCII bytes (the "has a byte less than n" bit trick, n = 0x20). */
const hasControl = (word: number) => ((word - 0x20202020) & ~word & 0x80808080) !== 0;

// Each loop returns from inside: code after a hot loop has no type feedback when the loop is compiled.
function controlFreeWords(words: Int32Array): boolean {
  for (let i = 0; i < words.length; i++) if (hasControl(words[i])) return false;
  return true;
}

function controlFreeBytes(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] < 0x20) return false;
  return true;
}

/**
 * Whether these bytes are plain: printable ASCII only, no `\`, so no string in them needs a check.
 * Azure's PT1H.json blobs are; looking costs a few native passes and one word-at-a-time loop.
 */
export function isPlain(bytes: Uint8Array): boolean {
  if (!isAscii(bytes) || bytes.indexOf(0x5c) >= 0) return false;
  if (bytes.byteOffset % 4 !== 0) return controlFreeBytes(bytes, 0);
  const words = bytes.length >> 2;
  return (
    controlFreeBytes(bytes, words * 4) &&
    controlFreeWords(new Int32Array(bytes.buffer, bytes.byteOffset, words))
  );
}

/** Deeper than any flow-log record nests; deeper values go to JSON.parse. */
const MAX_DEPTH = 64;

/** The keys this reader looks at; each one's bit marks it seen in its object (a duplicate goes slow). */
const KEYS = [
  "resourceId",
  "targetResourceID",
  "macAddress",
  "properties",
  "flowRecords",
  "records",
  "flows",
  "rule",
  "mac",
  "flowTuples",
  "aclID",
  "flowGroups",
] as const;
const [
  RESOURCE_ID,
  TARGET_ID,
  MAC_ADDRESS,
  PROPERTIES,
  FLOW_RECORDS,
  RECORDS,
  FLOWS,
  RULE,
  MAC,
  TUPLES,
  ACL_ID,
  GROUPS,
] = KEYS.map((_, i) => i);
/** Keys by length: most keys of a record are none of these, and their length alone says so. */
const KEYS_BY_LENGTH: number[][] = [];
KEYS.forEach((key, i) => {
  KEYS_BY_LENGTH[key.length] = [...(KEYS_BY_LENGTH[key.length] ?? []), i];
});
const OTHER = -1;
const END = -2;

export class FastRecordReader {
  private text = "";
  private p = 0;
  /** The first unsafe character at or after the last string checked (text.length when none). */
  private unsafeAt = -1;
  /** The last string read: text[s0, s1). */
  private s0 = 0;
  private s1 = 0;
  private nsgTarget: string | undefined;
  private vnetTarget: string | undefined;
  private mac: string | undefined;
  private nsgFlows = false;
  private vnetFlows = false;
  /** Tuple strings as pairs of content start and end; each group owns spans[spanFrom[g], spanTo[g]). */
  private readonly spans: number[] = [];
  private groups = 0;
  private readonly spanFrom: number[] = [];
  private readonly spanTo: number[] = [];
  private readonly groupVnet: boolean[] = [];
  private readonly groupRule: string[] = [];
  private readonly groupMac: (string | undefined)[] = [];
  private readonly groupAcl: string[] = [];
  private readonly ctx: Context = { target: "", mac: "", rule: "", aclID: undefined };
  private upperIn = "";
  private upperOut = "";

  constructor(private readonly sink: FlowSink) {}

  /** The text records are read from next; `plain` when it holds no character a string must not. */
  use(text: string, plain: boolean): void {
    this.text = text;
    this.unsafeAt = plain ? text.length : -1;
  }

  /**
   * Reads the record whose `{` is at `start`, hands its flows and bad tuples to the sink, and returns
   * the index after its `}`; or NEED_MORE / NOT_FAST, having handed nothing. `base` is the byte offset
   * of text[0] in the file (the text is one byte per character).
   */
  read(start: number, base: number): number {
    this.p = start;
    this.nsgTarget = this.vnetTarget = this.mac = undefined;
    this.nsgFlows = this.vnetFlows = false;
    this.spans.length = 0;
    this.groups = 0;
    try {
      this.record();
    } catch (e) {
      if (e instanceof Bail) return e.code;
      throw e;
    }
    if (!this.vnetFlows && !this.nsgFlows) return NOT_FAST;
    this.emit(base);
    return this.p;
  }

  private peek(): number {
    if (this.p >= this.text.length) throw ENDS_EARLY;
    return this.text.charCodeAt(this.p);
  }

  private space(): void {
    const text = this.text;
    let c = text.charCodeAt(this.p);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++this.p);
  }

  private expect(char: number): void {
    this.space();
    if (this.peek() !== char) throw SLOW;
    this.p++;
  }

  /** A string at p, its content left in s0..s1. */
  private string(): void {
    if (this.peek() !== QUOTE) throw SLOW;
    const close = this.text.indexOf('"', this.p + 1);
    if (close < 0) throw ENDS_EARLY;
    if (this.unsafeAt <= this.p) {
      UNSAFE.lastIndex = this.p;
      this.unsafeAt = UNSAFE.test(this.text) ? UNSAFE.lastIndex - 1 : this.text.length;
    }
    if (this.unsafeAt < close) throw SLOW;
    this.s0 = this.p + 1;
    this.s1 = close;
    this.p = close + 1;
  }

  private stringValue(): string {
    this.string();
    return this.text.slice(this.s0, this.s1);
  }

  /** After `{` (first) or a member: the next member's key, its value next at p; END after the `}`. */
  private member(first: boolean): number {
    this.space();
    const c = this.peek();
    if (c === CLOSE_BRACE) {
      this.p++;
      return END;
    }
    if (!first) {
      if (c !== COMMA) throw SLOW;
      this.p++;
      this.space();
    }
    this.string();
    const length = this.s1 - this.s0;
    let key = OTHER;
    const candidates = KEYS_BY_LENGTH[length];
    if (candidates)
      for (let i = 0; i < candidates.length && key === OTHER; i++)
        if (this.text.startsWith(KEYS[candidates[i]], this.s0)) key = candidates[i];
    this.expect(COLON);
    this.space();
    return key;
  }

  /** Whether another element follows (`[` or `,` read); false after the `]`. */
  private element(first: boolean): boolean {
    this.space();
    const c = this.peek();
    if (c === CLOSE_BRACKET && first) {
      this.p++;
      return false;
    }
    if (!first) {
      if (c === CLOSE_BRACKET) {
        this.p++;
        return false;
      }
      if (c !== COMMA) throw SLOW;
      this.p++;
    }
    this.space();
    if (this.peek() === CLOSE_BRACKET) throw SLOW; // a trailing comma
    return true;
  }

  /** Marks `key` seen in an object; a second time goes slow (JSON.parse keeps the last). */
  private static once(seen: number, key: number): number {
    if (key === OTHER) return seen;
    if (seen & (1 << key)) throw SLOW;
    return seen | (1 << key);
  }

  private record(): void {
    this.expect(OPEN_BRACE);
    let seen = 0;
    for (let key = this.member(true); key !== END; key = this.member(false)) {
      seen = FastRecordReader.once(seen, key);
      if (key === RESOURCE_ID) this.nsgTarget = this.stringValue();
      else if (key === TARGET_ID) this.vnetTarget = this.stringValue();
      else if (key === MAC_ADDRESS) this.mac = this.stringValue();
      else if (key === PROPERTIES || key === FLOW_RECORDS) this.flowsHolder(key === FLOW_RECORDS);
      else if (key === RECORDS)
        throw SLOW; // a {"records":[…]} wrapper: the scanner's to open
      else this.skip(0);
    }
  }

  /** `properties` (NSG) or `flowRecords` (VNet): the object whose `flows` list holds the groups. */
  private flowsHolder(vnet: boolean): void {
    this.expect(OPEN_BRACE);
    let seen = 0;
    for (let key = this.member(true); key !== END; key = this.member(false)) {
      seen = FastRecordReader.once(seen, key);
      if (key !== FLOWS) {
        this.skip(0);
        continue;
      }
      this.expect(OPEN_BRACKET);
      for (let more = this.element(true); more; more = this.element(false)) this.owner(vnet);
      if (vnet) this.vnetFlows = true;
      else this.nsgFlows = true;
    }
  }

  /** A rule's entry (NSG: `rule` and `flows`) or an ACL's (VNet: `aclID` and `flowGroups`). */
  private owner(vnet: boolean): void {
    this.expect(OPEN_BRACE);
    const first = this.groups;
    let name = "";
    let seen = 0;
    for (let key = this.member(true); key !== END; key = this.member(false)) {
      seen = FastRecordReader.once(seen, key);
      if (key === (vnet ? ACL_ID : RULE)) name = this.stringValue();
      else if (key === (vnet ? GROUPS : FLOWS)) {
        this.expect(OPEN_BRACKET);
        for (let more = this.element(true); more; more = this.element(false)) this.group(vnet);
      } else this.skip(0);
    }
    for (let g = first; g < this.groups; g++)
      if (vnet) this.groupAcl[g] = name;
      else this.groupRule[g] = name;
  }

  /** A group of tuples: NSG with its `mac`, VNet with its `rule`. */
  private group(vnet: boolean): void {
    this.expect(OPEN_BRACE);
    const g = this.groups++;
    let rule = "";
    let mac: string | undefined;
    this.spanFrom[g] = this.spanTo[g] = this.spans.length;
    let seen = 0;
    for (let key = this.member(true); key !== END; key = this.member(false)) {
      seen = FastRecordReader.once(seen, key);
      if (key === RULE) rule = this.stringValue();
      else if (key === MAC) mac = this.stringValue();
      else if (key === TUPLES) {
        this.spanFrom[g] = this.spans.length;
        this.expect(OPEN_BRACKET);
        for (let more = this.element(true); more; more = this.element(false)) {
          this.string();
          this.spans.push(this.s0, this.s1);
        }
        this.spanTo[g] = this.spans.length;
      } else this.skip(0);
    }
    this.groupVnet[g] = vnet;
    this.groupRule[g] = rule;
    this.groupMac[g] = mac;
  }

  /** Steps over any JSON value, checking it as JSON.parse would. */
  private skip(depth: number): void {
    if (depth > MAX_DEPTH) throw SLOW;
    const c = this.peek();
    if (c === QUOTE) this.string();
    else if (c === OPEN_BRACE) {
      this.p++;
      for (let key = this.member(true); key !== END; key = this.member(false)) this.skip(depth + 1);
    } else if (c === OPEN_BRACKET) {
      this.p++;
      for (let more = this.element(true); more; more = this.element(false)) this.skip(depth + 1);
    } else if (c === 0x74) this.literal("true");
    else if (c === 0x66) this.literal("false");
    else if (c === 0x6e) this.literal("null");
    else this.number();
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.p)) this.p += word.length;
    else throw this.p + word.length > this.text.length ? ENDS_EARLY : SLOW;
  }

  private digits(): number {
    const from = this.p;
    for (let c = this.peek(); c >= 0x30 && c <= 0x39; c = this.peek()) this.p++;
    return this.p - from;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    if (this.peek() === 0x2d) this.p++;
    const leadingZero = this.peek() === 0x30;
    const whole = this.digits();
    if (whole === 0 || (leadingZero && whole > 1)) throw SLOW;
    if (this.peek() === 0x2e) {
      this.p++;
      if (this.digits() === 0) throw SLOW;
    }
    const c = this.peek();
    if (c === 0x65 || c === 0x45) {
      this.p++;
      const sign = this.peek();
      if (sign === 0x2b || sign === 0x2d) this.p++;
      if (this.digits() === 0) throw SLOW;
    }
  }

  private upper(mac: string): string {
    if (mac !== this.upperIn) {
      this.upperIn = mac;
      this.upperOut = mac.toUpperCase();
    }
    return this.upperOut;
  }

  /** Hands on the flows of the record's groups, the VNet ones if it has them (as flowsOf does). */
  private emit(base: number): void {
    const vnet = this.vnetFlows;
    const { ctx, spans, text, sink } = this;
    sink.record();
    ctx.target = (vnet ? this.vnetTarget : this.nsgTarget) ?? "";
    for (let g = 0; g < this.groups; g++) {
      if (this.groupVnet[g] !== vnet) continue;
      ctx.rule = this.groupRule[g];
      ctx.mac = this.upper((vnet ? undefined : this.groupMac[g]) ?? this.mac ?? "");
      ctx.aclID = vnet ? this.groupAcl[g] : undefined;
      for (let i = this.spanFrom[g]; i < this.spanTo[g]; i += 2) {
        const start = spans[i];
        const end = spans[i + 1];
        try {
          sink.flow(vnet ? vnetTupleAt(text, start, end, ctx) : nsgTupleAt(text, start, end, ctx));
        } catch (e) {
          sink.bad(base + start - 1, text.slice(start, end), (e as Error).message);
        }
      }
    }
  }
}
