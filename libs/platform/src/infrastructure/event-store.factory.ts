import type { Pool } from 'pg';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@lib/event-store';
import type { Environment } from '../config/environment';

/**
 * The configured event store adapter: PostgreSQL (default, the embedded quickstart's) or
 * EventStoreDB/KurrentDB. Read models, checkpoints and the provisioning log stay in PostgreSQL
 * either way.
 */
export function createEventStore(env: Environment, databaseUrl: string, pool: Pool): EventStore {
  if (env.EVENT_STORE === 'eventstoredb') return new EventStoreDbEventStore(env.EVENTSTORE_CONNECTION_STRING as string);
  return new PostgresEventStore({ pool, connectionString: databaseUrl });
}
