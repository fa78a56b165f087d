import type { Pool } from 'pg';
import type { RecordedEvent } from '@lib/event-store';
import { Backoff, Sleeper } from '../errors/backoff';
import { describeError, LeaseLostError, tenantOf } from '../errors/error-kinds';
import type { LeaderLease, LeaseSession } from '../lease/leader-lease';
import { PARKING_CHANNEL } from '../migrations/table-names';
import type { ParkedEvent } from '../parking/parked-event';
import { decodeParkingSignal } from '../parking/parking-signal';
import type { EventSource, FollowerHandler } from './follower-handler';
import type { FollowerStore } from './follower-store';
import { isolate, type Lane, type Outcome } from './isolate';
import { LogReader } from './log-reader';
import { replayHeldTenant } from './tenant-replay';

/** pino's call shape (object first), which the service's LOGGER provides. */
export interface FollowerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export type FollowerState = 'stopped' | 'standby' | 'active' | 'backing-off';

export interface FollowerHealth {
  name: string;
  instance: string;
  state: FollowerState;
  /** The lease epoch while this instance leads (or led last). */
  epoch: number | null;
  /** The checkpoint this instance committed or read last (null before it ever led). */
  position: number | null;
  parked: Array<Pick<ParkedEvent, 'id' | 'tenantId' | 'eventId' | 'position' | 'eventType' | 'status' | 'parkedAt'>>;
  /** Internal detail (error text): for logs and the operator endpoint, never the public readiness body. */
  lastError: string | null;
  appliedEvents: number;
  backoffs: number;
  stateSince: string;
}

export interface FollowerRuntimeOptions {
  handler: FollowerHandler;
  source: EventSource;
  store: FollowerStore;
  pool: Pool;
  lease: LeaderLease;
  instance: string;
  logger?: FollowerLogger;
  batchSize?: number;
  /** Read the log this often when no wake-up arrives (the leader LISTENs for appends where the store notifies). */
  idlePollMs?: number;
  /** A standby tries to take the lease this often (± jitter). */
  standbyRetryMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Look for an operator's retry/skip at least this often (a NOTIFY usually says so at once). */
  requestPollMs?: number;
  statusIntervalMs?: number;
}

const silent: FollowerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * One checkpointed follower of the global log, whatever it does with the events (the handler):
 *
 * - **Leadership.** Any number of replicas campaign for the lease; one is active, the others
 *   stand by and retry every ~1.5 s. Every commit is fenced by the lease epoch.
 * - **Errors by kind.** An unreachable database or broker never marks an event: back off with
 *   jitter and resume from the checkpoint, forever. A batch that fails otherwise is narrowed
 *   down (the event the handler names, else bisection) to one event, which is parked only if it
 *   fails alone twice with the same error after `SELECT 1` answered.
 * - **Parking per tenant.** A parked event holds its tenant: that tenant's later events are
 *   taken out of every batch (order within a tenant is kept) while the checkpoint moves on for
 *   everyone else. An operator's retry or skip replays the tenant's held events up to the
 *   checkpoint, in this loop (never beside a batch), then releases it.
 */
export class FollowerRuntime {
  readonly name: string;
  private readonly handler: FollowerHandler;
  private readonly logger: FollowerLogger;
  private readonly batchSize: number;
  private readonly reader: LogReader;
  private readonly backoff: Backoff;
  private readonly sleeper = new Sleeper();
  private readonly backoffSleeper = new Sleeper();
  private readonly held = new Map<string, ParkedEvent>();
  private readonly positionListeners = new Set<(position: number) => void>();
  private state: FollowerState = 'stopped';
  private stateSince = new Date();
  private epoch: number | null = null;
  private committed: number | null = null;
  private lastError: string | null = null;
  private appliedEvents = 0;
  private backoffs = 0;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private requestsDue = true;
  private lastRequestPoll = 0;
  private lastStatus = 0;

  constructor(private readonly options: FollowerRuntimeOptions) {
    this.handler = options.handler;
    this.name = options.handler.name;
    this.logger = options.logger ?? silent;
    this.batchSize = options.batchSize ?? 1000;
    this.reader = new LogReader(options.source, this.batchSize);
    this.backoff = new Backoff(options.initialBackoffMs ?? 100, options.maxBackoffMs ?? 2000);
  }

  /** Starts campaigning for the lease; returns at once (the loop runs in the background). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.campaign().finally(() => {
      this.loop = null;
    });
  }

  /** Lets the batch in flight finish (never half a commit), gives the lease up, and returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    this.backoffSleeper.wake();
    await this.loop;
    await this.options.lease.close();
    this.setState('stopped');
  }

  /** The loop is alive (liveness): it runs until stop(), whatever the database does. */
  isRunning(): boolean {
    return this.loop !== null;
  }

  /** New events were appended (a NOTIFY): read now instead of at the next idle poll. */
  wake(): void {
    this.sleeper.wake();
  }

  /** An operator asked for a retry or a skip. */
  requestsChanged(): void {
    this.requestsDue = true;
    this.sleeper.wake();
  }

  /** For the lease's LISTEN connection: appends wake the loop; parking requests for this follower are served. */
  onNotification(channel: string, payload: string | undefined): void {
    if (channel !== PARKING_CHANNEL) return this.wake();
    const signal = decodeParkingSignal(payload);
    if (signal?.kind === 'request' && signal.follower === this.name) this.requestsChanged();
  }

  health(): FollowerHealth {
    return {
      name: this.name,
      instance: this.options.instance,
      state: this.state,
      epoch: this.epoch,
      position: this.committed,
      parked: [...this.held.values()].map(({ id, tenantId, eventId, position, eventType, status, parkedAt }) => ({
        id,
        tenantId,
        eventId,
        position,
        eventType,
        status,
        parkedAt,
      })),
      lastError: this.lastError,
      appliedEvents: this.appliedEvents,
      backoffs: this.backoffs,
      stateSince: this.stateSince.toISOString(),
    };
  }

  /** The committed checkpoint: this instance's when it leads, else the stored one (for lag on a standby). */
  async position(): Promise<number> {
    if (this.state === 'active' && this.committed !== null) return this.committed;
    return this.handler.checkpoint(this.options.pool);
  }

  /** Called with each checkpoint this instance commits (tests, benchmarks). */
  onCommitted(listener: (position: number) => void): () => void {
    this.positionListeners.add(listener);
    return () => this.positionListeners.delete(listener);
  }

  /** Resolves once this instance committed `position` (tests); rejects after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if ((this.committed ?? -1) >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(
          new Error(
            `follower ${this.name} did not reach ${position} in ${timeoutMs} ms: ${JSON.stringify(this.health())}`,
          ),
        );
      }, timeoutMs);
      const unsubscribe = this.onCommitted((committed) => {
        if (committed < position) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }

  // --- leadership ---------------------------------------------------------------------------

  private async campaign(): Promise<void> {
    while (!this.stopping) {
      let session: LeaseSession | null;
      try {
        session = await this.options.lease.tryAcquire();
      } catch (error) {
        await this.backOff(error, null);
        continue;
      }
      if (!session) {
        this.setState('standby');
        await this.sleeper.sleep(jitter(this.options.standbyRetryMs ?? 1500));
        continue;
      }
      this.backoff.reset();
      try {
        await this.lead(session);
      } finally {
        await session.release().catch(() => undefined);
      }
    }
  }

  private async lead(session: LeaseSession): Promise<void> {
    this.epoch = session.epoch;
    this.setState('active');
    this.logger.info(
      { follower: this.name, epoch: session.epoch, instance: this.options.instance },
      'follower is active',
    );
    let ready = false;
    while (!this.stopping && !session.isLost()) {
      try {
        if (!ready) {
          await this.prepare();
          ready = true;
        }
        if (this.requestsDue || Date.now() - this.lastRequestPoll > (this.options.requestPollMs ?? 5000))
          await this.serveRequests();
        const mayHaveMore = await this.step();
        this.recovered();
        this.reportStatus();
        // An append committed meanwhile has already woken the sleeper (wake-ups are latched), so
        // a short batch needs no second read to learn that the log had nothing more.
        if (!mayHaveMore) await Promise.race([this.sleeper.sleep(this.options.idlePollMs ?? 250), session.lost]);
      } catch (error) {
        if (session.isLost() || error instanceof LeaseLostError) break;
        ready = false;
        this.reader.reset();
        await this.backOff(error, session);
      }
    }
    const reason = session.isLost()
      ? await session.lost
      : this.stopping
        ? 'stopping'
        : 'another instance holds a newer lease epoch';
    this.logger.warn({ follower: this.name, epoch: session.epoch, reason }, 'follower is no longer active');
    if (!this.stopping) this.setState('standby');
  }

  /** On taking the lead, or after an error: everything is read again from the database. */
  private async prepare(): Promise<void> {
    this.reader.reset();
    await this.handler.prepare?.();
    this.committed = await this.handler.checkpoint(this.options.pool);
    this.held.clear();
    for (const parked of await this.options.store.parking.holding(this.options.store.reader, this.name))
      this.held.set(parked.tenantId, parked);
    this.requestsDue = true;
  }

  // --- the main lane ------------------------------------------------------------------------

  /** Reads one batch after the checkpoint and applies it; false when it reached the end of the log as read. */
  private async step(): Promise<boolean> {
    const from = this.committed!;
    const events = await this.reader.next(from);
    if (events.length === 0) return false;
    const through = events[events.length - 1]!.globalPosition;
    const batch = this.held.size === 0 ? events : events.filter((event) => !this.held.has(tenantOf(event)));
    if ((await this.isolate(this.mainLane(), batch, through, from)) === 'parked') {
      this.reader.reset();
      return true;
    }
    return events.length >= this.batchSize || this.committed !== through;
  }

  private mainLane(): Lane {
    return {
      apply: async (events, through) => {
        const from = this.committed!;
        await this.handler.apply({
          events,
          through,
          from,
          transaction: (work) => this.options.store.transaction(this.name, this.epoch!, work),
        });
        this.advance(through, events.length);
      },
      park: async (event, error) => {
        const parked = await this.options.store.transaction(this.name, this.epoch!, (client) =>
          this.options.store.parking.park(client, {
            follower: this.name,
            tenantId: tenantOf(event),
            eventId: event.eventId,
            position: event.globalPosition,
            eventType: event.type,
            error,
          }),
        );
        this.held.set(parked.tenantId, parked);
        this.logger.error(
          {
            follower: this.name,
            tenantId: parked.tenantId,
            eventId: event.eventId,
            position: event.globalPosition,
            eventType: event.type,
            error,
          },
          'event parked: its tenant waits behind it; other tenants go on',
        );
      },
    };
  }

  private advance(through: number, applied: number): void {
    this.committed = through;
    this.appliedEvents += applied;
    for (const listener of [...this.positionListeners]) listener(through);
  }

  private isolate(lane: Lane, events: readonly RecordedEvent[], through: number, from: number): Promise<Outcome> {
    return isolate(lane, events, through, from, {
      isTransient: (error) => this.handler.isTransient?.(error) ?? false,
      ping: async () => {
        await this.options.store.ping();
        await this.handler.ping?.();
      },
    });
  }

  // --- parked tenants: retry and skip --------------------------------------------------------

  private async serveRequests(): Promise<void> {
    this.requestsDue = false;
    this.lastRequestPoll = Date.now();
    const requests = await this.options.store.parking.requests(this.options.store.reader, this.name);
    for (const request of requests) {
      await replayHeldTenant(
        {
          follower: this.name,
          handler: this.handler,
          store: this.options.store,
          source: this.options.source,
          batchSize: this.batchSize,
          logger: this.logger,
          epoch: this.epoch!,
          committed: this.committed!,
          held: this.held,
          isolate: (lane, events, through, from) => this.isolate(lane, events, through, from),
          applied: (count) => (this.appliedEvents += count),
        },
        request,
      );
    }
  }

  // --- state, backoff, status ----------------------------------------------------------------

  private async backOff(error: unknown, session: LeaseSession | null): Promise<void> {
    this.backoffs++;
    this.lastError = describeError(error);
    const delayMs = this.backoff.next();
    if (this.state !== 'backing-off' || this.backoff.attempts % 10 === 1) {
      this.logger.warn(
        { follower: this.name, attempt: this.backoff.attempts, delayMs, err: this.lastError },
        'follower backing off',
      );
    }
    this.setState('backing-off');
    await Promise.race([this.backoffSleeper.sleep(delayMs), ...(session ? [session.lost] : [])]);
  }

  private recovered(): void {
    if (this.state !== 'backing-off') return;
    this.logger.info(
      { follower: this.name, position: this.committed, attempts: this.backoff.attempts },
      'follower recovered',
    );
    this.backoff.reset();
    this.lastError = null;
    this.setState('active');
  }

  private setState(state: FollowerState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateSince = new Date();
    this.lastStatus = 0;
  }

  /** Every few seconds, and after a change of state: what operators see in GET /admin/followers. */
  private reportStatus(): void {
    const now = Date.now();
    if (now - this.lastStatus < (this.options.statusIntervalMs ?? 2000) || this.epoch === null) return;
    this.lastStatus = now;
    this.options.store
      .saveStatus({
        name: this.name,
        holder: this.options.instance,
        epoch: this.epoch,
        state: this.state,
        position: this.committed ?? 0,
        parkedTenants: this.held.size,
        lastError: this.lastError,
      })
      .catch(() => undefined);
  }
}

function jitter(ms: number): number {
  return Math.round(ms * (0.75 + Math.random() * 0.5));
}
