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
export async function writeAppends(
  client: PoolClient,
  appends: readonly AppendToStream[][],
  timeSource: TimeSource,
): Promise<AppendPlan> {
  const locked = await lockCounter(client);
  const events = appends.flatMap((requests) => requests.flatMap((r) => r.events));
  const streamIds = [...new Set(appends.flatMap((requests) => requests.map((r) => r.streamId)))];
  const tenantIds = [...new Set(events.map((e) => e.metadata.tenantId))];
  const known = await readStoreState(
    client,
    streamIds,
    events.map((e) => e.eventId),
    tenantIds,
  );
  const plan = planAppends({ ...locked, ...known }, appends, timeSource);
  if (plan.rows.length > 0) await insertRows(client, plan);
  return plan;
}

/**
 * Takes the counter row, then reads the clock: after the lock, so a stamp is never earlier than a commit it waited for.
 */
async function lockCounter(client: PoolClient): Promise<Pick<StoreSnapshot, 'head' | 'now'>> {
  // No parameters: one simple-protocol round trip for both statements, run in order.
  const results = (await client.query(
    `SELECT last_position FROM event_store_position WHERE id = 1 FOR UPDATE;
     SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now_ms`,
  )) as unknown as Array<{ rows: Array<Record<string, string>> }>;
  return { head: Number(results[0].rows[0].last_position), now: Math.floor(Number(results[1].rows[0].now_ms)) };
}

/** The current revision of each stream, which event ids are stored already, and the tenants' clocks: one round trip. */
async function readStoreState(
  client: PoolClient,
  streamIds: string[],
  eventIds: string[],
  tenantIds: string[],
): Promise<Pick<StoreSnapshot, 'revisions' | 'stored' | 'tenantClocks'>> {
  const result = await client.query<{
    kind: 'stream' | 'event' | 'clock';
    id: string;
    revision: number | null;
    event_id: string | null;
    global_position: string | null;
  }>(
    `SELECT 'stream' AS kind, stream_id AS id, revision, NULL::uuid AS event_id, NULL::text AS global_position FROM
    streams WHERE stream_id = ANY($1::text[])
     UNION ALL
     SELECT 'event', stream_id, stream_revision, event_id, global_position::text FROM events WHERE event_id =
     ANY($2::uuid[])
     UNION ALL
     SELECT 'clock', tenant_id, NULL, NULL, floor(extract(epoch FROM last_stamp) * 1000)::text FROM
     event_store_tenant_clocks WHERE tenant_id = ANY($3::text[])`,
    [streamIds, eventIds, tenantIds],
  );
  const revisions = new Map<string, number>();
  const stored = new Map<string, StoredEvent>();
  const tenantClocks = new Map<string, number>();
  for (const row of result.rows) {
    if (row.kind === 'stream') revisions.set(row.id, row.revision!);
    else if (row.kind === 'clock') tenantClocks.set(row.id, Number(row.global_position));
    else
      stored.set(row.event_id!, {
        eventId: row.event_id!,
        streamId: row.id,
        revision: row.revision!,
        position: Number(row.global_position),
      });
  }
  return { revisions, stored, tenantClocks };
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
       INSERT INTO events (global_position, stream_id, stream_revision, event_id, type, data, metadata,
       recorded_at, tenant_id)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[],
       $8::timestamptz[], $9::text[])
     ), revised AS (
       INSERT INTO streams (stream_id, revision) SELECT * FROM unnest($10::text[], $11::int[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
     ), clocked AS (
       INSERT INTO event_store_tenant_clocks (tenant_id, last_stamp) SELECT * FROM unnest($13::text[],
       $14::timestamptz[])
       ON CONFLICT (tenant_id) DO UPDATE SET last_stamp = EXCLUDED.last_stamp
     ), moved AS (
       UPDATE event_store_position SET last_position = $12 WHERE id = 1
     )
     SELECT pg_notify($15, $12::text)`,
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
      [...plan.tenantClocks.keys()],
      [...plan.tenantClocks.values()].map((ms) => new Date(ms)),
      EVENTS_APPENDED_CHANNEL,
    ],
  );
}
