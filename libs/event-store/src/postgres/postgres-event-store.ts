import { Client, Pool } from 'pg';
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
import { AppendBatcher, type AppendStats } from './append/append-batcher';
import type { TimeSource } from './append/plan-appends';
import { EVENTS_APPENDED_CHANNEL } from './append/write-appends';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';

export { EVENTS_APPENDED_CHANNEL } from './append/write-appends';

export interface PostgresEventStoreOptions {
  /** Either a connection string (the store owns its pool) or a pool owned by the caller. */
  connectionString?: string;
  pool?: Pool;
  /** Pool size when the store creates the pool. */
  maxConnections?: number;
  /** Subscriptions poll this often when no notification arrives (a lost LISTEN connection). */
  pollIntervalMs?: number;
  /**
   * Where event time comes from: the database clock (the default), or the appender's
   * `occurredAt` (importing a history, deterministic tests). Either way it never goes backwards
   * along the log.
   */
  timeSource?: TimeSource;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event store on PostgreSQL (schema: migrations/). Appends go through a group commit
 * (append/append-batcher.ts): concurrent appends share one transaction that takes the single
 * global-position counter row; that row lock orders the flushes of every process, makes the
 * idempotency and expected-revision checks race-free, and makes positions visible in order.
 */
export class PostgresEventStore implements EventStore {
  readonly capabilities: EventStoreCapabilities = { atomicMultiStreamAppend: true, globallyUniqueEventIds: true };
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly pollIntervalMs: number;
  private readonly batcher: AppendBatcher;
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
    this.batcher = new AppendBatcher(this.pool, { timeSource: options.timeSource ?? 'database' });
  }

  /** Flushes, appends and events written since start (a copy): appends per flush is the group commit's gain. */
  appendStats(): AppendStats {
    return { ...this.batcher.stats };
  }

  append(streamId: string, expectedRevision: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    return this.appendMany([{ streamId, expectedRevision, events }]);
  }

  async appendMany(requests: AppendToStream[]): Promise<AppendResult> {
    const events = requests.flatMap((r) => r.events);
    const ids = events.map((e) => e.eventId);
    if (new Set(ids).size !== ids.length) throw new DuplicateEventIdError(ids.filter((id, i) => ids.indexOf(id) !== i));
    const malformed = ids.find((id) => !UUID.test(id));
    if (malformed !== undefined) throw new TypeError(`event id ${JSON.stringify(malformed)} is not a UUID`);
    // Guards only: nothing to write or order, so no need to queue for the counter lock.
    if (events.length === 0) return this.checkGuards(requests);
    return this.batcher.append(requests);
  }

  /** The revision of each stream now, checked against the guards; the head as the position. */
  private async checkGuards(requests: AppendToStream[]): Promise<AppendResult> {
    const { rows } = await this.pool.query<{ kind: 'stream' | 'head'; stream_id: string | null; value: string }>(
      `SELECT 'stream' AS kind, stream_id, revision::text AS value FROM streams WHERE stream_id = ANY($1::text[])
       UNION ALL SELECT 'head', NULL, last_position::text FROM event_store_position WHERE id = 1`,
      [[...new Set(requests.map((r) => r.streamId))]],
    );
    const revisions = new Map(rows.filter((r) => r.kind === 'stream').map((r) => [r.stream_id!, Number(r.value)]));
    for (const request of requests)
      checkExpectedRevision(request.streamId, request.expectedRevision, revisions.get(request.streamId) ?? NO_STREAM);
    return {
      streams: requests.map((r) => ({
        streamId: r.streamId,
        nextExpectedRevision: revisions.get(r.streamId) ?? NO_STREAM,
      })),
      lastGlobalPosition: Number(rows.find((r) => r.kind === 'head')?.value ?? 0),
    };
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision`,
      [streamId, fromRevision],
    );
    return result.rows.map(toRecordedEvent);
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | null> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_revision DESC LIMIT 1`,
      [streamId],
    );
    return result.rows[0] ? toRecordedEvent(result.rows[0]) : null;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const result =
      options.tenantId === undefined
        ? await this.pool.query<EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
            [options.after, options.maxCount],
          )
        : await this.pool.query<EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM events WHERE tenant_id = $3 AND global_position > $1 ORDER BY ` +
              `global_position LIMIT $2`,
            [options.after, options.maxCount, options.tenantId],
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
    const result = await this.pool.query<{ last_position: string }>(
      'SELECT last_position FROM event_store_position WHERE id = 1',
    );
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
}
