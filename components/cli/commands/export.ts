// `flowlogs export`: one event per tuple as JSON Lines, CSV, OCSF or ECS, to a file or standard output.
import { closeSync, openSync, writeSync } from "node:fs";
import { parseArgs } from "node:util";
import { csvLine } from "../../logs/csv";
import { EXPORT_FORMATS, ecsEvent, FLAT_FIELDS, flatEvent, ocsfEvent } from "../../logs/events";
import type { Flow } from "../../logs/flow";
import { fileSource, readFlows } from "../../logs/read";
import { blobFiles, finish, oneOf, READ_OPTIONS, timeRange } from "./common";

const FLUSH_AT = 1 << 16;

/** Writes synchronously in 64 KiB batches, so memory stays flat however many tuples pass through. */
class BatchWriter {
  private pending: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    let bytes = Buffer.from(this.pending.join(""));
    this.pending = [];
    this.size = 0;
    while (bytes.length) {
      try {
        bytes = bytes.subarray(writeSync(this.fd, bytes));
      } catch (e) {
        // A pipe on standard output can be non-blocking: wait for the reader and try again.
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  }
}

const LINES: Record<string, (flow: Flow) => string> = {
  jsonl: (flow) => `${JSON.stringify(flatEvent(flow))}\n`,
  csv: (flow) => {
    const event = flatEvent(flow);
    return csvLine(FLAT_FIELDS.map((field) => event[field]));
  },
  ecs: (flow) => `${JSON.stringify(ecsEvent(flow))}\n`,
  ocsf: (flow) => `${JSON.stringify(ocsfEvent(flow))}\n`,
};

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: "string", default: "jsonl" }, out: { type: "string" }, ...READ_OPTIONS },
  });
  const format = oneOf("format", values.format, EXPORT_FORMATS);
  const range = timeRange(values);
  const files = blobFiles("export", positionals);
  const fd = values.out ? openSync(values.out, "w") : 1;
  const writer = new BatchWriter(fd);
  if (format === "csv") writer.write(csvLine([...FLAT_FIELDS]));
  const line = LINES[format];
  try {
    const totals = await readFlows(files.map(fileSource), (flow) => writer.write(line(flow)), range);
    writer.flush();
    if (values.out) console.error(`wrote ${values.out} (${totals.tuples} ${format} events)`);
    return finish(totals, values["allow-damaged"]);
  } finally {
    if (values.out) closeSync(fd);
  }
}
