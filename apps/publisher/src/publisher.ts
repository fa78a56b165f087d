import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { LogFollower, type FollowerLogger, type LogFollowerOptions } from '@lib/follower';
import type { MessageProducer } from '@lib/messaging';
import { PgPublisherStore } from './pg-publisher-store';
import { PublisherHandler, type PublisherHandlerOptions } from './publisher-handler';
import type { PublisherStore } from './publisher-store';

export type PublisherLogger = FollowerLogger;

export interface PublisherOptions extends PublisherHandlerOptions, LogFollowerOptions {
  /** Another store than the tables of this database (tests). */
  store?: PublisherStore;
}

/**
 * The Kafka publisher: the follower runtime (libs/follower) with PublisherHandler. Several may run
 * against one database: one is active, the others stand by and take over from the checkpoint.
 */
export class Publisher extends LogFollower {
  private readonly handler: PublisherHandler;

  constructor(pool: Pool, eventStore: EventStore, producer: MessageProducer, options: PublisherOptions) {
    const handler = new PublisherHandler(producer, options.store ?? new PgPublisherStore(pool), options);
    super(pool, eventStore, handler, options);
    this.handler = handler;
  }

  /** Messages this instance had acknowledged by the broker since start. */
  get publishedMessages(): number {
    return this.handler.publishedMessages;
  }

  /** Called with the new checkpoint after each acknowledged and committed batch (tests, benchmarks). */
  onPublished(listener: (position: number) => void): () => void {
    return this.runtime.onCommitted(listener);
  }
}
