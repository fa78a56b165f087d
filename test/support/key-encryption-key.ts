import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore, type EventStore } from '@lib/event-store';
import { EncryptingEventStore, LocalKeyEncryptionKeys, PersonalDataCodec, PgDataKeys } from '@lib/personal-data';

/**
 * The key-encryption key the services a test starts use (KEY_ENCRYPTION_KEY), one per test
 * process, so a test can read the log those services wrote through the same codec.
 */
export function testKeyEncryptionKey(): string {
  process.env.SCIM_TEST_KEY_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  return process.env.SCIM_TEST_KEY_ENCRYPTION_KEY;
}

/** The PostgreSQL event store as the service sees it: behind the personal-data codec, with the test's KEK. */
export function serviceEventStore(
  pool: Pool,
  key = testKeyEncryptionKey(),
): { store: EventStore; keys: PgDataKeys; codec: PersonalDataCodec; adapter: PostgresEventStore } {
  const adapter = new PostgresEventStore({ pool });
  const keys = new PgDataKeys(pool, new LocalKeyEncryptionKeys(Buffer.from(key, 'base64')));
  const codec = new PersonalDataCodec(keys);
  return { store: new EncryptingEventStore(adapter, codec), keys, codec, adapter };
}
