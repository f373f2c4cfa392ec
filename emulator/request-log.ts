// Every request the emulator answered, for tests and benchmarks that count calls.
export interface RequestLogEntry {
  id: string;
  time: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  subscriptionId?: string;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  list(filter: { operation?: string; method?: string } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (!filter.operation || e.operation === filter.operation) &&
        (!filter.method || e.method === filter.method),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
