import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HttpReply } from '@lib/platform';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import type { ScimRequest } from '../auth/scim-principal';
import { ProvisioningLogRecorder } from './provisioning-log.recorder';

/**
 * For controllers that return their answer to Nest: records the request in the provisioning log and
 * takes the resource id from the returned body. The gateway does without it (its SCIM routes write
 * their own answers, ScimAuthGuard tracks the request and the exception filter records errors),
 * because Nest's interceptor chain costs a few percent of a request.
 *
 * Records every SCIM request of an authenticated tenant in the provisioning log. The row is
 * written when the response finishes, so its status is the one the client saw even when an
 * exception filter rendered it; errors passing through here give the row its scimType and
 * detail. Requests rejected by the guards are recorded by the guards themselves.
 */
@Injectable()
export class ProvisioningLogInterceptor implements NestInterceptor {
  constructor(private readonly recorder: ProvisioningLogRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<ScimRequest>();
    if (!request.scimPrincipal) return next.handle();
    this.recorder.track(request, context.switchToHttp().getResponse<HttpReply>());
    return next.handle().pipe(
      tap((body) => this.recorder.noteResponseBody(request, body)),
      catchError((error: unknown) => {
        this.recorder.noteError(request, error);
        return throwError(() => error);
      }),
    );
  }
}
