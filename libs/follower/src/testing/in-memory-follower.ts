import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@lib/event-store';
import { EventFailure, LeaseLostError } from '../errors/error-kinds';
import type { LeaderLease, LeaseSession } from '../lease/leader-lease';
import {
  HOLDING_STATUSES,
  type NewParkedEvent,
  type ParkedEvent,
  type ParkedStatus,
  type ResolvedStatus,
} from '../parking/parked-event';
import type { ParkingStore } from '../parking/pg-parking-store';
import type { ApplyRequest, EventSource, FollowerHandler } from '../runtime/follower-handler';
import type { FollowerStatusRow, FollowerStore } from '../runtime/follower-store';

/**
 * In-memory stand-ins for the runtime's ports, for unit tests of its algorithm: a transaction
 * is a staging area that is committed only when the work and the runtime's bookkeeping succeed.
 */
export interface FakeClient {
  onCommit(effect: () => void): void;
}

export class FakeLeaseAuthority {
  epoch = 0;
  holder: string | null = null;

  lease(instance: string): LeaderLease & { loseSession(reason?: string): void; unreachable: boolean } {
    let current: { lose(reason: string): void } | null = null;
    const lease = {
      unreachable: false,
      tryAcquire: async (): Promise<LeaseSession | null> => {
        if (lease.unreachable) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        if (this.holder !== null && this.holder !== instance) return null;
        this.holder = instance;
        const epoch = ++this.epoch;
        let lostReason: string | null = null;
        let signal!: (reason: string) => void;
        const lost = new Promise<string>((resolve) => (signal = resolve));
        const lose = (reason: string) => {
          if (lostReason !== null) return;
          lostReason = reason;
          if (this.holder === instance) this.holder = null;
          signal(reason);
        };
        current = { lose };
        return { epoch, lost, isLost: () => lostReason !== null, release: async () => lose('released') };
      },
      close: async () => undefined,
      loseSession: (reason = 'connection lost') => current?.lose(reason),
    };
    return lease;
  }
}

export class InMemoryParkingStore implements ParkingStore {
  readonly rows: ParkedEvent[] = [];
  private nextId = 1;

  async holding(_db: unknown, follower: string): Promise<ParkedEvent[]> {
    return this.rows
      .filter((r) => r.follower === follower && HOLDING_STATUSES.includes(r.status))
      .map((r) => ({ ...r }));
  }

  async requests(_db: unknown, follower: string): Promise<ParkedEvent[]> {
    return this.rows
      .filter((r) => r.follower === follower && (r.status === 'retry_requested' || r.status === 'skip_requested'))
      .map((r) => ({ ...r }));
  }

  async park(client: PoolClient, entry: NewParkedEvent): Promise<ParkedEvent> {
    const row: ParkedEvent = {
      ...entry,
      id: this.nextId++,
      parkedAt: new Date().toISOString(),
      status: 'parked',
      attempts: 1,
      replayedThrough: null,
      requestedBy: null,
      requestedAt: null,
      resolvedAt: null,
    };
    (client as unknown as FakeClient).onCommit(() => this.rows.push(row));
    return { ...row };
  }

  async repark(client: PoolClient, id: number, error: string): Promise<void> {
    (client as unknown as FakeClient).onCommit(() =>
      Object.assign(this.row(id), {
        status: 'parked',
        error,
        attempts: this.row(id).attempts + 1,
        replayedThrough: null,
      }),
    );
  }

  async recordProgress(client: PoolClient, id: number, through: number): Promise<void> {
    (client as unknown as FakeClient).onCommit(() => (this.row(id).replayedThrough = through));
  }

  async resolve(client: PoolClient, id: number, status: ResolvedStatus): Promise<void> {
    (client as unknown as FakeClient).onCommit(() =>
      Object.assign(this.row(id), { status, resolvedAt: new Date().toISOString() }),
    );
  }

  async supersede(client: PoolClient, id: number, status: ResolvedStatus, next: NewParkedEvent) {
    await this.resolve(client, id, status);
    return this.park(client, next);
  }

  /** What the admin API does. */
  request(id: number, status: Extract<ParkedStatus, 'retry_requested' | 'skip_requested'>): void {
    Object.assign(this.row(id), { status, requestedBy: 'operator', requestedAt: new Date().toISOString() });
  }

  private row(id: number): ParkedEvent {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`no parked event ${id}`);
    return row;
  }
}

export class InMemoryFollowerStore implements FollowerStore {
  readonly parking = new InMemoryParkingStore();
  readonly reader = { query: async () => ({ rows: [] }) } as never;
  readonly statuses: FollowerStatusRow[] = [];
  /** Makes the next N pings fail as an unreachable database would. */
  failPings = 0;
  /** While true, every transaction fails as an unreachable database would. */
  down = false;

  constructor(private readonly authority: FakeLeaseAuthority) {}

  async transaction<T>(follower: string, epoch: number, work: (client: PoolClient) => Promise<T>): Promise<T> {
    if (this.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    if (epoch !== this.authority.epoch) throw new LeaseLostError(follower, epoch);
    const effects: Array<() => void> = [];
    const client: FakeClient = { onCommit: (effect) => effects.push(effect) };
    const result = await work(client as unknown as PoolClient);
    if (epoch !== this.authority.epoch) throw new LeaseLostError(follower, epoch);
    for (const effect of effects) effect();
    return result;
  }

  async ping(): Promise<void> {
    if (this.down || this.failPings-- > 0) throw Object.assign(new Error('Connection terminated unexpectedly'), {});
  }

  async saveStatus(status: FollowerStatusRow): Promise<void> {
    this.statuses.push(status);
  }
}

/** A handler that records what it applied, with its checkpoint, and fails on the events a test names. */
export class RecordingHandler implements FollowerHandler {
  readonly applied: RecordedEvent[] = [];
  checkpointPosition = 0;
  /** eventId -> how it fails (a function so a test can make it fail a few times, or differently). */
  readonly failures = new Map<string, () => Error | null>();
  /** Name the failing event (EventFailure) or throw a bare error (the runtime bisects). */
  nameTheEvent = true;
  calls = 0;

  constructor(readonly name = 'recording') {}

  async checkpoint(): Promise<number> {
    return this.checkpointPosition;
  }

  async apply(request: ApplyRequest): Promise<void> {
    this.calls++;
    await request.transaction(async (client) => {
      for (const event of request.events) {
        const failure = this.failures.get(event.eventId)?.() ?? null;
        if (failure) throw this.nameTheEvent ? new EventFailure(event, failure.message, { cause: failure }) : failure;
      }
      (client as unknown as FakeClient).onCommit(() => {
        this.applied.push(...request.events);
        if (request.through !== null) this.checkpointPosition = request.through;
      });
    });
  }
}

export function arraySource(events: RecordedEvent[]): EventSource {
  return {
    readAll: async ({ after, maxCount }) => events.filter((e) => e.globalPosition > after).slice(0, maxCount),
    headPosition: async () => events.at(-1)?.globalPosition ?? 0,
  };
}

let counter = 0;

export function event(tenantId: string, position: number, type = 'Something'): RecordedEvent {
  return {
    eventId: `e-${position}-${++counter}`,
    type,
    data: { tenantId },
    metadata: {
      tenantId,
      actor: { kind: 'system' },
      requestId: 'r',
      correlationId: 'r',
      causationId: 'r',
      occurredAt: new Date(0).toISOString(),
      schemaVersion: 1,
    },
    streamId: `s-${tenantId}`,
    streamRevision: position,
    globalPosition: position,
    recordedAt: new Date(0),
  };
}
