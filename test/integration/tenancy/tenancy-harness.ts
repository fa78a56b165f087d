import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Pool } from 'pg';
import { EVENT_STORE, PostgresEventStore } from '@lib/event-store';
import { APP_CONFIG, PG_POOL, validateEnvironment } from '@lib/platform';
import { TENANCY_CLOCK, TenancyModule, type Clock } from '@lib/tenancy';

/** A clock the test moves by hand (rotation grace periods, retention). */
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
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** One "process" of the service: its own pool and event store over the shared test database. */
export async function startTenancy(databaseUrl: string, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TenancyInstance> {
  const pool = new Pool({ connectionString: databaseUrl, max: 5 });
  const store = new PostgresEventStore({ pool });
  const env = validateEnvironment({ PUBLIC_BASE_URL: 'https://scim.example.test', OPERATOR_TOKEN: 'operator-token-for-tests-000000', ...options.env });

  @Global()
  @Module({
    providers: [
      { provide: APP_CONFIG, useValue: env },
      { provide: PG_POOL, useValue: pool },
      { provide: EVENT_STORE, useValue: store },
    ],
    exports: [APP_CONFIG, PG_POOL, EVENT_STORE],
  })
  class TestInfrastructure {}

  let builder = Test.createTestingModule({ imports: [TestInfrastructure, TenancyModule] });
  if (options.clock) builder = builder.overrideProvider(TENANCY_CLOCK).useValue(options.clock);
  const module = await builder.compile();
  await module.init();
  return {
    module,
    pool,
    get: (type) => module.get(type),
    async close() {
      await module.close();
      await store.close();
      await pool.end();
    },
  };
}
