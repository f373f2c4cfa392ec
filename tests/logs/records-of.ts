// The scanner's records one by one, parsed by JSON.parse: how the tests read a file record by record
// to check the scanner's offsets and problems against the fast reader's.
import { type ParseProblem, parseRecord, RecordScanner, utf8 } from "../../components/logs/record-stream";

interface ScannedRecord {
  record: unknown;
  /** Byte offset of the record's first byte in the file. */
  offset: number;
  /** The record's text, to locate a tuple inside it when one is bad. */
  text: string;
}

/** Every record of a file's chunks, parsed by JSON.parse; what cannot be read goes to `onProblem`. */
export async function* recordsOf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  blob: string,
  onProblem: (problem: ParseProblem) => void,
): AsyncGenerator<ScannedRecord> {
  // Problems wait in line with the records, so the consumer sees them in file order.
  let ready: (ScannedRecord | ParseProblem)[] = [];
  const scanner = new RecordScanner(
    blob,
    (latin1, offset) => {
      const text = utf8(latin1);
      try {
        ready.push({ record: parseRecord(text), offset, text });
      } catch (e) {
        ready.push({ blob, offset, message: `not valid JSON: ${(e as Error).message}` });
      }
    },
    (problem) => ready.push(problem),
  );
  for await (const chunk of chunks) {
    scanner.write(chunk);
    for (const item of ready) {
      if ("record" in item) yield item;
      else onProblem(item);
    }
    ready = [];
  }
  scanner.end();
  for (const problem of ready) onProblem(problem as ParseProblem);
}
