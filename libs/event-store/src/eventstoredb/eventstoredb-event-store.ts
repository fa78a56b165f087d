import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  AppendToStream,
  EventMetadata,
  EventStore,
  EventStoreCapabilities,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { checkExpectedRevision, NO_STREAM as NO_REVISION } from '../shared/expected-revision';

/** How far back an append looks for its own event ids, to answer a client retry idempotently. */
const RETRY_WINDOW = 64;

/**
 * The event store on EventStoreDB / KurrentDB: one stream per aggregate, `$all` (system events
 * filtered out) as the global log, and the commit position as the global position.
 *
 * Event time: the server stamps `created` when its single writer writes the event, in log order;
 * recorded events carry it as `metadata.occurredAt` and the appender's time as `requestedAt`.
 * (A server clock stepped backwards would break the order; PostgreSQL guards it, this cannot.)
 *
 * Not atomic across streams: `appendMany` appends one stream after the other, in request order,
 * and an empty append (a guard) is a read of the stream's revision, not a server-side check.
 * The write model orders its appends so an interruption leaves only recoverable states
 * (see docs/event-store.md).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly capabilities: EventStoreCapabilities = { atomicMultiStreamAppend: false, globallyUniqueEventIds: false };
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, expectedRevision: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    if (events.length === 0) {
      const revision = await this.currentRevision(streamId);
      checkExpectedRevision(streamId, expectedRevision, revision);
      return { streams: [{ streamId, nextExpectedRevision: revision }], lastGlobalPosition: await this.headPosition() };
    }
    const earlier = await this.earlierAppend(streamId, events);
    if (earlier) return earlier;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.eventId,
            type: e.type,
            data: e.data,
            metadata: e.metadata as unknown as Record<string, unknown>,
          }),
        ),
        { expectedRevision: toEsdbRevision(expectedRevision) },
      );
      return {
        streams: [{ streamId, nextExpectedRevision: Number(result.nextExpectedRevision) }],
        lastGlobalPosition: result.position ? Number(result.position.commit) : await this.headPosition(),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : String(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, String(expectedRevision), actual);
      }
      throw error;
    }
  }

  /** Sequential, in request order; a failure leaves the earlier streams appended. */
  async appendMany(requests: AppendToStream[]): Promise<AppendResult> {
    const streams: AppendResult['streams'] = [];
    let lastGlobalPosition = 0;
    for (const request of requests) {
      const result = await this.append(request.streamId, request.expectedRevision, request.events);
      streams.push(...result.streams);
      if (request.events.length > 0) lastGlobalPosition = Math.max(lastGlobalPosition, result.lastGlobalPosition);
    }
    if (lastGlobalPosition === 0) lastGlobalPosition = await this.headPosition();
    return { streams, lastGlobalPosition };
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(fromRevision),
        direction: FORWARDS,
      })) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        const event = toRecordedEvent(resolved);
        if (event) return event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  /** `tenantId` is filtered here, on the client: `$all` has no index by tenant (a scan of the range). */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from: ReadPosition = options.after === 0 ? START : position(options.after);
    // fromPosition is inclusive and system events are skipped: read pages until enough are found.
    for (;;) {
      let read = 0;
      let last: AllStreamRecordedEvent | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: options.maxCount + 1,
        direction: FORWARDS,
      })) {
        read++;
        if (!resolved.event) continue;
        last = resolved.event;
        const commit = Number(resolved.event.position.commit);
        if (commit <= options.after || isSystem(resolved.event)) continue;
        const event = toRecordedEvent(resolved);
        if (event && (options.tenantId === undefined || event.metadata.tenantId === options.tenantId))
          events.push(event);
        if (events.length === options.maxCount) return events;
      }
      if (read <= 1 || !last) return events;
      from = last.position;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after === 0 ? START : position(options.after),
      filter: excludeSystemEvents(),
    });
    let closed = false;
    const run = async () => {
      for await (const resolved of subscription) {
        if (closed) return;
        if (!resolved.event || Number(resolved.event.position.commit) <= options.after) continue;
        const event = toRecordedEvent(resolved);
        // One event per call keeps "the next is read only after the promise resolves" trivially true.
        if (event) await options.onEvents([event]);
      }
    };
    const finished = run().catch((error: unknown) => {
      if (!closed) options.onError(error instanceof Error ? error : new Error(String(error)));
    });
    const handle: Subscription = {
      close: async () => {
        closed = true;
        this.subscriptions.delete(handle);
        await subscription.unsubscribe();
        await Promise.race([finished, new Promise((r) => setTimeout(r, 1000))]);
      },
    };
    this.subscriptions.add(handle);
    return handle;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1000 })) {
      if (resolved.event && !isSystem(resolved.event)) return Number(resolved.event.position.commit);
    }
    return 0;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private async currentRevision(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return NO_REVISION;
      throw error;
    }
    return NO_REVISION;
  }

  /** A retry of an earlier append (all ids at the stream's tail): its original result. Some ids only: an error. */
  private async earlierAppend(streamId: string, events: EventToAppend[]): Promise<AppendResult | null> {
    const ids = new Set(events.map((e) => e.eventId));
    const found: Array<{ revision: number; commit: number }> = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: RETRY_WINDOW + events.length,
      })) {
        if (resolved.event && ids.has(resolved.event.id)) {
          found.push({
            revision: Number(resolved.event.revision),
            commit: Number(resolved.event.position?.commit ?? resolved.commitPosition ?? 0),
          });
        }
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    if (found.length === 0) return null;
    if (found.length !== ids.size)
      throw new DuplicateEventIdError(events.filter((e) => ids.has(e.eventId)).map((e) => e.eventId));
    return {
      streams: [{ streamId, nextExpectedRevision: Math.max(...found.map((f) => f.revision)) }],
      lastGlobalPosition: Math.max(...found.map((f) => f.commit)),
    };
  }
}

function toEsdbRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

function position(commit: number) {
  return { commit: BigInt(commit), prepare: BigInt(commit) };
}

function isSystem(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

function toRecordedEvent(
  resolved: ResolvedEvent | { event?: AllStreamRecordedEvent; commitPosition?: bigint },
): RecordedEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson) return null;
  const commit = event.position?.commit ?? resolved.commitPosition;
  const written = event.metadata as unknown as EventMetadata;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      ...written,
      occurredAt: event.created.toISOString(),
      requestedAt: written.requestedAt ?? written.occurredAt,
    },
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: Number(commit ?? 0),
    recordedAt: event.created,
  };
}
