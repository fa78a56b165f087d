import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ScimAuthGuard, ScimRateLimitGuard, TENANT_ID_PATTERN } from '@lib/tenancy';
import { RequiresAuth, SCIM_PATH } from '@lib/platform';
import { ScimMediaTypeGuard } from './scim-media-type.guard';

/**
 * A SCIM endpoint: the tenant's SCIM credential (then its rate limit), every request in the
 * provisioning log, answers as application/scim+json. The OpenAPI document declares the
 * `tenantId` path parameter of every route, so a client generated from it can call them.
 */
export const ScimEndpoint = () =>
  applyDecorators(
    ApiParam({
      name: 'tenantId',
      required: true,
      description: `The tenant's id: its SCIM base URL is ${SCIM_PATH}/{tenantId}`,
      schema: { type: 'string', pattern: TENANT_ID_PATTERN.source },
    }),
    RequiresAuth('scim'),
    UseGuards(ScimAuthGuard, ScimRateLimitGuard, ScimMediaTypeGuard),
  );
