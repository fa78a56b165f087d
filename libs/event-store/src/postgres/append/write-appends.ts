import type { PoolClient } from 'pg';
import type { AppendToStream } from '../../event-store.port';
import { planAppends, type AppendPlan, type StoreSnapshot, type StoredEvent, type TimeSource } from './plan-appends';

export const EVENTS_APPENDED_CHANNEL = 'events_appended';

/**
 * One flush: the queued appends of this store instance in ONE transaction. The counter row lock
 * orders flushes (of every process), so positions are gap-free and become visible in commit
 * order; every check (expected revisions, stored event ids) runs under it, race-free. Four round
 * trips and one WAL flush, however many appends the flush carries: that is the group commit.
 * The caller owns BEGIN/COMMIT.
 */
export async function writeAppends(client: PoolClient, appends: readonly AppendToStream[][], timeSource: TimeSource): Promise<AppendPlan> {
  const locked = await lockCounter(client);
  const streamIds = [...new Set(appends.flatMap((requests) => requests.map((r) => r.streamId)))];
  const eventIds = appends.flatMap((requests) => requests.flatMap((r) => r.events.map((e) => e.eventId)));
  const { revisions, stored } = await readStreamsAndStoredEvents(client, streamIds, eventIds);
  const plan = planAppends({ ...locked, revisions, stored }, appends, timeSource);
  if (plan.rows.length > 0) await insertRows(client, plan);
  return plan;
}

/** Takes the counter row, then reads the clock: after the lock, so a stamp is never earlier than a commit it waited for. */
async function lockCounter(client: PoolClient): Promise<Pick<StoreSnapshot, 'head' | 'lastStamp' | 'now'>> {
  // No parameters: one simple-protocol round trip for both statements, run in order.
  const results = (await client.query(
    `SELECT last_position, extract(epoch FROM greatest(last_stamp, 'epoch')) * 1000 AS last_ms FROM event_store_position WHERE id = 1 FOR UPDATE;
     SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now_ms`,
  )) as unknown as Array<{ rows: Array<Record<string, string>> }>;
  const counter = results[0].rows[0];
  return { head: Number(counter.last_position), lastStamp: Math.floor(Number(counter.last_ms)), now: Math.floor(Number(results[1].rows[0].now_ms)) };
}

/** The current revision of each stream, and which of the event ids are stored already: one round trip. */
async function readStreamsAndStoredEvents(client: PoolClient, streamIds: string[], eventIds: string[]): Promise<Pick<StoreSnapshot, 'revisions' | 'stored'>> {
  const result = await client.query<{ kind: 'stream' | 'event'; stream_id: string; revision: number; event_id: string | null; global_position: string | null }>(
    `SELECT 'stream' AS kind, stream_id, revision, NULL::uuid AS event_id, NULL::bigint AS global_position FROM streams WHERE stream_id = ANY($1::text[])
     UNION ALL
     SELECT 'event', stream_id, stream_revision, event_id, global_position FROM events WHERE event_id = ANY($2::uuid[])`,
    [streamIds, eventIds],
  );
  const revisions = new Map<string, number>();
  const stored = new Map<string, StoredEvent>();
  for (const row of result.rows) {
    if (row.kind === 'stream') revisions.set(row.stream_id, row.revision);
    else stored.set(row.event_id!, { eventId: row.event_id!, streamId: row.stream_id, revision: row.revision, position: Number(row.global_position) });
  }
  return { revisions, stored };
}

/**
 * Events, stream revisions, the counter (position and time) and the notification in one
 * statement; the notification is delivered at commit, in commit order, to every listener.
 */
async function insertRows(client: PoolClient, plan: AppendPlan): Promise<void> {
  const { rows } = plan;
  const written = [...new Set(rows.map((r) => r.streamId))];
  await client.query(
    `WITH appended AS (
       INSERT INTO events (global_position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at, tenant_id)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::text[])
     ), revised AS (
       INSERT INTO streams (stream_id, revision) SELECT * FROM unnest($10::text[], $11::int[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
     ), moved AS (
       UPDATE event_store_position SET last_position = $12, last_stamp = $13 WHERE id = 1
     )
     SELECT pg_notify($14, $12::text)`,
    [
      rows.map((r) => r.position),
      rows.map((r) => r.streamId),
      rows.map((r) => r.revision),
      rows.map((r) => r.event.eventId),
      rows.map((r) => r.event.type),
      rows.map((r) => JSON.stringify(r.event.data)),
      rows.map((r) => JSON.stringify(r.metadata)),
      rows.map((r) => r.recordedAt),
      rows.map((r) => r.metadata.tenantId ?? null),
      written,
      written.map((streamId) => plan.revisions.get(streamId)),
      plan.head,
      new Date(plan.lastStamp),
      EVENTS_APPENDED_CHANNEL,
    ],
  );
}
