import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { APP_CONFIG, PG_POOL, type AppConfig } from '@lib/platform';
import { CheckpointWaiter } from '@lib/read-model';
import { ScimError } from '@lib/scim';

/**
 * Read-your-writes: a write is answered only once the projector's checkpoint has passed the
 * write's global position, so the response and any GET after it show the change.
 */
@Injectable()
export class ReadYourWrites implements OnApplicationShutdown {
  private readonly waiter: CheckpointWaiter;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject('DATABASE_URL') databaseUrl: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.waiter = new CheckpointWaiter({ connectionString: databaseUrl, pool });
  }

  async waitFor(position: number): Promise<void> {
    if (position <= 0) return;
    const reached = await this.waiter.waitFor(position, this.config.READ_YOUR_WRITES_TIMEOUT_MS);
    if (!reached) throw new NotYetVisibleError(position);
  }

  /** Waits until the read model shows every write committed so far, by any process. */
  async catchUpWithStore(): Promise<void> {
    await this.waitFor(await this.eventStore.headPosition());
  }

  get checkpointWaiter(): CheckpointWaiter {
    return this.waiter;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.waiter.close();
  }
}

/**
 * The write is durable in the event store but the read model has not caught up within the
 * bound (projector stopped or far behind). 503 tells the client to retry; readiness is down too.
 */
export class NotYetVisibleError extends ScimError {
  constructor(position: number) {
    super(503, undefined, `The change was recorded (position ${position}) but is not yet visible to reads; retry shortly.`);
  }
}
