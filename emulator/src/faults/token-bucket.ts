/** The outcome of asking a {@link TokenBuckets} for a token. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Token buckets keyed by caller (D14): each holds up to `burst` tokens and refills at
 * `requestsPerSecond`. A request takes one token or is refused with the wait until the next one.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly requestsPerSecond: number,
    private readonly burst: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Takes a token from `key`'s bucket if one is there. */
  take(key: string): TakeResult {
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, atMs: now };
    const refilled = (now - bucket.atMs) * (this.requestsPerSecond / 1000);

    bucket.tokens = Math.min(this.burst, bucket.tokens + refilled);
    bucket.atMs = now;
    this.buckets.set(key, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }

    const retryAfterMs = Math.ceil(((1 - bucket.tokens) * 1000) / this.requestsPerSecond);

    return { allowed: false, retryAfterMs };
  }
}
