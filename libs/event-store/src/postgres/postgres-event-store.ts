import { Client, Pool, type PoolClient } from 'pg';
import { DuplicateEventIdError } from '../errors';
import type {
  AppendResult,
  AppendToStream,
  EventStore,
  EventStoreCapabilities,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { AppendSignal, startCatchUpSubscription } from '../shared/catch-up-subscription';
import { checkExpectedRevision, NO_STREAM } from '../shared/expected-revision';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';

export const EVENTS_APPENDED_CHANNEL = 'events_appended';

export interface PostgresEventStoreOptions {
  /** Either a connection string (the store owns its pool) or a pool owned by the caller. */
  connectionString?: string;
  pool?: Pool;
  /** Pool size when the store creates the pool. */
  maxConnections?: number;
  /** Subscriptions poll this often when no notification arrives (a lost LISTEN connection). */
  pollIntervalMs?: number;
}

/**
 * The event store on PostgreSQL (schema: migrations/). Every append is one transaction that
 * takes the single global-position counter row first; that row lock orders appenders, makes the
 * idempotency and expected-revision checks race-free, and makes positions visible in order.
 */
export class PostgresEventStore implements EventStore {
  readonly capabilities: EventStoreCapabilities = { atomicMultiStreamAppend: true };
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly pollIntervalMs: number;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<Subscription>();
  private listener: Promise<Client | null> | null = null;
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      if (!options.connectionString) throw new Error('PostgresEventStore needs a connectionString or a pool');
      this.pool = new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
      // An idle connection that dies (a server restart) is dropped by the pool; without a
      // listener its 'error' event would bring the whole process down.
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  append(streamId: string, expectedRevision: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    return this.appendMany([{ streamId, expectedRevision, events }]);
  }

  async appendMany(requests: AppendToStream[]): Promise<AppendResult> {
    const events = requests.flatMap((r) => r.events);
    const ids = events.map((e) => e.eventId);
    if (new Set(ids).size !== ids.length) throw new DuplicateEventIdError(ids.filter((id, i) => ids.indexOf(id) !== i));
    return this.inTransaction(async (client) => {
      // Guards only: nothing to order, so no need to take the counter lock.
      const head = events.length > 0 ? await lockCounter(client) : await readHead(client);
      // Everything below runs while appenders queue on the counter row: one read, one write.
      const { revisions: current, stored } = await readStreamsAndStoredEvents(client, requests.map((r) => r.streamId), ids);
      if (stored.length > 0) return earlierAppend(requests, ids, stored, current);
      const rows: Array<{ position: number; streamId: string; revision: number; event: EventToAppend }> = [];
      let position = head;
      for (const request of requests) {
        const revision = current.get(request.streamId) ?? NO_STREAM;
        checkExpectedRevision(request.streamId, request.expectedRevision, revision);
        request.events.forEach((event, i) => rows.push({ position: ++position, streamId: request.streamId, revision: revision + 1 + i, event }));
        current.set(request.streamId, revision + request.events.length);
      }
      if (rows.length > 0) {
        const written = [...new Set(rows.map((r) => r.streamId))];
        // Events, stream revisions, the head position and the notification in one statement;
        // the notification is delivered at commit, in commit order, to every LISTENing subscriber.
        await client.query(
          `WITH appended AS (
             INSERT INTO events (global_position, stream_id, stream_revision, event_id, type, data, metadata)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])
           ), revised AS (
             INSERT INTO streams (stream_id, revision) SELECT * FROM unnest($8::text[], $9::int[])
             ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
           ), moved AS (
             UPDATE event_store_position SET last_position = $10 WHERE id = 1
           )
           SELECT pg_notify($11, $10::text)`,
          [
            rows.map((r) => r.position),
            rows.map((r) => r.streamId),
            rows.map((r) => r.revision),
            rows.map((r) => r.event.eventId),
            rows.map((r) => r.event.type),
            rows.map((r) => JSON.stringify(r.event.data)),
            rows.map((r) => JSON.stringify(r.event.metadata)),
            written,
            written.map((streamId) => current.get(streamId)),
            position,
            EVENTS_APPENDED_CHANNEL,
          ],
        );
      }
      return {
        streams: requests.map((r) => ({ streamId: r.streamId, nextExpectedRevision: current.get(r.streamId) ?? NO_STREAM })),
        lastGlobalPosition: position,
      };
    });
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision`,
      [streamId, fromRevision],
    );
    return result.rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [options.after, options.maxCount],
    );
    return result.rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    void this.listen();
    const subscription = startCatchUpSubscription(
      { readAll: (o) => this.readAll(o), signal: this.signal, pollIntervalMs: this.pollIntervalMs },
      { ...options, onError: (error) => (this.closed ? undefined : options.onError(error)) },
    );
    this.subscriptions.add(subscription);
    return {
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async headPosition(): Promise<number> {
    const result = await this.pool.query<{ last_position: string }>('SELECT last_position FROM event_store_position WHERE id = 1');
    return Number(result.rows[0].last_position);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    const listener = await this.listener;
    await listener?.end().catch(() => undefined);
    if (this.ownsPool) await this.pool.end();
  }

  /**
   * One LISTEN connection per store, shared by its subscriptions. Losing it only costs latency:
   * subscriptions keep polling, and the next subscribe tries to listen again.
   */
  private listen(): Promise<Client | null> {
    if (this.listener) return this.listener;
    const client = new Client(this.pool.options);
    const listening = client
      .connect()
      .then(async () => {
        client.on('notification', () => this.signal.notify());
        client.on('error', () => {
          this.listener = null;
          void client.end().catch(() => undefined);
        });
        await client.query(`LISTEN ${EVENTS_APPENDED_CHANNEL}`);
        return client;
      })
      .catch(() => {
        this.listener = null;
        void client.end().catch(() => undefined);
        return null;
      });
    this.listener = listening;
    return listening;
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

async function lockCounter(client: PoolClient): Promise<number> {
  const result = await client.query<{ last_position: string }>('SELECT last_position FROM event_store_position WHERE id = 1 FOR UPDATE');
  return Number(result.rows[0].last_position);
}

async function readHead(client: PoolClient): Promise<number> {
  const result = await client.query<{ last_position: string }>('SELECT last_position FROM event_store_position WHERE id = 1');
  return Number(result.rows[0].last_position);
}

interface StoredEvent {
  event_id: string;
  stream_id: string;
  stream_revision: number;
  global_position: string;
}

/** The current revision of each stream, and which of the event ids are stored already: one round trip. */
async function readStreamsAndStoredEvents(client: PoolClient, streamIds: string[], eventIds: string[]): Promise<{ revisions: Map<string, number>; stored: StoredEvent[] }> {
  const result = await client.query<{ kind: 'stream' | 'event'; stream_id: string; revision: number; event_id: string | null; global_position: string | null }>(
    `SELECT 'stream' AS kind, stream_id, revision, NULL::uuid AS event_id, NULL::bigint AS global_position FROM streams WHERE stream_id = ANY($1::text[])
     UNION ALL
     SELECT 'event', stream_id, stream_revision, event_id, global_position FROM events WHERE event_id = ANY($2::uuid[])`,
    [[...new Set(streamIds)], eventIds],
  );
  const revisions = new Map<string, number>();
  const stored: StoredEvent[] = [];
  for (const row of result.rows) {
    if (row.kind === 'stream') revisions.set(row.stream_id, row.revision);
    else stored.push({ event_id: row.event_id!, stream_id: row.stream_id, stream_revision: row.revision, global_position: row.global_position! });
  }
  return { revisions, stored };
}

/**
 * A client retry: every event id is stored already, so answer what the first append answered
 * (no duplicate, no expected-revision failure). Some but not all stored: ids reused, an error.
 */
function earlierAppend(requests: AppendToStream[], ids: string[], found: StoredEvent[], revisions: Map<string, number>): AppendResult {
  if (found.length !== ids.length) throw new DuplicateEventIdError(found.map((r) => r.event_id));
  const lastWritten = new Map<string, number>();
  for (const row of found) lastWritten.set(row.stream_id, Math.max(lastWritten.get(row.stream_id) ?? NO_STREAM, row.stream_revision));
  return {
    streams: requests.map((r) => ({
      streamId: r.streamId,
      nextExpectedRevision: r.events.length > 0 ? (lastWritten.get(r.streamId) ?? NO_STREAM) : (revisions.get(r.streamId) ?? NO_STREAM),
    })),
    lastGlobalPosition: Math.max(...found.map((r) => Number(r.global_position))),
  };
}

