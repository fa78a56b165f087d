import { METHODS } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, HTTPMethods, RouteHandlerMethod } from 'fastify';
import { sendStaticFile } from '../http/static-files';
import type { HttpReply, HttpRequest } from '../http/http-types';

type RequestAnswer = (request: HttpRequest, reply: HttpReply) => void;

/** Route parameters are ids a client chose; longer ones are refused by the edge checks, not by a 404 here. */
const MAX_PARAM_LENGTH = 64 * 1024;

/**
 * Nest's Fastify adapter, set up to route like Express did (the behaviour the tests pin):
 * paths case-insensitive with or without a trailing slash, query strings by Node's
 * `querystring` (repeated keys become arrays, nothing nested), and an `@All()` route next to
 * explicit methods on the same path (the 405 answers) taking only the methods left over;
 * Fastify itself would refuse the second declaration of a method.
 */
export class ServiceHttpAdapter extends FastifyAdapter {
  private readonly badUrl: { answer?: RequestAnswer };

  constructor() {
    const badUrl: { answer?: RequestAnswer } = {};
    super({
      routerOptions: {
        caseSensitive: false,
        ignoreTrailingSlash: true,
        maxParamLength: MAX_PARAM_LENGTH,
        querystringParser: (query: string) => parseQueryString(query),
      },
      // Node's own defaults, which the service had on Express (Fastify's are 72 s and none).
      keepAliveTimeout: 5_000,
      requestTimeout: 300_000,
      // While closing, a request on an open connection is served, as by Node's server under Express
      // (Fastify would answer it 503 with a body of its own).
      return503OnClosing: false,
      // Nest's logger and the service's access log speak for requests.
      logger: false,
      disableRequestLogging: true,
      // A path that does not percent-decode: Fastify answers it before any hook runs.
      frameworkErrors: (_error: Error, request: HttpRequest, reply: HttpReply) =>
        badUrl.answer?.(request, reply) ?? reply.status(404).send(),
    });
    this.badUrl = badUrl;
    // Express's `all` covered every method Node parses (PROPFIND, SEARCH...): the 405 routes still do.
    const fastify = this.getInstance<FastifyInstance>();
    for (const method of METHODS)
      if (method !== 'CONNECT' && !fastify.supportedMethods.includes(method))
        fastify.addHttpMethod(method, { hasBody: true });
  }

  /** How a URL Fastify cannot decode is answered (http-setup.ts: the SCIM 404 the edge checks give). */
  answerBadUrl(answer: RequestAnswer): void {
    this.badUrl.answer = answer;
  }

  override all(...args: unknown[]): this {
    const [path, handler] = args as [string, RouteHandlerMethod];
    const fastify = this.getInstance<FastifyInstance>();
    const methods = (fastify.supportedMethods as HTTPMethods[]).filter(
      (method) => !fastify.hasRoute({ method, url: path }),
    );
    if (methods.length) fastify.route({ method: methods, url: path, handler });
    return this;
  }

  /**
   * Nest would route errors raised before a route runs (reading and parsing the body) through
   * its exception filters, which know nothing of Fastify's codes: http-setup.ts answers them as
   * SCIM errors instead, as Express's body parser did, with its handler on the instance itself.
   */
  override setErrorHandler(): FastifyInstance {
    return this.getInstance<FastifyInstance>();
  }

  /** The OpenAPI UI's assets (SwaggerModule), without @fastify/static. */
  override useStaticAssets(options: { root: string; prefix?: string }): this {
    const prefix = (options.prefix ?? '').replace(/\/$/, '');
    this.getInstance<FastifyInstance>().get(`${prefix}/*`, (request: HttpRequest, reply: HttpReply) => {
      const relative = (request.params as { '*': string })['*'];
      if (!sendStaticFile(reply, options.root, relative, { maxAgeSeconds: 0 })) void reply.callNotFound();
    });
    return this;
  }
}
