import { randomBytes } from 'node:crypto';
import { Global, Module, type INestApplication, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import pino from 'pino';
import { Test, type TestingModule } from '@nestjs/testing';
import { Pool } from 'pg';
import { EVENT_STORE, PostgresEventStore } from '@lib/event-store';
import {
  APP_CONFIG,
  configureHttp,
  ServiceHttpAdapter,
  createMetricsRegistry,
  LOGGER,
  METRICS_REGISTRY,
  PG_POOL,
  validateEnvironment,
} from '@lib/platform';
import { ScimExceptionFilter } from '../../../apps/scim-gateway/src/http/scim-exception.filter';
import { TENANCY_CLOCK, TenancyModule, type Clock } from '@lib/tenancy';
import { TENANT_COMMAND_HANDLERS } from '@lib/write-model';

/** A clock the test moves by hand (rotation grace periods, retention). */
/** A fresh operator token per test run: no credential lives in the source. */
export const TEST_OPERATOR_TOKEN = `op_${randomBytes(24).toString('base64url')}`;

export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-01T12:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TenancyInstance {
  module: TestingModule;
  pool: Pool;
  /** Set when started with `http`: the listening app's base URL. */
  baseUrl: string;
  app?: INestApplication;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** One "process" of the service: its own pool and event store over the shared test database. */
export async function startTenancy(
  databaseUrl: string,
  options: { clock?: Clock; env?: Record<string, string>; controllers?: Type[] } = {},
): Promise<TenancyInstance> {
  const pool = new Pool({ connectionString: databaseUrl, max: 5 });
  pool.on('error', () => undefined); // idle clients die when a test drops its database
  const store = new PostgresEventStore({ pool });
  const env = validateEnvironment({
    PUBLIC_BASE_URL: 'https://scim.example.test',
    OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
    ...options.env,
  });

  @Global()
  @Module({
    providers: [
      { provide: APP_CONFIG, useValue: env },
      { provide: PG_POOL, useValue: pool },
      { provide: EVENT_STORE, useValue: store },
      { provide: LOGGER, useValue: pino({ level: 'silent' }) },
      { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
      // Authentication's cache listens for tenant changes on it (TenantAuthStates).
      { provide: 'DATABASE_URL', useValue: databaseUrl },
    ],
    exports: [APP_CONFIG, PG_POOL, EVENT_STORE, LOGGER, METRICS_REGISTRY, 'DATABASE_URL'],
  })
  class TestInfrastructure {}

  // With controllers: an HTTP app shaped like the gateway (its body parsing and SCIM exception filter).
  let builder = Test.createTestingModule({
    imports: [TestInfrastructure, CqrsModule.forRoot(), TenancyModule],
    controllers: options.controllers ?? [],
    providers: [
      ...TENANT_COMMAND_HANDLERS,
      ...(options.controllers ? [{ provide: APP_FILTER, useClass: ScimExceptionFilter }] : []),
    ],
  });
  if (options.clock) builder = builder.overrideProvider(TENANCY_CLOCK).useValue(options.clock);
  const module = await builder.compile();
  let app: INestApplication | undefined;
  let baseUrl = '';
  if (options.controllers) {
    app = module.createNestApplication(new ServiceHttpAdapter(), { bodyParser: false, logger: false });
    configureHttp(app, env.MAX_PAYLOAD_BYTES);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  } else {
    await module.init();
  }
  return {
    module,
    pool,
    baseUrl,
    app,
    get: (type) => module.get(type),
    async close() {
      await (app ?? module).close();
      await store.close();
      await pool.end();
    },
  };
}
