import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_SCHEME } from '@lib/platform';
import { ConsoleAuthenticator, type ConsoleRequest } from './console-authenticator';
import type { ConsoleRole } from './console-session';

const CONSOLE_ROLE = 'consoleRole';

@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(
    private readonly authenticator: ConsoleAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const role = this.reflector.getAllAndOverride<ConsoleRole | undefined>(CONSOLE_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    await this.authenticator.authenticate(context.switchToHttp().getRequest<ConsoleRequest>(), role);
    return true;
  }
}

/**
 * A route behind a console session: declared for the gateway's secure-by-default guard, with the
 * role it needs (any signed-in role when none is given), CSRF checked on state-changing methods.
 */
export const ConsoleSessionRoute = (role?: ConsoleRole) =>
  applyDecorators(
    SetMetadata(AUTH_SCHEME, 'console-session'),
    ...(role ? [SetMetadata(CONSOLE_ROLE, role)] : []),
    UseGuards(ConsoleSessionGuard),
  );
