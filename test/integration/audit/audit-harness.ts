import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  PostgresEventStore,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type PostgresEventStoreOptions,
} from '@lib/event-store';
import { EncryptingEventStore, LocalKeyEncryptionKeys, PersonalDataCodec, PgDataKeys } from '@lib/personal-data';
import { AuditProjector, AuditQueries, toAuditEvent, type AuditEvent } from '@lib/audit';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import type { GeneratedEvent } from '../../../libs/audit/src/testing/history-generator';

/** A fresh database with the event store, the audit projector running, and the queries. */
export interface AuditHarness {
  database: TestDatabase;
  pool: Pool;
  store: EventStore;
  /** The data keys, when the log is encrypted (`encrypted: true`). */
  keys: PgDataKeys | null;
  projector: AuditProjector;
  queries: AuditQueries;
  append(events: GeneratedEvent[]): Promise<void>;
  /** Waits until the projector has applied everything in the store. */
  settle(): Promise<void>;
  allEvents(): Promise<AuditEvent[]>;
  close(): Promise<void>;
}

/**
 * `encrypted`: the store is behind the personal-data codec, as in the service. `timeSource`: by
 * default the events keep the times they carry, as an import would (the generated histories carry
 * their own); 'database' stamps commit-ordered time, as the service does.
 */
export async function startAuditHarness(
  options: { batchSize?: number; encrypted?: boolean; timeSource?: PostgresEventStoreOptions['timeSource'] } = {},
): Promise<AuditHarness> {
  const database = await createTestDatabase();
  const pool = new Pool({ connectionString: database.url, max: 8 });
  // Dropping the database at the end ends idle connections; that is expected, not a failure.
  pool.on('error', () => undefined);
  // With 'metadata', the store keeps the events' own times (never going back per tenant).
  const adapter = new PostgresEventStore({ pool, pollIntervalMs: 50, timeSource: options.timeSource ?? 'metadata' });
  const keys = options.encrypted ? new PgDataKeys(pool, new LocalKeyEncryptionKeys(randomBytes(32))) : null;
  const codec = keys ? new PersonalDataCodec(keys) : null;
  const store: EventStore = codec ? new EncryptingEventStore(adapter, codec) : adapter;
  const projector = new AuditProjector(pool, store, { batchSize: options.batchSize ?? 100 });
  projector.start();
  const harness: AuditHarness = {
    database,
    pool,
    store,
    keys,
    projector,
    queries: new AuditQueries(pool, codec),
    async append(events) {
      // Chunks keep the global order equal to the generated order (appendMany preserves request order).
      for (let i = 0; i < events.length; i += 50) {
        await store.appendMany(
          events
            .slice(i, i + 50)
            .map(({ streamId, event }) => ({ streamId, expectedRevision: 'any', events: [event] })),
        );
      }
    },
    async settle() {
      await projector.waitFor(await store.headPosition(), 30_000);
    },
    async allEvents() {
      const out: RecordedEvent[] = [];
      for (;;) {
        const batch = await store.readAll({ after: out[out.length - 1]?.globalPosition ?? 0, maxCount: 1000 });
        if (batch.length === 0) return out.map(toAuditEvent);
        out.push(...batch);
      }
    },
    async close() {
      await projector.stop();
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
  return harness;
}

export interface ScenarioOptions {
  eventId?: string;
  requestId?: string;
  actor?: EventToAppend['metadata']['actor'];
}

/**
 * An event of `tenantId` for hand-written scenarios: by default a fresh id, sent by an IdP's SCIM key in `req-<type>`.
 */
export function scenarioEvent(
  tenantId: string,
  type: string,
  data: Record<string, unknown>,
  occurredAt: string,
  { eventId = randomUUID(), requestId = `req-${type}`, actor }: ScenarioOptions = {},
): EventToAppend {
  return {
    eventId,
    type,
    data: { tenantId, ...data },
    metadata: {
      tenantId,
      actor: actor ?? { kind: 'scim-key', keyId: 'k1', idpProfile: 'okta' },
      requestId,
      correlationId: requestId,
      causationId: requestId,
      occurredAt,
      schemaVersion: 1,
    },
  };
}

/** A scenario event with the stream it is appended to. */
export function streamEvent(
  tenantId: string,
  streamId: string,
  type: string,
  data: Record<string, unknown>,
  occurredAt: string,
  options: ScenarioOptions = {},
): GeneratedEvent {
  return { streamId, event: scenarioEvent(tenantId, type, data, occurredAt, options) };
}
