import { All, Body, Controller, Get, Module, Param, Post, Query, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { configureHttpServer } from '../http/http-server-limits';
import { currentRequest } from '../logging/request-context';
import { LOGGER } from '../logging/logger';
import { createMetricsRegistry, METRICS_REGISTRY } from '../metrics/metrics';
import { ServiceHttpAdapter } from './http-adapter';
import { configureHttp } from './http-setup';

@Controller('scim/v2/:tenantId/Things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    return { id, query, requestId: currentRequest()?.requestId };
  }

  @Post()
  async create(@Body() body: unknown) {
    await new Promise((resolve) => setImmediate(resolve));
    return { body, requestId: currentRequest()?.requestId, proto: Object.keys(body as object) };
  }

  @All()
  methodNotAllowed() {
    return { allowed: 'POST' };
  }
}

@Module({
  controllers: [ThingsController],
  providers: [
    { provide: LOGGER, useValue: pino({ level: 'silent' }) },
    { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
  ],
})
class PipelineModule {}

/** The Fastify pipeline answers as the Express one did (what the integration tests pin), without a database. */
describe('the HTTP pipeline on Fastify', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(PipelineModule, new ServiceHttpAdapter(), { bodyParser: false, logger: false });
    configureHttpServer(app.getHttpServer());
    configureHttp(app, 1024);
    // A hook that fails on request: what a bug before the route looks like to the error handler.
    const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    fastify.addHook('preValidation', (request, _reply, done) =>
      done(request.headers['x-fail-hook'] ? new Error('a hook failed') : undefined),
    );
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/scim/v2/acme`;
  });
  afterAll(() => app.close());

  const post = (body: string, type = 'application/scim+json') =>
    fetch(`${base}/Things`, { method: 'POST', headers: { 'content-type': type }, body });

  it('routes case-insensitively, with or without a trailing slash, keeping the parameter as sent', async () => {
    for (const path of ['/Things/AbC', '/things/AbC', '/Things/AbC/']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe('AbC');
    }
  });

  it('parses query strings like Node querystring: repeated keys are arrays, brackets are plain names', async () => {
    const response = await fetch(`${base}/Things/x?a=1&a=2&b%5Bc%5D=3&e=%C3%A9`);
    expect(((await response.json()) as { query: unknown }).query).toEqual({ a: ['1', '2'], 'b[c]': '3', e: 'é' });
    const many = Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&');
    const parsed = (await (await fetch(`${base}/Things/x?${many}`)).json()) as { query: object };
    expect(Object.keys(parsed.query)).toHaveLength(1000); // querystring's maxKeys
  });

  it('answers other methods on a path with explicit routes through the @All route', async () => {
    expect((await fetch(`${base}/Things`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(`${base}/Things`, { method: 'PUT' })).json()).toEqual({ allowed: 'POST' });
    expect(await (await fetch(`${base}/Things`, { method: 'PROPFIND' })).json()).toEqual({ allowed: 'POST' });
  });

  it('keeps the request id context through body parsing, and __proto__ as a plain key', async () => {
    const response = await fetch(`${base}/Things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: '{"__proto__":{"x":1},"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(await response.json()).toMatchObject({ requestId: 'req-42', proto: ['__proto__', 'a'] });
  });

  it.each([
    ['cut short', '{"a":', 400, 'invalidSyntax'],
    ['not an object or array', '"a string"', 400, 'invalidSyntax'],
    ['over the limit', `{"a":"${'x'.repeat(2000)}"}`, 413, undefined],
  ])('answers a body %s with a SCIM error', async (_case, body, status, scimType) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const error = (await response.json()) as { status: string; scimType?: string };
    expect(error.status).toBe(String(status));
    expect(error.scimType).toBe(scimType);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await post('a=1', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });

  it('inflates a gzip body, and refuses an unknown encoding with a SCIM 400', async () => {
    const send = (encoding: string, body: Buffer) =>
      fetch(`${base}/Things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body,
      });
    const created = await send('gzip', gzipSync('{"a":1}'));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { body: unknown }).body).toEqual({ a: 1 });
    expect((await send('gzip', Buffer.from('not gzip'))).status).toBe(400);
    const unknown = await send('x-unknown', Buffer.from('{}'));
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });

  it('answers a failure before the route that is not the client’s fault with a SCIM 500, not a 400', async () => {
    const answer = await fetch(`${base}/Things/1`, { headers: { 'x-fail-hook': '1' } });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toContain('application/scim+json');
    expect(await answer.json()).toMatchObject({ status: '500' });
  });

  it('accepts application/*+json', async () => {
    expect((await post('{"a":1}', 'application/merge-patch+json')).status).toBe(201);
  });

  it('refuses TRACE outside SCIM paths with 405 and an Allow list', async () => {
    // fetch refuses to send TRACE.
    const response = await new Promise<{ status?: number; allow?: string }>((resolve, reject) =>
      httpRequest(base.replace('/scim/v2/acme', '/elsewhere'), { method: 'TRACE' }, (res) => {
        res.resume();
        resolve({ status: res.statusCode, allow: res.headers.allow });
      })
        .on('error', reject)
        .end(),
    );
    expect(response.status).toBe(405);
    expect(response.allow).toContain('GET');
  });

  it('answers a path that does not percent-decode with the SCIM 404 of the edge checks', async () => {
    const response = await fetch(`${base}/Things/%E0%A4%A`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers headers over the limit with 431 and a SCIM body, not the framework answer', async () => {
    const response = await fetch(`${base}/Things/x?filter=${'a'.repeat(70 * 1024)}`);
    expect(response.status).toBe(431);
    expect(((await response.json()) as { status: string }).status).toBe('431');
  });

  it('serves the OpenAPI document and its UI with the UI assets', async () => {
    const origin = base.replace('/scim/v2/acme', '');
    expect(((await (await fetch(`${origin}/openapi.json`)).json()) as { openapi: string }).openapi).toMatch(/^3\./);
    expect(await (await fetch(`${origin}/docs`)).text()).toContain('swagger-ui');
    const css = await fetch(`${origin}/docs/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('sends no ETag of its own and no X-Powered-By', async () => {
    const response = await fetch(`${base}/Things/x`);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
