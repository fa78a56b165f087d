import type { Pool } from 'pg';
import type { EventStore } from '@lib/event-store';
import { createFollower, type FollowerHealth, type FollowerLogger, type FollowerRuntime } from '@lib/follower';
import type { MessageProducer } from '@lib/messaging';
import { PgPublisherStore } from './pg-publisher-store';
import { PublisherHandler, type PublisherHandlerOptions } from './publisher-handler';
import type { PublisherStore } from './publisher-store';

export type PublisherLogger = FollowerLogger;

export interface PublisherOptions extends PublisherHandlerOptions {
  batchSize?: number;
  /** How often the log is read when no append was signalled. */
  idlePollMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: PublisherLogger;
  instance?: string;
  /** Another store than the tables of this database (tests). */
  store?: PublisherStore;
}

/**
 * The Kafka publisher: the follower runtime (libs/follower) with PublisherHandler. Several may run
 * against one database: one is active, the others stand by and take over from the checkpoint.
 */
export class Publisher {
  readonly name: string;
  readonly runtime: FollowerRuntime;
  private readonly handler: PublisherHandler;

  constructor(pool: Pool, eventStore: EventStore, producer: MessageProducer, options: PublisherOptions) {
    this.handler = new PublisherHandler(producer, options.store ?? new PgPublisherStore(pool), options);
    this.name = this.handler.name;
    this.runtime = createFollower({
      pool,
      eventStore,
      handler: this.handler,
      logger: options.logger,
      batchSize: options.batchSize ?? 1000,
      idlePollMs: options.idlePollMs,
      initialBackoffMs: options.initialBackoffMs,
      maxBackoffMs: options.maxBackoffMs,
      instance: options.instance,
    });
  }

  start(): void {
    this.runtime.start();
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }

  health(): FollowerHealth {
    return this.runtime.health();
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
