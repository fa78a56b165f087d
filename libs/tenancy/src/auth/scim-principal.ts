import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '@lib/platform';
import type { IdpProfile } from '@lib/domain';

/** Who is calling a SCIM route: set by ScimAuthGuard, carried into every event's actor. */
export interface ScimPrincipal {
  tenantId: string;
  keyId: string;
  idpProfile: IdpProfile;
}

export type ScimRequest = HttpRequest & { scimPrincipal?: ScimPrincipal };

/** `@CurrentPrincipal() principal: ScimPrincipal` in a SCIM controller guarded by ScimAuthGuard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): ScimPrincipal => {
  const principal = context.switchToHttp().getRequest<ScimRequest>().scimPrincipal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without ScimAuthGuard');
  return principal;
});
