import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import {
  PERSONAL_DATA_CODEC,
  PERSONAL_DATA_KEYS,
  type KeyEncryptionKeyProvider,
  type PgDataKeys,
} from '@lib/personal-data';
import { APP_CONFIG } from '../config/app-config';
import type { Environment } from '../config/environment';
import { HealthController } from '../health/health.controller';
import { LivenessChecks } from '../health/liveness-checks';
import { OperatorTokenGuard } from '../health/operator-token.guard';
import { ReadinessChecks } from '../health/readiness-checks';
import { LOGGER } from '../logging/logger';
import { createMetricsRegistry, createThreadMetricsRegistry, METRICS_REGISTRY } from '../metrics/metrics';
import { MetricsSources } from '../metrics/metrics-sources';
import { MetricsController } from '../metrics/metrics.controller';
import { createServiceEventStore } from './event-store.factory';
import { PG_POOL, QUERY_POOL } from './tokens';

export interface InfrastructureOptions {
  env: Environment;
  databaseUrl: string;
  logger: Logger;
  /** The key-encryption key, loaded (and checked) before anything else starts; from `env` when absent. */
  kek?: KeyEncryptionKeyProvider;
  /** A worker thread's: no process metrics of its own (the main thread has them). */
  thread?: 'main' | 'worker';
}

/**
 * What every app of the service shares: validated configuration, the PostgreSQL pool, the
 * event store, logging, metrics and health. Global, so feature modules just inject tokens.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(QUERY_POOL) private readonly queryPool: Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly dataKeys: PgDataKeys | null,
    private readonly readiness: ReadinessChecks,
  ) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    const pool = new Pool({ connectionString: options.databaseUrl, max: 20, application_name: 'scim-service' });
    pool.on('error', (error) => options.logger.error({ err: error.message }, 'idle PostgreSQL client error'));
    const queryPool = new Pool({
      connectionString: options.databaseUrl,
      max: 10,
      application_name: 'scim-queries',
      statement_timeout: options.env.QUERY_TIMEOUT_MS,
    });
    queryPool.on('error', (error) =>
      options.logger.error({ err: error.message }, 'idle PostgreSQL client error (query pool)'),
    );
    // A client checked out of the pool has no 'error' listener of the pool's; a server that ends
    // the connection between two statements would then end the process. Every client gets one for
    // its whole life (the query in flight still fails, and the holder discards the client).
    pool.on('connect', (client) => client.on('error', () => undefined));
    queryPool.on('connect', (client) => client.on('error', () => undefined));
    const eventStore = createServiceEventStore(options.env, options.databaseUrl, pool, options.kek);
    return {
      module: InfrastructureModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: options.env },
        { provide: LOGGER, useValue: options.logger },
        { provide: PG_POOL, useValue: pool },
        { provide: QUERY_POOL, useValue: queryPool },
        { provide: 'DATABASE_URL', useValue: options.databaseUrl },
        {
          provide: METRICS_REGISTRY,
          useFactory: options.thread === 'worker' ? createThreadMetricsRegistry : createMetricsRegistry,
        },
        MetricsSources,
        { provide: EVENT_STORE, useValue: eventStore.store },
        { provide: PERSONAL_DATA_KEYS, useValue: eventStore.keys },
        { provide: PERSONAL_DATA_CODEC, useValue: eventStore.codec },
        ReadinessChecks,
        LivenessChecks,
        OperatorTokenGuard,
      ],
      exports: [
        APP_CONFIG,
        LOGGER,
        PG_POOL,
        QUERY_POOL,
        'DATABASE_URL',
        METRICS_REGISTRY,
        MetricsSources,
        EVENT_STORE,
        PERSONAL_DATA_KEYS,
        PERSONAL_DATA_CODEC,
        ReadinessChecks,
        LivenessChecks,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    // A wrong key-encryption key must stop the start: it would read everyone as erased.
    await this.dataKeys?.assertKeksAvailable();
    this.readiness.register('database', async () => {
      await this.pool.query('SELECT 1');
      return { up: true };
    });
    this.readiness.register('eventStore', async () => ({
      up: true,
      details: { headPosition: await this.eventStore.headPosition() },
    }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.queryPool.end().catch(() => undefined);
  }
}
