import type { Pool } from 'pg';
import { PostgresEventStore, type EventStore } from '@lib/event-store';
import type { Environment } from '../config/environment';

/** The configured event store adapter: PostgreSQL (default, embedded) or EventStoreDB. */
export function createEventStore(env: Environment, databaseUrl: string, pool: Pool): EventStore {
  if (env.EVENT_STORE === 'eventstoredb') {
    throw new Error('EVENT_STORE=eventstoredb: adapter not wired yet');
  }
  return new PostgresEventStore({ pool, connectionString: databaseUrl });
}
