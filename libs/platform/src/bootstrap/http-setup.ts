import type { INestApplication } from '@nestjs/common';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import {
  InternalServerError,
  InvalidSyntaxError,
  PayloadTooLargeError,
  ResourceNotFoundError,
  ScimError,
} from '@lib/scim';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { LOGGER } from '../logging/logger';
import { requestContext, type RequestContext } from '../logging/request-context';
import { assignRequestId } from '../logging/request-id.middleware';
import type { HttpReply, HttpRequest } from '../http/http-types';
import { pathOf } from '../http/request-path';
import { SCIM_PATH } from '../http/scim-base-url';
import { refuseUnstorableInput } from '../http/unstorable-input.middleware';
import { httpDurationHistogram, METRICS_REGISTRY } from '../metrics/metrics';
import { ServiceHttpAdapter } from './http-adapter';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

const CONTEXT = Symbol('requestContext');
type ContextualRequest = HttpRequest & { raw: { [CONTEXT]?: RequestContext } };

/**
 * Request parsing shared by every HTTP app, as Fastify hooks: request ids, and JSON bodies of
 * application/scim+json, application/json or application/*+json up to MAX_PAYLOAD_BYTES. Parse
 * failures become SCIM errors in the error handler, because they happen before Nest's exception
 * filters can see them. Then the one edge check of hostile input (refuseUnstorableInput).
 * Fastify sends no ETag of its own and no X-Powered-By: resources carry their own ETag
 * (meta.version), set explicitly.
 */
export function configureHttp(app: INestApplication, maxPayloadBytes: number): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const logger = app.get<Logger>(LOGGER);
  const log = accessLog(logger, httpDurationHistogram(app.get<Registry>(METRICS_REGISTRY)));
  // A request routed a second time (the console's bridge to the admin API) keeps its id and its one log line.
  const contextOf = (request: ContextualRequest, reply: HttpReply): RequestContext => {
    let context = request.raw[CONTEXT];
    if (!context) {
      context = { requestId: assignRequestId(request.headers['x-request-id'], reply.raw) };
      request.raw[CONTEXT] = context;
      log(request, reply);
    }
    return context;
  };
  fastify.addHook('onRequest', (request: ContextualRequest, reply, done) => {
    const context = contextOf(request, reply);
    if (refuseTrace(request, reply) || rejectUnsupportedMediaType(request, reply)) return;
    requestContext.run(context, done);
  });
  const adapter = app.getHttpAdapter();
  if (adapter instanceof ServiceHttpAdapter)
    adapter.answerBadUrl((request, reply) => {
      contextOf(request, reply);
      sendScimError(
        reply,
        new ResourceNotFoundError('SCIM-Ur1d', 'The requested endpoint or resource does not exist.'),
      );
    });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const inflated = inflate(request.headers['content-encoding'], payload);
    if (inflated instanceof ScimError) done(inflated);
    else done(null, inflated);
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    JSON_MEDIA_TYPE,
    { parseAs: 'string', bodyLimit: maxPayloadBytes },
    (request, body, done) => parseJsonBody(body as string, request.headers['content-length'] === '0', done),
  );
  // Only DELETE and OPTIONS get here (the media type check refused the others): their body is ignored, as before.
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  const refuseUnstorable = refuseUnstorableInput(sendScimError);
  // The body was read in the socket's async context: the request's context is entered again before Nest runs.
  fastify.addHook('preHandler', (request: ContextualRequest, reply, done) => {
    if (refuseUnstorable(request, reply)) return;
    const context = request.raw[CONTEXT];
    if (context) requestContext.run(context, done);
    else done();
  });
  fastify.setErrorHandler((error, _request, reply) => {
    const answer = bodyError(error, maxPayloadBytes);
    if (answer.status >= 500) {
      const { name, code, message, stack } = error as Error & { code?: unknown };
      logger.error({ err: { name, code, message, stack }, site: answer.site }, 'request failed before its route');
    }
    sendScimError(reply, answer);
  });
}

type CountedStream = Readable & { receivedEncodedLength?: number };

/**
 * A gzip, deflate or br body is inflated before parsing, as Express's json() did; the limit
 * applies to the inflated body, and Fastify compares Content-Length with the bytes received.
 */
function inflate(encoding: string | string[] | undefined, payload: Readable): Readable | ScimError {
  const name = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? 'identity')).trim().toLowerCase();
  if (name === 'identity') return payload;
  const inflater = INFLATERS[name]?.();
  if (!inflater) return new InvalidSyntaxError('SCIM-nc0d', 'The request body could not be read.');
  const counted = inflater as CountedStream;
  counted.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => (counted.receivedEncodedLength! += chunk.length));
  payload.on('error', (error) => inflater.destroy(error));
  return payload.pipe(inflater);
}

const INFLATERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * What Express's json() in strict mode did before: an object or an array; a declared-empty body
 * is no body, an empty chunked one is {}; `__proto__` stays a plain key (the edge checks see it).
 */
function parseJsonBody(body: string, none: boolean, done: (error: Error | null, body?: unknown) => void): void {
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(body)?.[1];
  if (first === undefined) return done(null, none ? undefined : {});
  if (first !== '{' && first !== '[') return done(jsonSyntaxError());
  try {
    done(null, JSON.parse(body));
  } catch {
    done(jsonSyntaxError());
  }
}

function jsonSyntaxError(): ScimError {
  return new InvalidSyntaxError('SCIM-wDzF', 'The request body is not valid JSON.');
}

/**
 * One log line and one histogram sample per request. The path is logged without its query
 * string: filters carry userNames and emails, which stay out of logs.
 */
function accessLog(logger: Logger, histogram: ReturnType<typeof httpDurationHistogram>) {
  return (request: HttpRequest, reply: HttpReply): void => {
    const started = process.hrtime.bigint();
    const { method } = request;
    const path = pathOf(request.url);
    reply.raw.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(path);
      const status = reply.raw.statusCode;
      histogram.observe({ method, route, status: String(status) }, seconds);
      if (route === '/health' || route === '/metrics') return;
      logger.info({ method, path, status, ms: Math.round(seconds * 1000) }, 'request');
    });
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
function refuseTrace(request: HttpRequest, reply: HttpReply): boolean {
  if (request.method !== 'TRACE' || pathOf(request.url).startsWith(`${SCIM_PATH}/`)) return false;
  void reply.header('Allow', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
  sendScimError(reply, new ScimError('SCIM-gSUU', 405, undefined, 'TRACE is not supported by this service.'));
  return true;
}

/** A body in anything but JSON (application/scim+json or application/json) is 415, not silently ignored. */
function rejectUnsupportedMediaType(request: HttpRequest, reply: HttpReply): boolean {
  const { headers, method } = request;
  const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  const type = headers['content-type'];
  if (hasBody && !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method) && (!type || !JSON_MEDIA_TYPE.test(type))) {
    sendScimError(reply, new UnsupportedMediaTypeError('SCIM-KECR', type));
    return true;
  }
  return false;
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

/** Errors Fastify meets before a route runs: reading and parsing the body. */
function bodyError(error: unknown, maxPayloadBytes: number): ScimError {
  if (error instanceof ScimError) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new PayloadTooLargeError('SCIM-c9zf', `The request body exceeds ${maxPayloadBytes} bytes.`);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new UnsupportedMediaTypeError('SCIM-Mt4x', undefined);
  // The client's: a body that does not inflate (zlib's Z_* codes) or one Fastify refused with a 4xx.
  if (code?.startsWith('Z_') || (statusCode !== undefined && statusCode < 500))
    return new InvalidSyntaxError('SCIM-PYzc', 'The request body could not be read.');
  // Anything else is the service's fault (a hook that threw): a 500, logged, never blamed on the body.
  return new InternalServerError('SCIM-Fy8q');
}

export function sendScimError(reply: HttpReply, error: ScimError): void {
  void reply.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.toBody()));
}
