import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { FollowerChecks } from '@lib/follower';
import { APP_CONFIG, LOGGER, PG_POOL, type AppConfig } from '@lib/platform';
import { OperatorGuard } from '@lib/tenancy';
import { AuditorCredentials } from './credentials/auditor-credentials.service';
import { AuditorGuard } from './credentials/auditor.guard';
import { AuditApi } from './http/audit-api.service';
import { AuditController } from './http/audit.controller';
import { AuditorAdminController } from './http/auditor-admin.controller';
import { AuditProjector, type AuditProjectorLogger } from './projection/audit-projector';
import { AuditQueries } from './queries/audit-queries';

/**
 * The audit API: AuditController (/audit/v1/:tenantId/...), AuditorAdminController
 * (/admin/tenants/:tenantId/auditors), the AuditorGuard and the services. Needs the global
 * InfrastructureModule (PG_POOL, EVENT_STORE, APP_CONFIG for the operator guard).
 */
@Module({
  controllers: [AuditController, AuditorAdminController],
  providers: [AuditQueries, AuditorCredentials, AuditorGuard, AuditApi, OperatorGuard],
  exports: [AuditQueries, AuditorCredentials, AuditorGuard],
})
export class AuditModule {}

/**
 * Runs the audit projection where the projector runs (the projector app, or all-in-one): a
 * follower (libs/follower) with its lease, readiness (`auditProjection`), liveness and metrics.
 */
@Module({
  providers: [
    {
      provide: AuditProjector,
      inject: [PG_POOL, EVENT_STORE, APP_CONFIG, LOGGER],
      useFactory: (pool: Pool, store: EventStore, config: AppConfig, logger: AuditProjectorLogger) =>
        new AuditProjector(pool, store, { batchSize: config.PROJECTOR_BATCH_SIZE, logger }),
    },
    FollowerChecks,
  ],
  exports: [AuditProjector],
})
export class AuditProjectionModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(AuditProjector) private readonly projector: AuditProjector,
    @Inject(FollowerChecks) private readonly checks: FollowerChecks,
  ) {}

  onApplicationBootstrap(): void {
    this.checks.register('auditProjection', this.projector.runtime);
    this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
