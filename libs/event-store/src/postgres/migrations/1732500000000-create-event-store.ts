import { sqlMigration } from '../../../../platform/src/database/sql-migration';

/**
 * The PostgreSQL event store: an append-only `events` table, the current revision of each stream,
 * and one counter row that hands out global positions.
 *
 * Why a counter row and not a sequence: sequence values are taken at insert time but become
 * visible at commit, so a reader can see position 8 before 7 commits and skip 7 forever. The
 * counter row is updated inside the append transaction; its row lock makes the next appender
 * wait until this one commits, so positions become visible strictly in order (gap-free).
 */
export const CreateEventStore1732500000000 = sqlMigration('CreateEventStore1732500000000', {
  up: [
    `
      CREATE TABLE events (
        global_position bigint PRIMARY KEY,
        stream_id text NOT NULL,
        stream_revision integer NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, stream_revision)
      )`,
    `CREATE TABLE streams (stream_id text PRIMARY KEY, revision integer NOT NULL)`,
    `
      CREATE TABLE event_store_position (
        id smallint PRIMARY KEY CHECK (id = 1),
        last_position bigint NOT NULL
      )`,
    `INSERT INTO event_store_position (id, last_position) VALUES (1, 0)`,
  ],
  down: [`DROP TABLE event_store_position`, `DROP TABLE streams`, `DROP TABLE events`],
});
