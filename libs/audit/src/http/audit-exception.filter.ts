import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import type { HttpReply } from '@lib/platform';
import type { Logger } from 'pino';
import { isAvailabilityError, LOGGER } from '@lib/platform';
import { AuditHttpError } from './audit-http-error';

/** Seconds a client waits before retrying a 503. */
const RETRY_AFTER_SECONDS = 2;

/**
 * The audit API speaks plain JSON, not SCIM: errors are `{ "error": { status, code, message } }`.
 * Scoped to the audit controllers, so it takes precedence over the gateway's SCIM filter there.
 * An availability error (database unreachable, statement timeout) is a 503 with Retry-After;
 * other unknown errors are a bare 500, never a stack trace or SQL, and are logged.
 */
@Catch()
export class AuditExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpReply>();
    const { status, code, message } = describe(exception);
    this.log(exception, status);
    if (response.sent || response.raw.headersSent) {
      // Mid-export: the status line is gone; cut the stream so the client sees an incomplete body.
      response.raw.destroy();
      return;
    }
    if (status === 401 && !response.getHeader('WWW-Authenticate'))
      response.header('WWW-Authenticate', 'Bearer realm="audit"');
    if (status === 503) response.header('Retry-After', String(RETRY_AFTER_SECONDS));
    void response.status(status).send({ error: { status, code, message } });
  }

  private log(exception: unknown, status: number): void {
    if (status < 500) return;
    const err =
      exception instanceof Error
        ? { name: exception.name, code: (exception as { code?: unknown }).code, message: exception.message }
        : String(exception);
    if (status === 503) this.logger.warn({ err }, 'audit request answered 503: service unavailable');
    else
      this.logger.error(
        { err: exception instanceof Error ? { ...(err as object), stack: exception.stack } : err },
        'audit request failed',
      );
  }
}

function describe(exception: unknown): { status: number; code: string; message: string } {
  if (exception instanceof AuditHttpError)
    return { status: exception.status, code: exception.code, message: exception.message };
  if (exception instanceof HttpException)
    return { status: exception.getStatus(), code: codeFor(exception.getStatus()), message: exception.message };
  // Errors of other libraries that carry an HTTP status (the operator guard's SCIM 401).
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail = (exception as { detail?: unknown; message?: unknown }).detail ?? (exception as Error).message;
    return { status, code: codeFor(status), message: String(detail) };
  }
  if (isAvailabilityError(exception))
    return {
      status: 503,
      code: 'unavailable',
      message: 'The audit service is temporarily unavailable; retry shortly.',
    };
  return { status: 500, code: 'internal_error', message: 'The audit request failed.' };
}

function codeFor(status: number): string {
  return (
    ({ 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' } as Record<number, string>)[
      status
    ] ?? 'error'
  );
}
