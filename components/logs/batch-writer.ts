// Output written synchronously in 64 KiB batches, so memory stays flat however many tuples pass through.
import { closeSync, openSync, readSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 16;

export class BatchWriter {
  private pending: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    this.writeAll(Buffer.from(this.pending.join("")));
    this.pending = [];
    this.size = 0;
  }

  /** Appends a file's bytes after what was written, a batch at a time. */
  append(file: string): void {
    this.flush();
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(FLUSH_AT * 16);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
        this.writeAll(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
  }

  private writeAll(bytes: Buffer): void {
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
