import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest, HttpReply } from '@lib/platform';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type Environment } from '@lib/platform';
import { UnauthorizedError } from '@lib/scim';

/**
 * The admin API's guard: `Authorization: Bearer <OPERATOR_TOKEN>`. Both sides are hashed before
 * the constant-time compare so that tokens of different lengths compare in equal time too.
 * Without a configured token every request is refused.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: Environment) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const header = request.headers.authorization ?? '';
    const presented = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
    const expected = this.config.OPERATOR_TOKEN;
    const equal = timingSafeEqual(sha256(presented), sha256(expected ?? ''));
    if (equal && expected) return true;
    context.switchToHttp().getResponse<HttpReply>().header('WWW-Authenticate', 'Bearer realm="admin"');
    throw new UnauthorizedError(
      'SCIM-KiRP',
      'Operator authorization required: send "Authorization: Bearer <OPERATOR_TOKEN>".',
    );
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
