import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { CommandMetadata } from '@lib/domain';
import { PostgresEventStore, type AppendToStream, type EventStore } from '@lib/event-store';
import { writeModelImportsForTests } from '../../../libs/write-model/src/testing';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** A Nest application context with the CQRS write model on a fresh PostgreSQL event store. */
export async function startWriteModel(options: { store?: (inner: EventStore) => EventStore } = {}) {
  const db: TestDatabase = await createTestDatabase();
  const inner = new PostgresEventStore({ connectionString: db.url, maxConnections: 12 });
  const store = options.store ? options.store(inner) : inner;
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const moduleRef = await Test.createTestingModule({
    imports: writeModelImportsForTests(store, pool),
  }).compile();
  const app = await moduleRef.init();
  return {
    db,
    store: inner,
    commandBus: app.get(CommandBus),
    async stop() {
      await app.close();
      await inner.close();
      await pool.end();
      await db.drop();
    },
  };
}

export function metadata(tenantId: string, at = '2026-01-01T00:00:00.000Z'): CommandMetadata {
  const requestId = randomUUID();
  return {
    tenantId,
    actor: { kind: 'scim-key', keyId: 'key-1', idpProfile: 'okta' },
    requestId,
    correlationId: requestId,
    causationId: requestId,
    occurredAt: at,
  };
}

/** The store, with `before` awaited ahead of every appendMany: to slip a write in, or to hold appends back. */
export function beforeEachAppend(
  inner: EventStore,
  before: (requests: AppendToStream[]) => Promise<void> | void,
): EventStore {
  return new Proxy(inner, {
    get: (target, key, receiver) =>
      key === 'appendMany'
        ? async (requests: AppendToStream[]) => {
            await before(requests);
            return target.appendMany(requests);
          }
        : Reflect.get(target, key, receiver),
  });
}
