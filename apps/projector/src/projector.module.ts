import { Inject, Module, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { registerFollower } from '@lib/follower';
import {
  APP_CONFIG,
  LivenessChecks,
  LOGGER,
  METRICS_REGISTRY,
  PG_POOL,
  ReadinessChecks,
  type AppConfig,
} from '@lib/platform';
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
  ],
  exports: [Projector],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
    @Inject(LivenessChecks) private readonly liveness: LivenessChecks,
    @Optional() @Inject(METRICS_REGISTRY) private readonly registry?: Registry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    registerFollower({
      check: 'projector',
      runtime: this.projector.runtime,
      source: this.eventStore,
      readiness: this.readiness,
      liveness: this.liveness,
      registry: this.registry,
    });
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
