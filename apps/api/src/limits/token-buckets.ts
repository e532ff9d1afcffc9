/**
 * A token bucket per key, in memory: `burst` tokens at most, refilled at `ratePerSecond`; each
 * request takes one. A full bucket is the same as none, so buckets that have refilled are dropped
 * (checked at most once a minute) and memory stays bounded by the keys active in the last
 * burst / rate seconds.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private nextSweepAt = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    /** Milliseconds on a monotonic clock. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `key`: 0 when there was one, else the whole seconds until there will be (≥ 1, for Retry-After). */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const tokens = this.tokensAt(key, now);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / this.ratePerSecond));
  }

  /** How many keys hold a bucket that is not full (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private tokensAt(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.burst;
    return Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + 60_000;
    for (const key of [...this.buckets.keys()]) if (this.tokensAt(key, now) >= this.burst) this.buckets.delete(key);
  }
}
