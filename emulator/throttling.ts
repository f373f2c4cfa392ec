// ARM's throttling as token buckets per subscription, reads and writes apart, answering 429 with
// Retry-After and reporting what is left in x-ms-ratelimit-remaining-subscription-* headers.

export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
}

export interface ThrottlingOptions {
  reads?: BucketOptions;
  writes?: BucketOptions;
}

/** Generous enough that ordinary tests never meet it. */
export const DEFAULT_THROTTLING: Required<ThrottlingOptions> = {
  reads: { capacity: 100_000, refillPerSecond: 10_000 },
  writes: { capacity: 100_000, refillPerSecond: 10_000 },
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

  take(subscriptionId: string, kind: "reads" | "writes") {
    const key = `${subscriptionId.toLowerCase()}/${kind}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(this.options[kind]);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
