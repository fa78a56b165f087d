import { ArgumentsHost, Catch, HttpException, Inject, Optional, type ExceptionFilter } from '@nestjs/common';
import type { HttpRequest, HttpReply } from '@lib/platform';
import type { Logger } from 'pino';
import {
  ConflictError,
  ForbiddenError,
  InternalServerError,
  InvalidSyntaxError,
  InvalidValueError,
  NotImplementedError,
  PayloadTooLargeError,
  ResourceNotFoundError,
  ScimError,
  ServiceUnavailableError,
  UnauthorizedError,
} from '@lib/scim';
import { isAvailabilityError, LOGGER, sendScimError } from '@lib/platform';
import { ProvisioningLogRecorder, type ScimRequest } from '@lib/tenancy';
import { MethodNotAllowedError } from '../scim/method-not-allowed';
import { scimErrorFromDomain } from './domain-error.mapper';

/**
 * Every error leaves as a SCIM error body (RFC 7644 §3.12) with the right status: SCIM
 * errors as they are, domain errors mapped once, framework errors by status, an availability
 * error (database unreachable, connection lost, pool or statement timeout) a 503 with
 * Retry-After, anything else a 500 that never carries a stack trace or SQL. One filter for the
 * SCIM API and the admin API.
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly provisioningLog?: ProvisioningLogRecorder,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpReply>();
    const request = host.switchToHttp().getRequest<HttpRequest>();
    if (request.url.startsWith('/health') && exception instanceof HttpException) {
      // Health answers keep terminus's body (which check is down, and why) with its 503.
      void response.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const error = toScimError(exception);
    this.log(exception, error);
    // Why a SCIM request failed (scimType, detail) goes into its provisioning-log row.
    this.provisioningLog?.recordError(request as ScimRequest, response, exception);
    if (response.sent || response.raw.headersSent) return;
    if (error.status === 401 && !response.getHeader('WWW-Authenticate'))
      response.header('WWW-Authenticate', 'Bearer realm="SCIM"');
    if (error instanceof MethodNotAllowedError) response.header('Allow', error.allowed);
    for (const [name, value] of Object.entries(headersOf(error))) response.header(name, value);
    if (error.status === 503 && !response.getHeader('Retry-After'))
      response.header('Retry-After', String(retryAfterOf(error)));
    sendScimError(response, error);
  }

  private log(exception: unknown, error: ScimError): void {
    if (isDataException(exception)) {
      // No message: it quotes the value.
      this.logger.warn(
        { err: { code: (exception as { code?: unknown }).code } },
        'a database data exception answered 400',
      );
      return;
    }
    if (error.status < 500) return;
    const err =
      exception instanceof Error
        ? { name: exception.name, code: (exception as { code?: unknown }).code, message: exception.message }
        : String(exception);
    // The answer's site id (SCIM-xxxx, or a domain site) finds the line that chose the answer.
    if (error.status === 503) this.logger.warn({ err, site: error.site }, 'request answered 503: service unavailable');
    else
      this.logger.error(
        { err: exception instanceof Error ? { ...(err as object), stack: exception.stack } : err, site: error.site },
        'request failed',
      );
  }
}

/** The SCIM error a request ends with (also each Bulk operation's). */
export function toScimError(exception: unknown): ScimError {
  if (exception instanceof ScimError) return exception;
  const domain = scimErrorFromDomain(exception);
  if (domain) return domain;
  if (exception instanceof HttpException) return fromHttpStatus(exception.getStatus(), exception.message);
  if (isAvailabilityError(exception)) return new ServiceUnavailableError('SCIM-sCwt');
  if (isDataException(exception))
    return new InvalidValueError(
      'SCIM-7g3w',
      'A value in the request is out of the range the service can store or compare.',
    );
  return new InternalServerError('SCIM-vbNR');
}

/**
 * SQLSTATE class 22 (data exception: a value out of range, malformed for its type). Every query
 * takes request values as parameters, so the value came from the request: a 400, never a 500.
 * The edge and the schema checks catch the known cases first; this is the net under them.
 */
function isDataException(exception: unknown): boolean {
  const code = (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function retryAfterOf(error: ScimError): number {
  return error instanceof ServiceUnavailableError ? error.retryAfterSeconds : 1;
}

function fromHttpStatus(status: number, message: string): ScimError {
  switch (status) {
    case 400:
      return new InvalidSyntaxError('SCIM-nenh', message);
    case 401:
      return new UnauthorizedError('SCIM-LFA9');
    case 403:
      return new ForbiddenError('SCIM-Ye5g', message);
    case 404:
      return new ResourceNotFoundError('SCIM-CbgP', 'The requested endpoint or resource does not exist.');
    case 409:
      return new ConflictError('SCIM-YD28', message);
    case 413:
      return new PayloadTooLargeError('SCIM-BEUv', message);
    case 501:
      return new NotImplementedError('SCIM-NJ7k', message);
    case 503:
      return new ServiceUnavailableError('SCIM-4SCq');
    default:
      return status >= 400 && status < 500
        ? new GenericScimError('SCIM-3LNY', status, message)
        : new InternalServerError('SCIM-g5pA');
  }
}

/** Headers an error asks to be sent with it (e.g. Retry-After and Location of a 503 "not yet visible"). */
function headersOf(error: ScimError): Record<string, string> {
  const headers = (error as { headers?: unknown }).headers;
  return headers && typeof headers === 'object' ? (headers as Record<string, string>) : {};
}

class GenericScimError extends ScimError {
  constructor(site: string, status: number, detail: string) {
    super(site, status, undefined, detail);
  }
}
