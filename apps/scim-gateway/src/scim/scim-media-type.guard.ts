import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { SCIM_CONTENT_TYPE, type HttpReply } from '@lib/platform';

/**
 * Answers of a SCIM endpoint are application/scim+json (RFC 7644 §3.1), set before any body is
 * written, also for the routes that return their body to Nest. A guard that always lets the
 * request through, not an interceptor: Nest wraps each request's interceptors in async resources
 * (`AsyncResource.bind`, which on Node 20 also defines deprecated getters on every call) and an
 * observable chain, 3-4 % of the service's CPU profile under a create load. The provisioning log
 * needs no interceptor either: ScimAuthGuard tracks the request, the exception filter notes its error.
 */
@Injectable()
export class ScimMediaTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    context.switchToHttp().getResponse<HttpReply>().header('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
    return true;
  }
}
