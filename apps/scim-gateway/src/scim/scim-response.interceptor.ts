import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HttpReply } from '@lib/platform';
import type { Observable } from 'rxjs';
import { ProvisioningLogInterceptor } from '@lib/tenancy';

/**
 * The one interceptor of a SCIM endpoint: answers are application/scim+json (RFC 7644 §3.1, set
 * before the body is written), and the request goes into the provisioning log. One rather than
 * two because Nest wraps every interceptor of every request in its own async resource and
 * observable: measurable on a lookup that otherwise costs a fraction of a millisecond.
 */
@Injectable()
export class ScimResponseInterceptor implements NestInterceptor {
  constructor(private readonly provisioningLog: ProvisioningLogInterceptor) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<HttpReply>().header('Content-Type', 'application/scim+json; charset=utf-8');
    return this.provisioningLog.intercept(context, next);
  }
}
