import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentRequest } from './request-context';

/**
 * Structured JSON logs on stdout. Only ids go into logs: never secrets, tokens, or a person's
 * data (userName, emails...): the provisioning log in PostgreSQL is where troubleshooting
 * details live, behind the admin API.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'scim' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['authorization', '*.authorization', 'headers.authorization', 'password', '*.password'], remove: true },
    mixin() {
      const request = currentRequest();
      return request ? { requestId: request.requestId, tenantId: request.tenantId } : {};
    },
  });
}

/** Adapts pino to Nest's LoggerService so framework messages are JSON too. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('LOGGER');
