import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest, HttpReply } from '@lib/platform';
import { AuditorCredentials, type AuditorPrincipal } from './auditor-credentials.service';
import { AuditHttpError } from '../http/audit-http-error';

export type AuditorRequest = HttpRequest & { auditor?: AuditorPrincipal };

/**
 * `Authorization: Bearer aud_...` for the audit API. The credential must belong to the URL's
 * tenant; every refusal (no header, malformed, unknown, revoked, other tenant) is the same 401,
 * so an auditor of tenant A cannot learn whether tenant B exists.
 */
@Injectable()
export class AuditorGuard implements CanActivate {
  constructor(private readonly credentials: AuditorCredentials) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuditorRequest>();
    const presented = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    const tenantId = String((request.params as { tenantId?: string } | undefined)?.tenantId ?? '');
    const principal = await this.credentials.verify(presented, tenantId);
    if (principal) {
      request.auditor = principal;
      return true;
    }
    context.switchToHttp().getResponse<HttpReply>().header('WWW-Authenticate', 'Bearer realm="audit"');
    throw new AuditHttpError(
      401,
      'unauthorized',
      'An auditor credential of this tenant is required: "Authorization: Bearer aud_...".',
    );
  }
}
