import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import { InvalidSyntaxError, PayloadTooLargeError, ScimError } from '@lib/scim';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { LOGGER } from '../logging/logger';
import { requestIdMiddleware } from '../logging/request-id.middleware';
import { SCIM_PATH } from '../http/scim-base-url';
import { refuseUnstorableInput } from '../http/unstorable-input.middleware';
import { httpDurationHistogram, METRICS_REGISTRY } from '../metrics/metrics';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/**
 * Request parsing shared by every HTTP app: request ids, and JSON bodies of
 * application/scim+json or application/json up to MAX_PAYLOAD_BYTES. Parse failures become
 * SCIM errors here, because they happen before Nest's exception filters can see them. Then
 * the one edge check of hostile input (refuseUnstorableInput).
 */
export function configureHttp(app: INestApplication, maxPayloadBytes: number): void {
  // Express would hash every response body for a weak ETag (SHA-1 over up to a 1,000-resource
  // page) and advertise itself. Resources carry their own ETag (meta.version), set explicitly.
  const express = app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
  express.set('etag', false);
  express.set('x-powered-by', false);
  app.use(requestIdMiddleware);
  app.use(accessLog(app.get<Logger>(LOGGER), httpDurationHistogram(app.get<Registry>(METRICS_REGISTRY))));
  app.use(refuseTrace);
  app.use(rejectUnsupportedMediaType);
  const parse = json({
    limit: maxPayloadBytes,
    type: ['application/json', 'application/scim+json', 'application/*+json'],
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => (error ? sendScimError(res, bodyError(error, maxPayloadBytes)) : next())),
  );
  app.use(refuseUnstorableInput(sendScimError));
}

/**
 * One log line and one histogram sample per request. The path is logged without its query
 * string: filters carry userNames and emails, which stay out of logs.
 */
function accessLog(logger: Logger, histogram: ReturnType<typeof httpDurationHistogram>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req.path);
      histogram.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (route === '/health' || route === '/metrics') return;
      logger.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) },
        'request',
      );
    });
    next();
  };
}

const SCIM_ENDPOINTS = new Set([
  'Users',
  'Groups',
  'Bulk',
  '.search',
  'ServiceProviderConfig',
  'ResourceTypes',
  'Schemas',
]);

const SCIM_ROUTE = new RegExp(`^${SCIM_PATH}/[^/]+(?:/([^/]*))?(?:/([^/]*))?(/.*)?$`);
const SCIM_TENANT_LABEL = `${SCIM_PATH}/:tenant`;

/**
 * A route label from a fixed set: every label value is a metric series held in memory for the
 * life of the process, so nothing a client chooses (a tenant id, a resource id, a made-up
 * endpoint) may become one.
 */
export function routeLabel(path: string): string {
  if (path.startsWith('/health')) return '/health';
  if (path === '/metrics') return '/metrics';
  const scim = SCIM_ROUTE.exec(path);
  if (scim) {
    const [, endpoint, id, deeper] = scim;
    if (endpoint === undefined || endpoint === '') return SCIM_TENANT_LABEL;
    if (!SCIM_ENDPOINTS.has(endpoint) || deeper !== undefined) return `${SCIM_TENANT_LABEL}/other`;
    if (id === undefined || id === '') return `${SCIM_TENANT_LABEL}/${endpoint}`;
    return `${SCIM_TENANT_LABEL}/${endpoint}/${id === '.search' ? '.search' : ':id'}`;
  }
  return path.startsWith('/admin') ? '/admin' : path.startsWith('/audit') ? '/audit' : 'other';
}

/**
 * TRACE echoes a request back (cross-site tracing): no route of the service supports it. SCIM
 * endpoints answer their own 405 with their Allow list; everywhere else this one does.
 */
function refuseTrace(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'TRACE' || req.path.startsWith(`${SCIM_PATH}/`)) return next();
  res.setHeader('Allow', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
  sendScimError(res, new ScimError('SCIM-gSUU', 405, undefined, 'TRACE is not supported by this service.'));
}

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** A body in anything but JSON (application/scim+json or application/json) is 415, not silently ignored. */
function rejectUnsupportedMediaType(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'];
  if (hasBody && !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method) && (!type || !JSON_MEDIA_TYPE.test(type))) {
    return sendScimError(res, new UnsupportedMediaTypeError('SCIM-KECR', type));
  }
  next();
}

class UnsupportedMediaTypeError extends ScimError {
  constructor(site: string, type: string | undefined) {
    super(
      site,
      415,
      undefined,
      `Unsupported Content-Type ${type ?? '(none)'}: send application/scim+json or application/json.`,
    );
  }
}

function bodyError(error: unknown, maxPayloadBytes: number): ScimError {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    return new PayloadTooLargeError('SCIM-c9zf', `The request body exceeds ${maxPayloadBytes} bytes.`);
  if (type === 'entity.parse.failed') return new InvalidSyntaxError('SCIM-wDzF', 'The request body is not valid JSON.');
  return new InvalidSyntaxError('SCIM-PYzc', 'The request body could not be read.');
}

export function sendScimError(res: Response, error: ScimError): void {
  res.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.toBody()));
}
