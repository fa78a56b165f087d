import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type Environment } from '@lib/platform';
import { TENANCY_CLOCK, type Clock } from '../shared/clock';
import { TokenBucket } from './token-bucket';

/** Above this many buckets, full ones (idle tenants) are forgotten, so memory stays bounded. */
const SWEEP_ABOVE = 10_000;

/**
 * One token bucket per tenant, in this process's memory (RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST).
 * With N gateway processes a tenant may get up to N times the limit; it protects each process,
 * it is not a billing quota.
 */
@Injectable()
export class TenantRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: Environment,
    @Inject(TENANCY_CLOCK) private readonly clock: Clock,
  ) {}

  take(tenantId: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.clock.now().getTime();
    let bucket = this.buckets.get(tenantId);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
      bucket = new TokenBucket(this.config.RATE_LIMIT_PER_SECOND, this.config.RATE_LIMIT_BURST, now);
      this.buckets.set(tenantId, bucket);
    }
    return bucket.take(now);
  }

  private sweep(now: number): void {
    for (const [tenantId, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(tenantId);
  }
}
