import type { Pool } from 'pg';
import { PostgresEventStore, type EventStore } from '@lib/event-store';
import { EncryptingEventStore, LocalKeyEncryptionKeys, PersonalDataCodec, PgDataKeys } from '@lib/personal-data';
import { BENCH_KEY_ENCRYPTION_KEY } from './service';

/**
 * The bench service's event store as the service sees it: the PostgreSQL adapter behind the
 * personal-data codec with the run's key-encryption key. What the orchestrator appends (bulk load)
 * or rebuilds from goes through it, or the service would read the personal data as erased.
 */
export function benchEventStore(pool: Pool): EventStore {
  const keys = new PgDataKeys(pool, new LocalKeyEncryptionKeys(Buffer.from(BENCH_KEY_ENCRYPTION_KEY, 'base64')));
  return new EncryptingEventStore(new PostgresEventStore({ pool }), new PersonalDataCodec(keys));
}
