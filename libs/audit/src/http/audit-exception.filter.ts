import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuditHttpError } from './audit-http-error';

/**
 * The audit API speaks plain JSON, not SCIM: errors are `{ "error": { status, code, message } }`.
 * Scoped to the audit controllers, so it takes precedence over the gateway's SCIM filter there.
 * Unknown errors are a bare 500, never a stack trace or SQL.
 */
@Catch()
export class AuditExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message } = describe(exception);
    if (response.headersSent) {
      // Mid-export: the status line is gone; cut the stream so the client sees an incomplete body.
      response.destroy();
      return;
    }
    if (status === 401 && !response.getHeader('WWW-Authenticate')) response.setHeader('WWW-Authenticate', 'Bearer realm="audit"');
    response.status(status).json({ error: { status, code, message } });
  }
}

function describe(exception: unknown): { status: number; code: string; message: string } {
  if (exception instanceof AuditHttpError) return { status: exception.status, code: exception.code, message: exception.message };
  if (exception instanceof HttpException) return { status: exception.getStatus(), code: codeFor(exception.getStatus()), message: exception.message };
  // Errors of other libraries that carry an HTTP status (the operator guard's SCIM 401).
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail = (exception as { detail?: unknown; message?: unknown }).detail ?? (exception as Error).message;
    return { status, code: codeFor(status), message: String(detail) };
  }
  return { status: 500, code: 'internal_error', message: 'The audit request failed.' };
}

function codeFor(status: number): string {
  return ({ 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' } as Record<number, string>)[status] ?? 'error';
}
