/** An error the audit API answers with its own status and a stable code (mapped once, by AuditExceptionFilter). */
export class AuditHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuditHttpError';
  }
}

export const badRequest = (code: string, message: string) => new AuditHttpError(400, code, message);
export const notFound = (message: string) => new AuditHttpError(404, 'not_found', message);
