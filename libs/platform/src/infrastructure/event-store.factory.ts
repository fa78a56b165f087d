import type { Pool } from 'pg';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@lib/event-store';
import {
  EncryptingEventStore,
  keyEncryptionKeysFromSettings,
  PersonalDataCodec,
  PgDataKeys,
  type KeyEncryptionKeyProvider,
} from '@lib/personal-data';
import type { Environment } from '../config/environment';

export interface ServiceEventStore {
  /** What the whole service reads and appends through: the adapter behind the personal-data codec. */
  store: EventStore;
  /** The data keys (null only with PERSONAL_DATA_ENCRYPTION=off-for-benchmarks). */
  keys: PgDataKeys | null;
  codec: PersonalDataCodec | null;
}

/**
 * The configured event store adapter: PostgreSQL (default, the embedded quickstart's) or
 * EventStoreDB/KurrentDB, behind the personal-data codec, so that both store only ciphertext
 * for personal attributes. Read models, checkpoints, data keys and the provisioning log stay in
 * PostgreSQL either way.
 */
export function createServiceEventStore(
  env: Environment,
  databaseUrl: string,
  pool: Pool,
  kek?: KeyEncryptionKeyProvider,
): ServiceEventStore {
  const adapter: EventStore =
    env.EVENT_STORE === 'eventstoredb'
      ? new EventStoreDbEventStore(env.EVENTSTORE_CONNECTION_STRING as string)
      : new PostgresEventStore({ pool, connectionString: databaseUrl });
  if (env.PERSONAL_DATA_ENCRYPTION === 'off-for-benchmarks') return { store: adapter, keys: null, codec: null };
  // On PostgreSQL the events go to the same server after their key: their commit flushes the key's too.
  const keyCommit = env.EVENT_STORE === 'eventstoredb' ? 'durable' : 'flushed-with-the-events';
  const keys = new PgDataKeys(pool, kek ?? keyEncryptionKeysFromSettings(env).keys, {
    cacheSize: env.PERSONAL_DATA_KEY_CACHE_SIZE,
    keyCommit,
  });
  const codec = new PersonalDataCodec(keys);
  return { store: new EncryptingEventStore(adapter, codec), keys, codec };
}

/** The service's event store alone (CLIs such as the rebuild). */
export function createEventStore(env: Environment, databaseUrl: string, pool: Pool): EventStore {
  return createServiceEventStore(env, databaseUrl, pool).store;
}
