// Reads the flows of one record straight from the file's text, without JSON.parse: a strict reader that
// walks the record once, notes where each group's tuple strings sit and reads them in place, skipping
// everything else. It takes only what JSON.parse + flowsOf would read the same way: plain ASCII strings
// without escapes, no trailing commas or duplicate keys, the documented shapes. Anything else, it hands
// back (NOT_FAST) for the JSON.parse path, which reads or reports it; it never half-reads a record.
import type { Flow } from "./flow";
import { OPEN_BRACE, OPEN_BRACKET } from "./json-chars";
import { Bail, END, JsonCursor, NOT_FAST, SLOW } from "./json-cursor";
import { type Context, latestFlowTime, newFlow, nsgTupleAt, vnetTupleAt } from "./tuples";

export interface FlowSink {
  /** A record was read, starting at this byte offset; its flows follow. */
  record(offset: number): void;
  /** One flow object, reused for every tuple: valid during the call only. */
  flow(flow: Flow): void;
  /** A tuple that breaks its format, with the byte offset of its string. */
  bad(offset: number, tuple: string, why: string): void;
}

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

export class FastRecordReader extends JsonCursor {
  private nsgTarget: string | undefined;
  private vnetTarget: string | undefined;
  private mac: string | undefined;
  private nsgFlows = false;
  private vnetFlows = false;
  /**
   * Tuple strings as pairs of content start and end, the first `spanCount` entries; each group owns
   * spans[spanFrom[g], spanTo[g]). Kept from record to record (an array emptied each record would be
   * grown again each time: most of what the reader allocated besides the text).
   */
  private spans = new Int32Array(1 << 12);
  private spanCount = 0;
  private groups = 0;
  private readonly spanFrom: number[] = [];
  private readonly spanTo: number[] = [];
  private readonly groupVnet: boolean[] = [];
  private readonly groupRule: string[] = [];
  private readonly groupMac: (string | undefined)[] = [];
  private readonly groupAcl: string[] = [];
  private readonly ctx: Context = {
    target: "",
    mac: "",
    rule: "",
    aclID: undefined,
    latest: latestFlowTime(),
  };
  /** Every tuple is read into this one object. */
  private readonly tuple = newFlow();
  private upperIn = "";
  private upperOut = "";

  constructor(private readonly sink: FlowSink) {
    super(KEYS);
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
    this.spanCount = 0;
    this.groups = 0;
    try {
      this.record();
    } catch (e) {
      if (e instanceof Bail) return e.code;
      throw e;
    }
    if (!this.vnetFlows && !this.nsgFlows) return NOT_FAST;
    this.emit(base, start);
    return this.p;
  }

  private record(): void {
    this.expect(OPEN_BRACE);
    let seen = 0;
    for (let key = this.member(true); key !== END; key = this.member(false)) {
      seen = JsonCursor.once(seen, key);
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
      seen = JsonCursor.once(seen, key);
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
      seen = JsonCursor.once(seen, key);
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
    this.spanFrom[g] = this.spanTo[g] = this.spanCount;
    let seen = 0;
    for (let key = this.member(true); key !== END; key = this.member(false)) {
      seen = JsonCursor.once(seen, key);
      if (key === RULE) rule = this.stringValue();
      else if (key === MAC) mac = this.stringValue();
      else if (key === TUPLES) {
        this.spanFrom[g] = this.spanCount;
        this.expect(OPEN_BRACKET);
        for (let more = this.element(true); more; more = this.element(false)) {
          this.string();
          this.span(this.s0, this.s1);
        }
        this.spanTo[g] = this.spanCount;
      } else this.skip(0);
    }
    this.groupVnet[g] = vnet;
    this.groupRule[g] = rule;
    this.groupMac[g] = mac;
  }

  private span(start: number, end: number): void {
    if (this.spanCount + 2 > this.spans.length) {
      const spans = new Int32Array(this.spans.length * 2);
      spans.set(this.spans);
      this.spans = spans;
    }
    this.spans[this.spanCount++] = start;
    this.spans[this.spanCount++] = end;
  }

  private upper(mac: string): string {
    if (mac !== this.upperIn) {
      this.upperIn = mac;
      this.upperOut = mac.toUpperCase();
    }
    return this.upperOut;
  }

  /** Hands on the flows of the record's groups, the VNet ones if it has them (as flowsOf does). */
  private emit(base: number, start: number): void {
    const vnet = this.vnetFlows;
    const { ctx, spans, text, sink, tuple } = this;
    sink.record(base + start);
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
          if (vnet) vnetTupleAt(text, start, end, ctx, tuple);
          else nsgTupleAt(text, start, end, ctx, tuple);
        } catch (e) {
          sink.bad(base + start - 1, text.slice(start, end), (e as Error).message);
          continue;
        }
        sink.flow(tuple);
      }
    }
  }
}
