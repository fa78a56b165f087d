import { PostgresEventStore } from '@lib/event-store';
import { describeEventStoreContract } from '../../../libs/event-store/src/testing/contract';
import { createTestDatabase } from '../../support/database';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  const stores: PostgresEventStore[] = [];
  const connect = async () => {
    const store = new PostgresEventStore({ connectionString: db.url, maxConnections: 4 });
    stores.push(store);
    return store;
  };
  return {
    store: await connect(),
    connect,
    async dispose() {
      await Promise.all(stores.map((s) => s.close()));
      await db.drop();
    },
  };
});
