import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpReply } from '@lib/platform';
import { currentRequest, IS_PUBLIC } from '@lib/platform';
import { UnauthorizedError } from '@lib/scim';
import { ProvisioningLogRecorder } from '../provisioning-log/provisioning-log.recorder';
import { ScimAuthenticator } from './scim-authenticator';
import type { ScimRequest } from './scim-principal';

export const SCIM_WWW_AUTHENTICATE = 'Bearer realm="SCIM"';
/** One message for every rejected key, so the response never says which check failed. */
export const INVALID_CREDENTIALS = 'The API key is invalid, revoked, or not valid for this tenant.';
export const MISSING_CREDENTIALS = 'Authorization required: send "Authorization: Bearer <API key>".';

/**
 * Authenticates `${SCIM_PATH}/:tenantId/...`: the key must belong to the tenant in the URL, and that
 * tenant must have SCIM enabled. Sets `request.scimPrincipal`. Every failure is the same 401.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: ScimAuthenticator,
    private readonly provisioningLog: ProvisioningLogRecorder,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const response = context.switchToHttp().getResponse<HttpReply>();
    const urlTenantId = String((request.params as Record<string, string | undefined>).tenantId ?? '');
    const outcome = await this.authenticator.authenticate(urlTenantId, request.headers.authorization);
    if (!outcome.ok) {
      response.header('WWW-Authenticate', SCIM_WWW_AUTHENTICATE);
      const error = new UnauthorizedError('SCIM-8pzi', outcome.missing ? MISSING_CREDENTIALS : INVALID_CREDENTIALS);
      // Filed under the URL's tenant only when it exists: admins see their IdP's 401s; nobody else learns anything.
      if (outcome.tenantExists) {
        this.provisioningLog.track(request, response, urlTenantId);
        this.provisioningLog.noteError(request, error);
      }
      throw error;
    }
    request.scimPrincipal = outcome.principal;
    const context_ = currentRequest();
    if (context_) {
      context_.tenantId = outcome.principal.tenantId;
      context_.keyId = outcome.principal.keyId;
    }
    this.provisioningLog.track(request, response);
    return true;
  }
}
