// ARM's throttling as token buckets per subscription (reads, writes and deletes apart), answering 429
// with Retry-After and reporting what is left in x-ms-ratelimit-remaining-subscription-* headers.

export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
}

export type RequestKind = "reads" | "writes" | "deletes";

export type ThrottlingOptions = Partial<Record<RequestKind, BucketOptions>>;

const perHour = (capacity: number): BucketOptions => ({ capacity, refillPerSecond: capacity / 3600 });

/**
 * ARM's per-subscription hourly limits (12000 reads, 1200 writes, 15000 deletes): the headers count
 * down from them as recorded traffic shows (writes 1199, 1197, 1194; deletes 14997).
 */
export const DEFAULT_THROTTLING: Required<ThrottlingOptions> = {
  reads: perHour(12_000),
  writes: perHour(1_200),
  deletes: perHour(15_000),
};

class Bucket {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly options: BucketOptions) {
    this.tokens = options.capacity;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(
      this.options.capacity,
      this.tokens + ((now - this.last) / 1000) * this.options.refillPerSecond,
    );
    this.last = now;
  }

  /** Takes a token; returns the seconds to wait when there is none. */
  take(): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, remaining: Math.floor(this.tokens) };
    }
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.options.refillPerSecond)),
    };
  }
}

export class Throttling {
  private buckets = new Map<string, Bucket>();
  private options: Required<ThrottlingOptions>;

  constructor(options: ThrottlingOptions | false | undefined) {
    this.options = this.resolve(options);
  }

  private resolve(options: ThrottlingOptions | false | undefined): Required<ThrottlingOptions> {
    return options === false || options === undefined
      ? DEFAULT_THROTTLING
      : { ...DEFAULT_THROTTLING, ...options };
  }

  configure(options: ThrottlingOptions | false): void {
    this.options = this.resolve(options);
    this.buckets.clear();
  }

  settings(): Required<ThrottlingOptions> {
    return this.options;
  }

  take(subscriptionId: string, kind: RequestKind) {
    const key = `${subscriptionId.toLowerCase()}/${kind}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(this.options[kind]);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
