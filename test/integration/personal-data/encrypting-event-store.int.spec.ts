import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@lib/event-store';
import { EncryptingEventStore, LocalKeyEncryptionKeys, PersonalDataCodec, PgDataKeys } from '@lib/personal-data';
import { describeEventStoreContract } from '../../../libs/event-store/src/testing/contract';
import { createTestDatabase } from '../../support/database';

jest.setTimeout(60_000);

// The decorator keeps every promise of the port: the contract suite, run through it.
describeEventStoreContract('PostgreSQL behind the personal-data codec', async () => {
  const db = await createTestDatabase();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const kek = new LocalKeyEncryptionKeys(randomBytes(32));
  const stores: EncryptingEventStore[] = [];
  const connect = async () => {
    const store = new EncryptingEventStore(
      new PostgresEventStore({ connectionString: db.url, maxConnections: 4 }),
      new PersonalDataCodec(new PgDataKeys(pool, kek)),
    );
    stores.push(store);
    return store;
  };
  return {
    store: await connect(),
    connect,
    async dispose() {
      await Promise.all(stores.map((s) => s.close()));
      await pool.end();
      await db.drop();
    },
  };
});
