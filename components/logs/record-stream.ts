// Finds the records in flow-log files without holding a file in memory. A scanner walks each chunk's
// text, stepping from quote to quote through strings, and finds each record by brace depth. It takes
// every shape the logs come in: a whole `{"records":[ … ]}` blob (also one still being written, with no
// closing `]}`), a block appended to one (`,{…}`, with or without a BOM), a bare record, and one or more
// records per line. A broken record is reported with the file and byte offset, and the records after
// it still parse. Chunks are read as latin1, one character per byte, so an index is a byte offset;
// a record with UTF-8 in it is decoded as UTF-8 before JSON.parse reads it.
import type { FastRecordReader } from "./fast-record";
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./json-chars";
import { isPlain } from "./json-cursor";

export interface ParseProblem {
  blob: string;
  /** Byte offset in the file of what could not be read (a record, or a tuple inside one). */
  offset: number;
  message: string;
}

/** Records of a `{"records":[…]}` wrapper sit at this depth: inside its object and its array. */
const WRAPPED_DEPTH = 2;
/** Only a wrapper's records array opens at depth 1 right after this key. */
const RECORDS_KEY = /"records"\s*:\s*$/;
const NON_ASCII = /[\x80-\xff]/;

/** Drops commas before a closing bracket or brace, outside strings (a writer's slip JSON.parse rejects). */
function withoutTrailingCommas(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|,(\s*[\]}])/g, (match, closer) => closer ?? match);
}

/** A record's text as the scanner holds it (one character per byte), as UTF-8. */
export function utf8(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, "latin1").toString("utf8") : text;
}

/** JSON.parse of a record's (UTF-8) text, forgiving trailing commas. */
export function parseRecord(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const lenient = withoutTrailingCommas(text);
    if (lenient === text) throw e;
    return JSON.parse(lenient);
  }
}

/**
 * Bytes decoded and scanned at a time: a string this small lives and dies in the young generation,
 * while a string of a whole 1 MB chunk is a large object (or, past about 1 MB, an external string)
 * that only a full collection frees, so memory would grow with the file. Just under V8's largest
 * regular object (128 KiB): the larger the piece, the fewer records straddle two pieces and are put
 * together and read again.
 */
const PIECE = (1 << 17) - (1 << 10);

/**
 * A record's first key, as Azure writes them: an object opening with one inside an open record is the
 * next record, so the open one was torn (its closing brackets lost). Nested objects of flow-log records
 * open with other keys (rule, mac, aclID, Version, flows, flowTuples).
 */
const RECORD_START =
  /\{\s{0,16}"(?:time|category|systemId|resourceId|macAddress|operationName|flowLogVersion|flowLogGUID|flowLogResourceID|targetResourceID)"\s{0,16}:/y;
/** What RECORD_START may need to see: an object opening this close to a piece's end waits for the next. */
const LOOKAHEAD = 80;
/** What RECORDS_KEY may need to see before a `[`. */
const KEY_TAIL = 64;
const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

/** The last character before `at` that is not whitespace; `earlier` when there is none in the text. */
function significantBefore(text: string, at: number, earlier: number): number {
  let before = at - 1;
  while (before >= 0 && WHITESPACE.has(text.charCodeAt(before))) before--;
  return before < 0 ? earlier : text.charCodeAt(before);
}

/**
 * Hands each record's text and byte offset to `onRecord` as chunks come in, and whether all of it was
 * plain (see isPlain). With a fast reader, each
 * record is offered to it first, where it starts; records it does not take go to `onRecord`. Each byte
 * is scanned once: a string still open at a piece's end is carried on as state, not as text to rescan.
 */
export class RecordScanner {
  /** Unscanned text carried into the next piece: an object's opening too close to the end to judge. */
  private carry = "";
  private carryPlain = true;
  /** The last piece ended inside a string; and in an odd run of backslashes there (escaping the next byte). */
  private inString = false;
  private escapeNext = false;
  /** The last character of the text scanned so far that is not whitespace. */
  private lastBefore = 0;
  /** Byte offset of the current text's first character. */
  private base = 0;
  private depth = 0;
  /** Inside a `{"records":[` wrapper's array. */
  private wrapped = false;
  /** Index in the current text where the open record starts (0 when it started in an earlier one). */
  private recordStart = -1;
  private recordDepth = 0;
  private recordOffset = 0;
  /** Every piece of the open record was plain. */
  private recordPlain = false;
  /** The open record's text from earlier pieces. */
  private pieces: string[] = [];

  constructor(
    private readonly blob: string,
    private readonly onRecord: (text: string, offset: number, plain: boolean) => void,
    private readonly onProblem: (problem: ParseProblem) => void,
    private readonly fast?: FastRecordReader,
  ) {}

  write(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i += PIECE) this.scan(chunk.subarray(i, i + PIECE));
  }

  /**
   * The index of the quote closing the string open at `from` (its opening quote just before, or in an
   * earlier piece), or -1 when the text ends first. Backslash runs are counted across pieces.
   */
  private closingQuote(text: string, from: number): number {
    for (let close = text.indexOf('"', from); close >= 0; close = text.indexOf('"', close + 1)) {
      if (!this.escapedAt(text, from, close)) {
        this.escapeNext = false;
        return close;
      }
    }
    this.escapeNext = this.escapedAt(text, from, text.length);
    return -1;
  }

  /** Whether the character at `at` is escaped: an odd run of backslashes before it, back to `from`. */
  private escapedAt(text: string, from: number, at: number): boolean {
    let before = at - 1;
    while (before >= from && text.charCodeAt(before) === BACKSLASH) before--;
    const run = at - 1 - before + (before < from && this.escapeNext ? 1 : 0);
    return run % 2 === 1;
  }

  private scan(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString("latin1");
    const text = this.carry ? this.carry + bytes : bytes;
    this.scanText(text, this.carryPlain && this.fast !== undefined && isPlain(chunk), false);
  }

  /** Scans the text of the next piece; `last` when no more will come. */
  private scanText(text: string, plain: boolean, last: boolean): void {
    this.fast?.use(text, plain);
    if (this.recordStart >= 0) this.recordPlain &&= plain;
    const length = text.length;
    let stop = length;
    let i = 0;
    if (this.inString) {
      const close = this.closingQuote(text, 0);
      i = close < 0 ? length : close + 1;
      this.inString = close < 0;
    }
    for (; i < length; i++) {
      const char = text.charCodeAt(i);
      if (char === QUOTE) {
        this.escapeNext = false;
        const close = this.closingQuote(text, i + 1);
        if (close < 0) {
          this.inString = true;
          break;
        }
        i = close;
      } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
        if (char === OPEN_BRACE && this.recordStart >= 0 && this.depth > this.recordDepth) {
          if (length - i < LOOKAHEAD && !last) {
            stop = i;
            break;
          }
          RECORD_START.lastIndex = i;
          // A member's value (`"key": {`) is no record.
          if (RECORD_START.test(text) && significantBefore(text, i, this.lastBefore) !== COLON)
            this.torn(this.base + i);
        }
        // After a broken record with unbalanced brackets, the next object of a wrapper is its next record.
        if (this.wrapped && this.depth < WRAPPED_DEPTH && char === OPEN_BRACE) this.depth = WRAPPED_DEPTH;
        const startsRecord =
          char === OPEN_BRACE && this.recordStart < 0 && this.depth === (this.wrapped ? WRAPPED_DEPTH : 0);
        if (startsRecord) {
          const end = this.fast ? this.fast.read(i, this.base) : -1;
          if (end > 0) {
            i = end - 1;
            continue;
          }
          this.recordStart = i;
          this.recordPlain = plain;
          this.recordDepth = this.depth;
          this.recordOffset = this.base + i;
        } else if (
          char === OPEN_BRACKET &&
          this.depth === 1 &&
          this.recordStart >= 0 &&
          this.recordDepth === 0
        ) {
          if (RECORDS_KEY.test(this.recordTail(text, i))) {
            // The top-level object was the wrapper, not a record: its records start inside.
            this.wrapped = true;
            this.recordStart = -1;
            this.pieces = [];
          }
        }
        this.depth++;
      } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
        this.depth--;
        if (this.wrapped && this.depth < WRAPPED_DEPTH && char === CLOSE_BRACKET) this.wrapped = false;
        if (this.depth < 0) this.depth = 0;
        if (this.recordStart >= 0 && this.depth === this.recordDepth) {
          const record = this.recordText(text, i + 1);
          this.recordStart = -1;
          this.pieces = [];
          this.onRecord(record, this.recordOffset, this.recordPlain);
        }
      }
    }
    if (this.recordStart >= 0) {
      this.pieces.push(text.slice(this.recordStart, stop));
      this.recordStart = 0;
    }
    this.lastBefore = significantBefore(text, stop, this.lastBefore);
    this.carry = text.slice(stop);
    this.carryPlain = plain || !this.carry;
    this.base += stop;
  }

  /** The open record never closed: the next one starts at byte `next`. Reported, and the scan goes on from there. */
  private torn(next: number): void {
    this.onProblem({
      blob: this.blob,
      offset: this.recordOffset,
      message: `this record does not close before the next one starts at byte ${next} (torn: its closing brackets are missing); its ${next - this.recordOffset} bytes are skipped`,
    });
    this.depth = this.recordDepth;
    this.recordStart = -1;
    this.pieces = [];
  }

  /** After the last chunk: a record still open was cut short. */
  end(): void {
    if (this.carry) this.scanText(this.carry, this.carryPlain, true);
    if (this.recordStart >= 0)
      this.onProblem({
        blob: this.blob,
        offset: this.recordOffset,
        message: "the file ends inside this record (truncated)",
      });
  }

  /** The open record's text up to (not including) index `end` of the current text. */
  private recordText(text: string, end: number): string {
    const tail = text.slice(this.recordStart, end);
    // One join, not a join + tail: a flat string, where a concatenation would be a rope that every
    // character read has to go through.
    return this.pieces.length ? [...this.pieces, tail].join("") : tail;
  }

  /** The last KEY_TAIL characters (or fewer) of the open record before index `end`, however long it is. */
  private recordTail(text: string, end: number): string {
    let tail = text.slice(Math.max(this.recordStart, end - KEY_TAIL), end);
    for (let p = this.pieces.length - 1; p >= 0 && tail.length < KEY_TAIL; p--)
      tail = this.pieces[p].slice(-KEY_TAIL) + tail;
    return tail;
  }
}
