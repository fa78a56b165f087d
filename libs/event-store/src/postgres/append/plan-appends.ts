import { DuplicateEventIdError } from '../../errors';
import type { AppendResult, AppendToStream, EventMetadata, EventToAppend } from '../../event-store.port';
import { checkExpectedRevision, NO_STREAM } from '../../shared/expected-revision';

/** An event already in the `events` table, found by its id. */
export interface StoredEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
}

/** What the store held when the flush took the counter lock. */
export interface StoreSnapshot {
  head: number;
  /** Time of each tenant's newest event (ms since epoch): its next stamps are never earlier. */
  tenantClocks: ReadonlyMap<string, number>;
  /** The database clock, read after the lock was taken. */
  now: number;
  revisions: ReadonlyMap<string, number>;
  stored: ReadonlyMap<string, StoredEvent>;
}

export interface EventRow {
  position: number;
  streamId: string;
  revision: number;
  event: EventToAppend;
  /** The metadata as stored: the commit-ordered time, and the appender's own as requestedAt. */
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * Where the time of new events comes from: the database clock, or (history imports, tests) the appender's occurredAt.
 */
export type TimeSource = 'database' | 'metadata';

export type AppendOutcome =
  | { kind: 'result'; result: AppendResult }
  | { kind: 'same-as'; index: number }
  | { kind: 'failed'; error: Error };

export interface AppendPlan {
  rows: EventRow[];
  outcomes: AppendOutcome[];
  /** The counter after the rows. */
  head: number;
  /** The clock of each tenant that got rows. */
  tenantClocks: Map<string, number>;
  /** Each written stream's revision after the plan. */
  revisions: Map<string, number>;
}

/**
 * Decides, in arrival order, what each queued append does against the snapshot taken under the
 * counter lock: written (positions after the head, in order), an idempotent retry of an earlier
 * append (its original result), or failed (a wrong expected revision, or event ids reused). A
 * failed append changes nothing; the others of the flush go on. Pure: no I/O.
 */
export function planAppends(
  snapshot: StoreSnapshot,
  appends: readonly AppendToStream[][],
  timeSource: TimeSource,
): AppendPlan {
  const revisions = new Map(snapshot.revisions);
  const claimedBy = new Map<string, number>();
  const rows: EventRow[] = [];
  const outcomes: AppendOutcome[] = [];
  const clock = new Stamper(snapshot.tenantClocks, snapshot.now, timeSource);
  let head = snapshot.head;

  appends.forEach((requests, index) => {
    try {
      const retry = retryOf(requests, snapshot, claimedBy, revisions);
      if (retry) return outcomes.push(retry);
      const next = new Map<string, number>();
      const revisionOf = (streamId: string) => next.get(streamId) ?? revisions.get(streamId) ?? NO_STREAM;
      const planned: EventRow[] = [];
      for (const request of requests) {
        const revision = revisionOf(request.streamId);
        checkExpectedRevision(request.streamId, request.expectedRevision, revision);
        request.events.forEach((event, i) => {
          const at = clock.stamp(event.metadata.tenantId, event.metadata.occurredAt);
          const metadata = { ...event.metadata, occurredAt: at.toISOString(), requestedAt: event.metadata.occurredAt };
          planned.push({
            position: head + planned.length + 1,
            streamId: request.streamId,
            revision: revision + 1 + i,
            event,
            metadata,
            recordedAt: at,
          });
        });
        next.set(request.streamId, revision + request.events.length);
      }
      for (const [streamId, revision] of next) revisions.set(streamId, revision);
      for (const row of planned) claimedBy.set(row.event.eventId, index);
      rows.push(...planned);
      head += planned.length;
      clock.commit();
      outcomes.push({
        kind: 'result',
        result: {
          streams: requests.map((r) => ({ streamId: r.streamId, nextExpectedRevision: next.get(r.streamId)! })),
          lastGlobalPosition: head,
        },
      });
    } catch (error) {
      clock.rollback();
      outcomes.push({ kind: 'failed', error: error as Error });
    }
  });
  return { rows, outcomes, head, tenantClocks: clock.changed(), revisions };
}

/**
 * A client retry: every event id of the request is stored already (or was just written by an
 * earlier append of this flush), each in the stream the request names. Then the original result,
 * whatever the expected revisions say. Some ids only, or ids stored in other streams: ids reused.
 */
function retryOf(
  requests: readonly AppendToStream[],
  snapshot: StoreSnapshot,
  claimedBy: ReadonlyMap<string, number>,
  revisions: ReadonlyMap<string, number>,
): AppendOutcome | null {
  const streamOfEvent = new Map<string, string>();
  for (const request of requests)
    for (const event of request.events) streamOfEvent.set(event.eventId, request.streamId);
  const ids = [...streamOfEvent.keys()];
  const stored = ids.filter((id) => snapshot.stored.has(id));
  const claimed = ids.filter((id) => claimedBy.has(id));
  if (stored.length === 0 && claimed.length === 0) return null;
  if (stored.length === ids.length) {
    const found = stored.map((id) => snapshot.stored.get(id)!);
    if (found.some((event) => event.streamId !== streamOfEvent.get(event.eventId)))
      throw new DuplicateEventIdError(stored);
    return { kind: 'result', result: originalResult(requests, found, revisions) };
  }
  const earlier = new Set(claimed.map((id) => claimedBy.get(id)));
  if (claimed.length === ids.length && earlier.size === 1) return { kind: 'same-as', index: [...earlier][0]! };
  throw new DuplicateEventIdError([...stored, ...claimed]);
}

function originalResult(
  requests: readonly AppendToStream[],
  found: StoredEvent[],
  revisions: ReadonlyMap<string, number>,
): AppendResult {
  const lastWritten = new Map<string, number>();
  for (const event of found)
    lastWritten.set(event.streamId, Math.max(lastWritten.get(event.streamId) ?? NO_STREAM, event.revision));
  return {
    streams: requests.map((r) => ({
      streamId: r.streamId,
      nextExpectedRevision:
        r.events.length > 0 ? (lastWritten.get(r.streamId) ?? NO_STREAM) : (revisions.get(r.streamId) ?? NO_STREAM),
    })),
    lastGlobalPosition: Math.max(...found.map((event) => event.position)),
  };
}

/**
 * Event time that follows log order within each tenant: each stamp is the source time, but never
 * earlier than the tenant's stamp before it. A failed append's stamps are rolled back so they do
 * not move time on.
 */
class Stamper {
  private readonly committed = new Map<string, number>();
  private pending = new Map<string, number>();

  constructor(
    private readonly initial: ReadonlyMap<string, number>,
    private readonly now: number,
    private readonly source: TimeSource,
  ) {}

  stamp(tenantId: string, requested: string): Date {
    const parsed = Date.parse(requested);
    const wanted = this.source === 'metadata' && Number.isFinite(parsed) ? parsed : this.now;
    const at = Math.max(this.last(tenantId), wanted);
    this.pending.set(tenantId, at);
    return new Date(at);
  }

  commit(): void {
    for (const [tenantId, at] of this.pending) this.committed.set(tenantId, at);
    this.pending = new Map();
  }

  rollback(): void {
    this.pending = new Map();
  }

  /** The tenants whose clock moved, with their new time. */
  changed(): Map<string, number> {
    return new Map(this.committed);
  }

  private last(tenantId: string): number {
    return this.pending.get(tenantId) ?? this.committed.get(tenantId) ?? this.initial.get(tenantId) ?? 0;
  }
}
