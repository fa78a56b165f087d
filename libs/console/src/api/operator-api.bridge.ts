import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { APP_CONFIG, sendScimError, type Environment } from '@lib/platform';
import { isScimError, ResourceNotFoundError } from '@lib/scim';
import { ConsoleAuthenticator, type ConsoleRequest } from '../session/console-authenticator';

export const OPERATOR_API_PREFIX = '/console/api/admin';

/**
 * The operator's console calls the admin API itself, not a copy of it: a request to
 * /console/api/admin/... with a live operator session (and, when it changes something, its CSRF
 * token) continues inside this process as /admin/... with the operator token attached, so the
 * admin API's own guard, validation, errors and audit metadata apply unchanged. The token never
 * reaches the browser; a client's own Authorization header is replaced, not passed on.
 */
@Injectable()
export class OperatorApiBridge implements NestMiddleware {
  constructor(
    private readonly authenticator: ConsoleAuthenticator,
    @Inject(APP_CONFIG) private readonly config: Environment,
  ) {}

  async use(request: ConsoleRequest, response: Response, next: NextFunction): Promise<void> {
    if (!request.url.toLowerCase().startsWith(`${OPERATOR_API_PREFIX}/`))
      return sendScimError(response, new ResourceNotFoundError('SCIM-KuTJ', 'No such console API route.'));
    try {
      await this.authenticator.authenticate(request, 'operator');
    } catch (error) {
      if (isScimError(error)) return sendScimError(response, error);
      return next(error);
    }
    request.headers.authorization = `Bearer ${this.config.OPERATOR_TOKEN}`;
    request.url = `/admin${request.url.slice(OPERATOR_API_PREFIX.length)}`;
    next();
  }
}
