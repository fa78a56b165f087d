/**
 * @lib/tenancy — tenant SCIM settings (events on `tenant-{id}`), API keys, the SCIM and
 * operator guards, per-tenant rate limiting and the provisioning log. See docs/tenancy.md.
 */
export { TenancyModule } from './tenancy.module';
export { TenantAdminService, BOOTSTRAP_TENANT_ID, MAX_GRACE_SECONDS } from './tenants/tenant-admin.service';
export type { KeyInfo, KeyStatus, RotatedKey, ScimSetup, TenantDetails, TenantSummary } from './tenants/tenant-answers';
export { TenantStream } from './tenants/tenant-stream';
export { TENANT_ID_PATTERN, isTenantId } from './tenants/tenant-id';
export { ScimAuthGuard, SCIM_WWW_AUTHENTICATE } from './auth/scim-auth.guard';
export { ScimAuthenticator } from './auth/scim-authenticator';
export { OperatorGuard } from './auth/operator.guard';
export { CurrentPrincipal } from './auth/scim-principal';
export type { ScimPrincipal, ScimRequest } from './auth/scim-principal';
export { ScimRateLimitGuard } from './rate-limit/scim-rate-limit.guard';
export { TenantRateLimiter } from './rate-limit/tenant-rate-limiter';
export { TooManyRequestsError } from './rate-limit/too-many-requests.error';
export { TokenBucket } from './rate-limit/token-bucket';
export { ProvisioningLogRecorder } from './provisioning-log/provisioning-log.recorder';
export { ProvisioningLogInterceptor } from './provisioning-log/provisioning-log.interceptor';
export { ProvisioningLogRepository } from './provisioning-log/provisioning-log.repository';
export { ProvisioningLogRetention } from './provisioning-log/provisioning-log.retention';
export type {
  ProvisioningLogEntry,
  ProvisioningLogQuery,
  ProvisioningLogRow,
} from './provisioning-log/provisioning-log-entry';
export { ApiKeyHasher } from './keys/api-key-hasher';
export { API_KEY_PREFIX, generateApiKey, hashApiKey, parseApiKey } from './keys/api-key';
export { TENANCY_CLOCK, systemClock } from './shared/clock';
export type { Clock } from './shared/clock';
export { tenancyMigrations } from './migrations';
