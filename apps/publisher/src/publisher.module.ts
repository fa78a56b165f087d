import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { FollowerChecks } from '@lib/follower';
import { KafkaJsProducer, MESSAGE_PRODUCER, topicNamesFromConfig, type MessageProducer } from '@lib/messaging';
import { APP_CONFIG, LOGGER, PG_POOL, ReadinessChecks, type AppConfig } from '@lib/platform';
import { Publisher, type PublisherLogger } from './publisher';

/** Below the health controller's own 3 s bound, so a down cluster reads as "down", not as a timeout. */
const KAFKA_CHECK_TIMEOUT_MS = 2000;

/** Null when KAFKA_BROKERS is unset: nothing is published and events wait in the store. */
export const PUBLISHER = Symbol('PUBLISHER');

/**
 * The publisher app: one Publisher (a follower: one replica active, the others standing by),
 * with its gauges on /metrics, liveness and readiness (down when lagging past
 * PUBLISHER_MAX_LAG_EVENTS), and a readiness check of the Kafka cluster. Needs the
 * InfrastructureModule (PG_POOL, EVENT_STORE, APP_CONFIG, LOGGER, METRICS_REGISTRY, the checks).
 */
@Module({
  providers: [
    {
      provide: MESSAGE_PRODUCER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MessageProducer | null =>
        config.KAFKA_BROKERS
          ? new KafkaJsProducer({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID })
          : null,
    },
    {
      provide: PUBLISHER,
      inject: [PG_POOL, EVENT_STORE, MESSAGE_PRODUCER, APP_CONFIG, LOGGER],
      useFactory: (
        pool: Pool,
        eventStore: EventStore,
        producer: MessageProducer | null,
        config: AppConfig,
        logger: PublisherLogger,
      ) =>
        producer
          ? new Publisher(pool, eventStore, producer, {
              topics: topicNamesFromConfig(config),
              partitions: config.KAFKA_TOPIC_PARTITIONS,
              replicationFactor: config.KAFKA_REPLICATION_FACTOR,
              batchSize: config.PUBLISHER_BATCH_SIZE,
              logger,
            })
          : null,
    },
    FollowerChecks,
  ],
  exports: [PUBLISHER, MESSAGE_PRODUCER],
})
export class PublisherModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PUBLISHER) private readonly publisher: Publisher | null,
    @Inject(MESSAGE_PRODUCER) private readonly producer: MessageProducer | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
    @Inject(FollowerChecks) private readonly checks: FollowerChecks,
  ) {}

  onApplicationBootstrap(): void {
    const publisher = this.publisher;
    if (!publisher) {
      this.readiness.register('publisher', async () => ({
        up: true,
        details: { state: 'disabled', reason: 'KAFKA_BROKERS is not set' },
      }));
      return;
    }
    this.checks.register('publisher', publisher.runtime, { maxLagEvents: this.config.PUBLISHER_MAX_LAG_EVENTS });
    const producer = this.producer!;
    this.readiness.register('kafka', async () => {
      await producer.checkConnection(KAFKA_CHECK_TIMEOUT_MS);
      return { up: true, details: { brokers: this.config.KAFKA_BROKERS } };
    });
    publisher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher?.stop();
    await this.producer?.close();
  }
}
