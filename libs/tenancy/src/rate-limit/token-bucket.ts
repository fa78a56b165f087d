/**
 * A token bucket: holds at most `burst` tokens, refills at `perSecond`, one token per request.
 * Time is passed in (milliseconds), so the bucket is pure and testable.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token if there is one; otherwise says how many whole seconds until there is. */
  take(now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }

  /** Full again: nothing to remember, the bucket may be forgotten. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    this.updatedAt = now;
  }
}
