import { Module } from '@nestjs/common';
import { TenantAdminController } from './admin/tenant-admin.controller';
import { OperatorGuard } from './auth/operator.guard';
import { ScimAuthenticator } from './auth/scim-authenticator';
import { ScimAuthGuard } from './auth/scim-auth.guard';
import { TenantAuthStates } from './auth/tenant-auth-states';
import { ApiKeyHasher } from './keys/api-key-hasher';
import { KeyUsage } from './keys/key-usage';
import { ProvisioningLogInterceptor } from './provisioning-log/provisioning-log.interceptor';
import { ProvisioningLogRecorder } from './provisioning-log/provisioning-log.recorder';
import { ProvisioningLogRepository } from './provisioning-log/provisioning-log.repository';
import { ProvisioningLogRetention } from './provisioning-log/provisioning-log.retention';
import { ScimRateLimitGuard } from './rate-limit/scim-rate-limit.guard';
import { TenantRateLimiter } from './rate-limit/tenant-rate-limiter';
import { systemClock, TENANCY_CLOCK } from './shared/clock';
import { TenantAdminService } from './tenants/tenant-admin.service';
import { TenantDirectory } from './tenants/tenant-directory';
import { TenantStream } from './tenants/tenant-stream';

const exported = [
  TenantAdminService,
  TenantStream,
  TenantDirectory,
  ApiKeyHasher,
  KeyUsage,
  ScimAuthenticator,
  TenantAuthStates,
  ScimAuthGuard,
  ScimRateLimitGuard,
  TenantRateLimiter,
  OperatorGuard,
  ProvisioningLogRecorder,
  ProvisioningLogRepository,
  ProvisioningLogRetention,
  ProvisioningLogInterceptor,
];

/**
 * Tenant SCIM settings, API keys, SCIM and operator authentication, per-tenant rate limits and
 * the provisioning log. Expects APP_CONFIG, EVENT_STORE and PG_POOL from a global module
 * (InfrastructureModule), and the CommandBus (CqrsModule.forRoot) with the write model's tenant
 * command handlers (WriteModelModule, or TENANT_COMMAND_HANDLERS): tenant settings are written
 * through them.
 */
@Module({
  controllers: [TenantAdminController],
  providers: [...exported, { provide: TENANCY_CLOCK, useValue: systemClock }],
  exports: [...exported, TENANCY_CLOCK],
})
export class TenancyModule {}
