// A strict JSON cursor over a text that is one character per byte: steps over values exactly as
// JSON.parse would accept them, and yields only object keys from a known list and the spans of strings,
// never building a value. Anything it may not judge alone (escapes, non-ASCII, control characters,
// trailing commas, a repeated key) stops it with NOT_FAST; the text ending stops it with NEED_MORE.
import { isAscii } from "node:buffer";
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./json-chars";

/** The text ends inside the record. */
export const NEED_MORE = -1;
/** Not for this reader: JSON.parse and flowsOf must read (or report) the record. */
export const NOT_FAST = -2;
/** A key not in the cursor's list; the end of an object. */
export const OTHER = -1;
export const END = -2;

export class Bail {
  constructor(readonly code: number) {}
}
export const ENDS_EARLY = new Bail(NEED_MORE);
export const SLOW = new Bail(NOT_FAST);

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

export abstract class JsonCursor {
  protected text = "";
  protected p = 0;
  /** The first unsafe character at or after the last string checked (text.length when none). */
  private unsafeAt = -1;
  /** The last string read: text[s0, s1). */
  protected s0 = 0;
  protected s1 = 0;
  /** Key indexes by length: most keys are none of the list's, and their length alone says so. */
  private readonly keysByLength: number[][] = [];

  constructor(private readonly keys: readonly string[]) {
    keys.forEach((key, i) => {
      this.keysByLength[key.length] = [...(this.keysByLength[key.length] ?? []), i];
    });
  }

  /** The text to read next; `plain` when it holds no character a string must not (see isPlain). */
  use(text: string, plain: boolean): void {
    this.text = text;
    this.unsafeAt = plain ? text.length : -1;
  }

  protected peek(): number {
    if (this.p >= this.text.length) throw ENDS_EARLY;
    return this.text.charCodeAt(this.p);
  }

  protected space(): void {
    const text = this.text;
    let c = text.charCodeAt(this.p);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++this.p);
  }

  protected expect(char: number): void {
    this.space();
    if (this.peek() !== char) throw SLOW;
    this.p++;
  }

  /** A string at p, its content left in s0..s1. */
  protected string(): void {
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

  protected stringValue(): string {
    this.string();
    return this.text.slice(this.s0, this.s1);
  }

  /** After `{` (first) or a member: the next member's key, its value next at p; END after the `}`. */
  protected member(first: boolean): number {
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
    const candidates = this.keysByLength[length];
    if (candidates)
      for (let i = 0; i < candidates.length && key === OTHER; i++)
        if (this.text.startsWith(this.keys[candidates[i]], this.s0)) key = candidates[i];
    this.expect(COLON);
    this.space();
    return key;
  }

  /** Whether another element follows (`[` or `,` read); false after the `]`. */
  protected element(first: boolean): boolean {
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
  protected static once(seen: number, key: number): number {
    if (key === OTHER) return seen;
    if (seen & (1 << key)) throw SLOW;
    return seen | (1 << key);
  }

  /** Steps over any JSON value, checking it as JSON.parse would. */
  protected skip(depth: number): void {
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

  protected literal(word: string): void {
    if (this.text.startsWith(word, this.p)) this.p += word.length;
    else throw this.p + word.length > this.text.length ? ENDS_EARLY : SLOW;
  }

  protected digits(): number {
    const from = this.p;
    for (let c = this.peek(); c >= 0x30 && c <= 0x39; c = this.peek()) this.p++;
    return this.p - from;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  protected number(): void {
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
}
