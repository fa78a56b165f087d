import { EventStoreDbEventStore } from '@lib/event-store';
import { describeEventStoreContract } from '../../../libs/event-store/src/testing/contract';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED = 'SKIPPED: EventStoreDB contract suite — set EVENTSTORE_CONNECTION_STRING to run it';

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const stores: EventStoreDbEventStore[] = [];
    const connect = async () => {
      const store = new EventStoreDbEventStore(connectionString);
      stores.push(store);
      return store;
    };
    return {
      store: await connect(),
      connect,
      dispose: async () => {
        await Promise.all(stores.map((s) => s.close()));
      },
    };
  });
} else {
  // No EventStoreDB server can run on the development machines: say so plainly instead of passing silently.
  console.warn(SKIPPED);
  describe('EventStore contract: EventStoreDB', () => {
    it(SKIPPED, () => undefined);
  });
}
