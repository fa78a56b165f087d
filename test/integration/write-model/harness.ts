import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { CommandMetadata } from '@lib/domain';
import { EVENT_STORE, PostgresEventStore, type EventStore } from '@lib/event-store';
import { MEMBER_DIRECTORY, WriteModelModule } from '@lib/write-model';
import { EventsTableMemberDirectoryForTests } from '../../../libs/write-model/src/testing';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** A Nest application context with the CQRS write model on a fresh PostgreSQL event store. */
export async function startWriteModel(options: { store?: (inner: EventStore) => EventStore } = {}) {
  const db: TestDatabase = await createTestDatabase();
  const inner = new PostgresEventStore({ connectionString: db.url, maxConnections: 12 });
  const store = options.store ? options.store(inner) : inner;
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const moduleRef = await Test.createTestingModule({
    imports: [
      CqrsModule.forRoot(),
      WriteModelModule.register({
        providers: [
          { provide: EVENT_STORE, useValue: store },
          { provide: MEMBER_DIRECTORY, useValue: new EventsTableMemberDirectoryForTests(pool) },
        ],
      }),
    ],
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
