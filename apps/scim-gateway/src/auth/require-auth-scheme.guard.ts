import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_SCHEME, IS_PUBLIC } from '@lib/platform';
import { UnauthorizedError } from '@lib/scim';

/** Secure by default: a route is reachable only if it is @Public() or declares its credential. */
@Injectable()
export class RequireAuthSchemeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<string>(AUTH_SCHEME, targets)) return true;
    throw new UnauthorizedError('SCIM-Vc4K', 'This route declares no credential and is closed.');
  }
}
