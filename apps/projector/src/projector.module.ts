import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { APP_CONFIG, LOGGER, PG_POOL, ReadinessChecks, type AppConfig } from '@lib/platform';
import { Projector, type ProjectorLogger } from './projector';

/**
 * The projector app: one Projector for the SCIM read models, started with the application and
 * registered as a readiness check (unhealthy while a projection is failed). Needs the
 * InfrastructureModule (PG_POOL, EVENT_STORE, APP_CONFIG, LOGGER, ReadinessChecks).
 */
@Module({
  providers: [
    {
      provide: Projector,
      inject: [PG_POOL, EVENT_STORE, APP_CONFIG, LOGGER],
      useFactory: (pool: Pool, eventStore: EventStore, config: AppConfig, logger: ProjectorLogger) =>
        new Projector(pool, eventStore, { batchSize: config.PROJECTOR_BATCH_SIZE, logger }),
    },
  ],
  exports: [Projector],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('projector', async () => {
      const health = this.projector.health();
      return { up: health.status === 'running', details: { ...health } };
    });
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
