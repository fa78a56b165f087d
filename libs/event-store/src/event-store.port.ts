/**
 * The event store port: the only way the write model, the projector and the publisher
 * touch the event log. Adapters: PostgreSQL (embedded default, tested) and EventStoreDB.
 */

/** Who and why, carried by every event (see docs/events.md). */
export interface EventMetadata {
  tenantId: string;
  actor: { kind: 'scim-key' | 'operator' | 'system'; keyId?: string; idpProfile?: string };
  requestId: string;
  correlationId: string;
  causationId: string;
  /**
   * ISO-8601 instant. Appenders pass the time of the request; the store replaces it with the
   * commit-ordered time of the append (see `RecordedEvent`) and keeps theirs as `requestedAt`.
   */
  occurredAt: string;
  /** On recorded events: the `occurredAt` the appender passed (the request's start). */
  requestedAt?: string;
  schemaVersion: number;
}

/** An event about to be appended. `eventId` (a UUID) makes appends idempotent. */
export interface EventToAppend {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * An event as the store recorded it. `metadata.occurredAt` follows log order within its tenant:
 * it is stamped inside the append (from the store's clock) and is never earlier than the tenant's
 * event before it in the log, so an interval that starts at one event and ends at a later one
 * never ends before it starts. `metadata.requestedAt` keeps the appender's own time.
 */
export interface RecordedEvent extends EventToAppend {
  streamId: string;
  /** 0-based position within its stream. */
  streamRevision: number;
  /** Position in the global log: strictly increasing, and a reader never sees a lower one appear later. */
  globalPosition: number;
  recordedAt: Date;
}

/**
 * What the appender believes about the stream: its current revision (0-based, the revision of
 * the last event), or one of the symbolic states.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendToStream {
  streamId: string;
  expectedRevision: ExpectedRevision;
  /** May be empty: then the append only checks the expected revision (a guard). */
  events: EventToAppend[];
}

export interface AppendResult {
  /** The revision of each stream after the append, in request order. */
  streams: Array<{ streamId: string; nextExpectedRevision: number }>;
  /** Global position of the last event written (or already present, for an idempotent retry). */
  lastGlobalPosition: number;
}

export interface EventStoreCapabilities {
  /** true when `appendMany` is all-or-nothing across streams. */
  atomicMultiStreamAppend: boolean;
  /**
   * true when an event id is unique in the whole store, so a retry that names stored ids in
   * another stream is refused (DuplicateEventIdError). false: ids are checked per stream only.
   */
  globallyUniqueEventIds: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: events with a global position greater than this. 0 reads from the start. */
  after: number;
  maxCount: number;
  /** Only the events of this tenant (`metadata.tenantId`), still in global order. */
  tenantId?: string;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive start position (a checkpoint). */
  after: number;
  /** Called with events in global order; the next batch is read only after the promise resolves. */
  onEvents(events: RecordedEvent[]): Promise<void>;
  /** A handler or transport failure; the subscription has stopped. */
  onError(error: Error): void;
  batchSize?: number;
}

export interface EventStore {
  readonly capabilities: EventStoreCapabilities;
  append(streamId: string, expectedRevision: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult>;
  /** Several streams in one request; atomic where `capabilities.atomicMultiStreamAppend`. */
  appendMany(requests: AppendToStream[]): Promise<AppendResult>;
  /** The whole stream in revision order, or [] when it does not exist. */
  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /** The stream's newest event (its revision and position), or null when it does not exist. One cheap read. */
  readLastEvent(streamId: string): Promise<RecordedEvent | null>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up from `after`, then live. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Global position of the newest event, 0 when the log is empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A store that changes events on their way out (the personal-data codec over an adapter). Readers
 * that share one read of the log (the followers of a process) read the adapter's events and ask
 * for the view they need, so only a reader that needs personal data in clear pays for opening it.
 */
export interface ReadViews {
  /** The adapter: events as stored. */
  readonly inner: EventStore;
  /** The events as this store's own reads give them (personal data in clear). */
  openedView(events: RecordedEvent[]): Promise<RecordedEvent[]>;
  /**
   * The events without their personal data opened: what stays readable after an erasure (ids,
   * `active`, the paths of changed attributes), the sealed personal data still attached. No key is
   * read; an event whose person was erased reads as it does through `openedView`.
   */
  sealedView(events: RecordedEvent[]): RecordedEvent[];
}

/** The store's read views, when it has them (see ReadViews). */
export function readViewsOf(store: object): ReadViews | null {
  const candidate = store as Partial<ReadViews>;
  return typeof candidate.openedView === 'function' &&
    typeof candidate.sealedView === 'function' &&
    typeof candidate.inner === 'object' &&
    candidate.inner !== null
    ? (candidate as ReadViews)
    : null;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
