import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { FollowerChecks } from '@lib/follower';
import { APP_CONFIG, LOGGER, PG_POOL, type AppConfig } from '@lib/platform';
import { Projector, type ProjectorLogger } from './projector';

/**
 * The projector app: the SCIM read-model projector, started with the application (it campaigns
 * for its lease: one replica is active, the others stand by), with readiness, liveness and
 * metrics. Needs the InfrastructureModule (PG_POOL, EVENT_STORE, APP_CONFIG, LOGGER, checks).
 */
@Module({
  providers: [
    {
      provide: Projector,
      inject: [PG_POOL, EVENT_STORE, APP_CONFIG, LOGGER],
      useFactory: (pool: Pool, eventStore: EventStore, config: AppConfig, logger: ProjectorLogger) =>
        new Projector(pool, eventStore, { batchSize: config.PROJECTOR_BATCH_SIZE, logger }),
    },
    FollowerChecks,
  ],
  exports: [Projector],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(FollowerChecks) private readonly checks: FollowerChecks,
  ) {}

  onApplicationBootstrap(): void {
    this.checks.register('projector', this.projector.runtime);
    this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
