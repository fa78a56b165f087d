import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentRequest } from './request-context';

/**
 * Lines waiting to be written to stdout, in bytes. Writes are asynchronous: when whatever reads
 * stdout stalls, lines past this are dropped rather than held in memory without bound.
 */
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

let stdout: ReturnType<typeof pino.destination> | undefined;

/** One asynchronous, bounded stdout stream for every logger of the process (lines never interleave). */
function boundedStdout(): ReturnType<typeof pino.destination> {
  stdout ??= pino.destination({ dest: 1, sync: false, maxLength: LOG_BUFFER_BYTES });
  return stdout;
}

/**
 * Structured JSON logs on stdout. Only ids go into logs: never secrets, tokens, or a person's
 * data (userName, emails...): the provisioning log in PostgreSQL is where troubleshooting
 * details live, behind the admin API.
 */
export function createLogger(level: string): Logger {
  const options = {
    level,
    base: { service: 'scim' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'password', '*.password'],
      remove: true,
    },
    mixin() {
      const request = currentRequest();
      return request ? { requestId: request.requestId, tenantId: request.tenantId } : {};
    },
  };
  return pino(options, boundedStdout());
}

/**
 * Nest's own start-up narration: one line per module initialised and per route mapped (over a
 * hundred lines). Useful when debugging the wiring, noise otherwise: at debug level, so a start
 * prints the service's own summary and errors.
 */
const FRAMEWORK_START_UP = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Adapts pino to Nest's LoggerService so framework messages are JSON too. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context !== undefined && FRAMEWORK_START_UP.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
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
