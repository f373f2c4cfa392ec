// Reading flow-log blobs (files or any byte streams) into a summary.
import { createReadStream } from "node:fs";
import { flowsOf } from "./flows";
import { recordsOf } from "./record-stream";
import { type FlowSummary, SummaryBuilder } from "./summary";

export interface BlobSource {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

export function fileSource(path: string): BlobSource {
  return { name: path, chunks: createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** Streams every blob through the parser into one summary; broken records become `problems`. */
export async function summarize(
  sources: Iterable<BlobSource> | AsyncIterable<BlobSource>,
  top = 10,
): Promise<FlowSummary> {
  const builder = new SummaryBuilder();
  for await (const source of sources) {
    for await (const { record, offset } of recordsOf(source.chunks, source.name, (p) =>
      builder.problems.push(p),
    )) {
      try {
        for (const flow of flowsOf(record)) builder.add(flow);
      } catch (e) {
        builder.problems.push({ blob: source.name, offset, message: (e as Error).message });
      }
    }
  }
  return builder.build(top);
}
