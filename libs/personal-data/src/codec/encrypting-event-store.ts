import type {
  AppendResult,
  AppendToStream,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadViews,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '@lib/event-store';
import type { PersonalDataCodec } from './personal-data-codec';

/**
 * The event store as every part of the service uses it: any adapter (PostgreSQL, EventStoreDB)
 * behind the personal-data codec. Appends store only ciphertext for personal attributes; reads
 * (streams, the global log, subscriptions) give the clear data, or the erased view once the
 * person's key is destroyed. Deciders, projections, the publisher and rebuilds all read here, so
 * they see the same thing. `inner` is the adapter (for its own capabilities, e.g. LISTEN).
 */
export class EncryptingEventStore implements EventStore, ReadViews {
  constructor(
    readonly inner: EventStore,
    readonly codec: PersonalDataCodec,
  ) {}

  get capabilities(): EventStore['capabilities'] {
    return this.inner.capabilities;
  }

  async append(streamId: string, expectedRevision: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    return this.inner.append(streamId, expectedRevision, await this.codec.encode(events));
  }

  async appendMany(requests: AppendToStream[]): Promise<AppendResult> {
    // One key lookup for every event of every stream of the request.
    const encoded = await this.codec.encode(requests.flatMap((request) => request.events));
    let next = 0;
    return this.inner.appendMany(
      requests.map((request) => ({ ...request, events: encoded.slice(next, (next += request.events.length)) })),
    );
  }

  async readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.codec.decode(await this.inner.readStream(streamId, fromRevision));
  }

  async readLastEvent(streamId: string): Promise<RecordedEvent | null> {
    const last = await this.inner.readLastEvent(streamId);
    return last ? (await this.codec.decode([last]))[0]! : null;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.codec.decode(await this.inner.readAll(options));
  }

  openedView(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return this.codec.decode(events);
  }

  sealedView(events: RecordedEvent[]): RecordedEvent[] {
    return this.codec.sealedView(events);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll({
      ...options,
      onEvents: async (events) => options.onEvents(await this.codec.decode(events)),
    });
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
