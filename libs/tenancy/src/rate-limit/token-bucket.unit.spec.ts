import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([1, 2, 3].map(() => bucket.take(0).allowed)).toEqual([true, true, true]);
    expect(bucket.take(0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the configured rate, never above the burst', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) bucket.take(0);
    expect(bucket.take(50).allowed).toBe(false);
    expect(bucket.take(100).allowed).toBe(true);
    expect(bucket.isFull(60_000)).toBe(true);
    expect([1, 2, 3, 4, 5, 6].map(() => bucket.take(60_000).allowed)).toEqual([true, true, true, true, true, false]);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const bucket = new TokenBucket(0.25, 1, 0);
    bucket.take(0);
    expect(bucket.take(0)).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket(1, 1, 1000);
    bucket.take(1000);
    expect(bucket.take(0).allowed).toBe(false);
  });
});
