import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpReply, HttpRequest } from '../http/http-types';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * `Authorization: Bearer <OPERATOR_TOKEN>` for the health details, in every app (the projector
 * and publisher apps have no tenancy module). Same comparison as the admin API's guard: both
 * sides hashed, constant time; without a configured token everything is refused.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const presented = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    const expected = this.config.OPERATOR_TOKEN;
    if (expected && timingSafeEqual(sha256(presented), sha256(expected))) return true;
    context.switchToHttp().getResponse<HttpReply>().header('WWW-Authenticate', 'Bearer realm="admin"');
    throw new UnauthorizedException('Operator authorization required: send "Authorization: Bearer <OPERATOR_TOKEN>".');
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
