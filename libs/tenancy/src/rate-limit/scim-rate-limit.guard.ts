import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpReply } from '@lib/platform';
import type { ScimRequest } from '../auth/scim-principal';
import { ProvisioningLogRecorder } from '../provisioning-log/provisioning-log.recorder';
import { TenantRateLimiter } from './tenant-rate-limiter';
import { TooManyRequestsError } from './too-many-requests.error';

/**
 * Per-tenant rate limit for SCIM routes; list it after ScimAuthGuard
 * (`@UseGuards(ScimAuthGuard, ScimRateLimitGuard)`) so it counts authenticated requests only.
 * Rejections get 429, `Retry-After` and a SCIM error body. Under a flood only the first
 * rejection per second is written to the provisioning log.
 */
@Injectable()
export class ScimRateLimitGuard implements CanActivate {
  private readonly lastLogged = new Map<string, number>();

  constructor(
    private readonly limiter: TenantRateLimiter,
    private readonly provisioningLog: ProvisioningLogRecorder,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const tenantId = request.scimPrincipal?.tenantId;
    if (!tenantId) return true;
    const result = this.limiter.take(tenantId);
    if (result.allowed) return true;
    const response = context.switchToHttp().getResponse<HttpReply>();
    response.header('Retry-After', String(result.retryAfterSeconds));
    const error = new TooManyRequestsError('SCIM-MR6B', result.retryAfterSeconds);
    this.logSampled(request, response, tenantId, error);
    throw error;
  }

  private logSampled(request: ScimRequest, response: HttpReply, tenantId: string, error: TooManyRequestsError): void {
    const second = Math.floor(Date.now() / 1000);
    if (this.lastLogged.get(tenantId) === second) {
      this.provisioningLog.skip(request);
      return;
    }
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    this.lastLogged.set(tenantId, second);
    this.provisioningLog.track(request, response);
    this.provisioningLog.noteError(request, error);
  }
}
