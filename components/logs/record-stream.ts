// Streams the records out of a PT1H.json blob without holding the blob in memory: a byte scanner finds
// each record of `{"records":[ … ]}` by brace depth (outside strings) and JSON.parse reads just that
// record. A blob still being written (no closing `]}` yet) reads fine; a broken record is reported
// with the blob and byte offset, and the records after it still parse.

export interface ParseProblem {
  blob: string;
  /** Byte offset of the record's first byte in the blob. */
  offset: number;
  message: string;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Records sit at this depth: inside the top-level object and its `records` array. */
const RECORD_DEPTH = 2;

export async function* recordsOf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  blob: string,
  onProblem: (problem: ParseProblem) => void,
): AsyncGenerator<{ record: unknown; offset: number }> {
  let depth = 0;
  let inRecords = false;
  let inString = false;
  let escaped = false;
  let offset = 0;
  let recordStart = -1;
  let parts: Uint8Array[] = [];

  function finish(): unknown {
    const text = Buffer.concat(parts).toString("utf8");
    parts = [];
    try {
      return JSON.parse(text);
    } catch (e) {
      onProblem({ blob, offset: recordStart, message: (e as Error).message });
      return undefined;
    }
  }

  for await (const chunk of chunks) {
    let sliceFrom = recordStart >= 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
        continue;
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        // Inside the records array only records open objects; after a broken record with unbalanced
        // braces, the next object is taken to be the next record.
        if (inRecords && depth < RECORD_DEPTH && byte === OPEN_BRACE) depth = RECORD_DEPTH;
        if (depth === RECORD_DEPTH && byte === OPEN_BRACE) {
          recordStart = offset + i;
          sliceFrom = i;
        }
        depth++;
        if (depth === RECORD_DEPTH) inRecords = true;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === RECORD_DEPTH && recordStart >= 0) {
          parts.push(chunk.subarray(sliceFrom, i + 1));
          const record = finish();
          if (record !== undefined) yield { record, offset: recordStart };
          recordStart = -1;
          sliceFrom = -1;
        }
      }
    }
    if (recordStart >= 0) parts.push(chunk.subarray(sliceFrom));
    offset += chunk.length;
  }
  if (recordStart >= 0)
    onProblem({ blob, offset: recordStart, message: "the blob ends inside this record (truncated)" });
}
