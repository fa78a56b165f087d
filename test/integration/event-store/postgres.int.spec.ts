import { PostgresEventStore } from '@lib/event-store';
import { describeEventStoreContract } from '../../../libs/event-store/src/testing/contract';
import { createTestDatabase } from '../../support/database';

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
