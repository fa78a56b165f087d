import { applyDecorators, UseGuards, UseInterceptors } from '@nestjs/common';
import { ProvisioningLogInterceptor, ScimAuthGuard, ScimRateLimitGuard } from '@lib/tenancy';
import { RequiresAuth } from '@lib/platform';
import { ScimContentTypeInterceptor } from './scim-content-type.interceptor';

/**
 * A SCIM endpoint: the tenant's SCIM credential (then its rate limit), every request in the
 * provisioning log, answers as application/scim+json.
 */
export const ScimEndpoint = () =>
  applyDecorators(
    RequiresAuth('scim'),
    UseGuards(ScimAuthGuard, ScimRateLimitGuard),
    UseInterceptors(ScimContentTypeInterceptor, ProvisioningLogInterceptor),
  );
