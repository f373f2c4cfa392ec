// Streams the records out of flow-log files without holding a file in memory. A byte scanner finds each
// record by brace depth (outside strings) and JSON.parse reads just that record. It takes every shape
// the logs come in: a whole `{"records":[ … ]}` blob (also one still being written, with no closing
// `]}`), a block appended to one (`,{…}`, with or without a BOM), a bare record, and one or more
// records per line. A broken record is reported with the file and byte offset, and the records after
// it still parse.

export interface ParseProblem {
  blob: string;
  /** Byte offset in the file of what could not be read (a record, or a tuple inside one). */
  offset: number;
  message: string;
}

export interface ScannedRecord {
  record: unknown;
  /** Byte offset of the record's first byte in the file. */
  offset: number;
  /** The record's text, to locate a tuple inside it when one is bad. */
  text: string;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Records of a `{"records":[…]}` wrapper sit at this depth: inside its object and its array. */
const WRAPPED_DEPTH = 2;
/** Only a wrapper's records array opens at depth 1 right after this key. */
const RECORDS_KEY = /"records"\s*:\s*$/;

/** Drops commas before a closing bracket or brace, outside strings (a writer's slip JSON.parse rejects). */
function withoutTrailingCommas(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|,(\s*[\]}])/g, (match, closer) => closer ?? match);
}

function parseRecord(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const lenient = withoutTrailingCommas(text);
    if (lenient === text) throw e;
    return JSON.parse(lenient);
  }
}

export async function* recordsOf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  blob: string,
  onProblem: (problem: ParseProblem) => void,
): AsyncGenerator<ScannedRecord> {
  let depth = 0;
  /** Inside a `{"records":[` wrapper's array. */
  let wrapped = false;
  let inString = false;
  /** The next byte is escaped (a string's backslash ended the previous chunk). */
  let escaped = false;
  let offset = 0;
  let recordStart = -1;
  let recordDepth = 0;
  let parts: Uint8Array[] = [];

  /** The record's text; one that sits inside a single chunk is decoded from it without copying. */
  function finish(): ScannedRecord | undefined {
    const text =
      parts.length === 1
        ? Buffer.from(parts[0].buffer, parts[0].byteOffset, parts[0].length).toString("utf8")
        : Buffer.concat(parts).toString("utf8");
    parts = [];
    try {
      return { record: parseRecord(text), offset: recordStart, text };
    } catch (e) {
      onProblem({ blob, offset: recordStart, message: `not valid JSON: ${(e as Error).message}` });
      return undefined;
    }
  }

  for await (const chunk of chunks) {
    let sliceFrom = recordStart >= 0 ? 0 : -1;
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      if (inString) {
        // A tight loop to the closing quote, stepping over escapes: most bytes are inside strings.
        let j: number = escaped ? i + 1 : i;
        while (j < length) {
          const b = chunk[j];
          if (b === QUOTE) break;
          j += b === BACKSLASH ? 2 : 1;
        }
        // A backslash as the chunk's last byte escapes the next chunk's first.
        escaped = j > length;
        if (j >= length) break;
        inString = false;
        i = j;
        continue;
      }
      const byte = chunk[i];
      if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        // After a broken record with unbalanced brackets, the next object of a wrapper is its next record.
        if (wrapped && depth < WRAPPED_DEPTH && byte === OPEN_BRACE) depth = WRAPPED_DEPTH;
        const startsRecord =
          byte === OPEN_BRACE && recordStart < 0 && depth === (wrapped ? WRAPPED_DEPTH : 0);
        if (startsRecord) {
          recordStart = offset + i;
          recordDepth = depth;
          sliceFrom = i;
        } else if (byte === OPEN_BRACKET && depth === 1 && recordStart >= 0 && recordDepth === 0) {
          const sofar = Buffer.concat([...parts, chunk.subarray(sliceFrom, i)]).toString("utf8");
          if (RECORDS_KEY.test(sofar)) {
            // The top-level object was the wrapper, not a record: its records start inside.
            wrapped = true;
            recordStart = -1;
            sliceFrom = -1;
            parts = [];
          }
        }
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (wrapped && depth < WRAPPED_DEPTH && byte === CLOSE_BRACKET) wrapped = false;
        if (depth < 0) depth = 0;
        if (recordStart >= 0 && depth === recordDepth) {
          parts.push(chunk.subarray(sliceFrom, i + 1));
          const scanned = finish();
          if (scanned) yield scanned;
          recordStart = -1;
          sliceFrom = -1;
        }
      }
    }
    if (recordStart >= 0) parts.push(chunk.subarray(sliceFrom));
    offset += chunk.length;
  }
  if (recordStart >= 0)
    onProblem({ blob, offset: recordStart, message: "the file ends inside this record (truncated)" });
}
