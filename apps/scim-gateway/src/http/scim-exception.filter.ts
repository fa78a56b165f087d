import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import {
  ConflictError,
  ForbiddenError,
  InternalServerError,
  InvalidSyntaxError,
  NotImplementedError,
  PayloadTooLargeError,
  ResourceNotFoundError,
  ScimError,
  UnauthorizedError,
} from '@lib/scim';
import { LOGGER, sendScimError } from '@lib/platform';
import { MethodNotAllowedError } from '../scim/method-not-allowed';
import { scimErrorFromDomain } from './domain-error.mapper';

/**
 * Every error leaves as a SCIM error body (RFC 7644 §3.12) with the right status: SCIM
 * errors as they are, domain errors mapped once, framework errors by status, anything else a
 * 500 that never carries a stack trace or SQL.
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (request.path.startsWith('/health') && exception instanceof HttpException) {
      // Health answers keep terminus's body (which check is down, and why) with its 503.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const error = this.toScimError(exception);
    if (error.status >= 500) {
      this.logger.error({ err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception) }, 'request failed');
    }
    if (response.headersSent) return;
    if (error.status === 401 && !response.getHeader('WWW-Authenticate')) response.setHeader('WWW-Authenticate', 'Bearer realm="SCIM"');
    if (error instanceof MethodNotAllowedError) response.setHeader('Allow', error.allowed);
    for (const [name, value] of Object.entries(headersOf(error))) response.setHeader(name, value);
    sendScimError(response, error);
  }

  private toScimError(exception: unknown): ScimError {
    if (exception instanceof ScimError) return exception;
    const domain = scimErrorFromDomain(exception);
    if (domain) return domain;
    if (exception instanceof HttpException) return fromHttpStatus(exception.getStatus(), exception.message);
    return new InternalServerError();
  }
}

function fromHttpStatus(status: number, message: string): ScimError {
  switch (status) {
    case 400:
      return new InvalidSyntaxError(message);
    case 401:
      return new UnauthorizedError();
    case 403:
      return new ForbiddenError(message);
    case 404:
      return new ResourceNotFoundError('The requested endpoint or resource does not exist.');
    case 409:
      return new ConflictError(message);
    case 413:
      return new PayloadTooLargeError(message);
    case 501:
      return new NotImplementedError(message);
    case 503:
      return new GenericScimError(503, 'The service is temporarily unavailable.');
    default:
      return status >= 400 && status < 500 ? new GenericScimError(status, message) : new InternalServerError();
  }
}

/** Headers an error asks to be sent with it (e.g. Retry-After and Location of a 503 "not yet visible"). */
function headersOf(error: ScimError): Record<string, string> {
  const headers = (error as { headers?: unknown }).headers;
  return headers && typeof headers === 'object' ? (headers as Record<string, string>) : {};
}

class GenericScimError extends ScimError {
  constructor(status: number, detail: string) {
    super(status, undefined, detail);
  }
}
