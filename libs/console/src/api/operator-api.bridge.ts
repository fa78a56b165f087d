import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, SCIM_CONTENT_TYPE, type Environment } from '@lib/platform';
import { isScimError, ResourceNotFoundError, type ScimError } from '@lib/scim';
import { ConsoleAuthenticator, type ConsoleRequest } from '../session/console-authenticator';

export const OPERATOR_API_PREFIX = '/console/api/admin';

type RawRequest = IncomingMessage & { originalUrl?: string };

/**
 * The operator's console calls the admin API itself, not a copy of it: a request to
 * /console/api/admin/... with a live operator session (and, when it changes something, its CSRF
 * token) continues inside this process as /admin/... with the operator token attached, so the
 * admin API's own guard, validation, errors and audit metadata apply unchanged. The token never
 * reaches the browser; a client's own Authorization header is replaced, not passed on.
 *
 * Fastify has chosen the route before middleware runs, so the rewritten request is routed again
 * (`routing`), from the start of Fastify's pipeline, instead of continuing on this one.
 */
@Injectable()
export class OperatorApiBridge implements NestMiddleware {
  constructor(
    private readonly authenticator: ConsoleAuthenticator,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: Environment,
  ) {}

  async use(request: RawRequest, response: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    const url = request.originalUrl ?? request.url ?? '';
    if (!url.toLowerCase().startsWith(`${OPERATOR_API_PREFIX}/`))
      return sendError(response, new ResourceNotFoundError('SCIM-KuTJ', 'No such console API route.'));
    try {
      await this.authenticator.authenticate(request as unknown as ConsoleRequest, 'operator');
    } catch (error) {
      if (isScimError(error)) return sendError(response, error);
      return next(error);
    }
    request.headers.authorization = `Bearer ${this.config.OPERATOR_TOKEN}`;
    request.url = `/admin${url.slice(OPERATOR_API_PREFIX.length)}`;
    delete request.originalUrl;
    const fastify = this.adapterHost.httpAdapter.getInstance() as FastifyInstance;
    fastify.routing(request, response);
  }
}

function sendError(response: ServerResponse, error: ScimError): void {
  const body = JSON.stringify(error.toBody());
  response.statusCode = error.status;
  response.setHeader('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(body);
}
