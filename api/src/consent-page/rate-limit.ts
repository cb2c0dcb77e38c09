// In-memory token buckets for the magic-link form: per address and per client address, so
// neither one mailbox can be flooded nor one client walk through many addresses. Per
// process: behind a load balancer each process limits on its own, which multiplies the
// allowance by the process count but never removes it.

export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Milliseconds since the epoch; the app's clock, so tests can move time. */
  now: () => number;
  /** Most keys remembered; the stalest are forgotten first, bounding memory under a flood. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly options: TokenBucketOptions) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.options.now();
    const previous = this.#buckets.get(key);
    const elapsedSeconds = previous ? Math.max(0, now - previous.updatedAt) / 1000 : 0;
    const tokens = previous
      ? Math.min(this.options.capacity, previous.tokens + elapsedSeconds * this.options.refillPerSecond)
      : this.options.capacity;
    const allowed = tokens >= 1;
    // Re-insert so the Map's order is least recently used first.
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, updatedAt: now });
    const maxKeys = this.options.maxKeys ?? 100_000;
    while (this.#buckets.size > maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest === undefined) break;
      this.#buckets.delete(oldest);
    }
    return allowed;
  }
}
