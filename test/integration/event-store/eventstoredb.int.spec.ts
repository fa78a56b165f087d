import { EventStoreDbEventStore } from '@lib/event-store';
import { describeEventStoreContract } from '../../../libs/event-store/src/testing/contract';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

// No EventStoreDB server can run on the development machines: without a connection string every
// case of the shared contract is reported by jest as skipped, never as passed. With one
// (e.g. esdb://localhost:2113?tls=false) the same suite as PostgreSQL's runs against the server.
describeEventStoreContract(
  'EventStoreDB',
  async () => {
    const stores: EventStoreDbEventStore[] = [];
    const connect = async () => {
      const store = new EventStoreDbEventStore(connectionString!);
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
  },
  { skipBecause: connectionString ? undefined : 'EVENTSTORE_CONNECTION_STRING is not set' },
);
