import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, PG_POOL, type AppConfig } from '@lib/platform';
import { CheckpointWaiter, ReadModelNotCurrentError } from '@lib/read-model';

/** A durable write the client is about to be answered for. */
export interface RecordedWrite {
  tenantId: string;
  /** Global position of the write's last event. */
  position: number;
  /** The resource's URL, so a 503 tells the client where to check before sending the write again. */
  location?: string;
}

/**
 * Read-your-writes: a write is answered only once the projector has applied it, so the response
 * and any GET after it show the change. A tenant held behind a parked event is answered 503 at
 * once; lag beyond READ_YOUR_WRITES_TIMEOUT_MS is 503 too; both carry Retry-After and Location.
 */
@Injectable()
export class ReadYourWrites implements OnApplicationShutdown {
  private readonly waiter: CheckpointWaiter;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject('DATABASE_URL') databaseUrl: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.waiter = new CheckpointWaiter({ connectionString: databaseUrl, pool });
  }

  async waitFor(write: RecordedWrite): Promise<void> {
    if (write.position <= 0) return;
    const timeoutMs = this.config.READ_YOUR_WRITES_TIMEOUT_MS;
    const outcome = await this.waiter.waitForTenant(write.tenantId, write.position, timeoutMs);
    if (outcome.visible) return;
    const reason = outcome.lagging
      ? { kind: 'lagging' as const, timeoutMs }
      : { kind: 'parked' as const, since: outcome.held.since };
    throw new ReadModelNotCurrentError('SCIM-T8pe', write.position, reason, { location: write.location });
  }

  get checkpointWaiter(): CheckpointWaiter {
    return this.waiter;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.waiter.close();
  }
}
