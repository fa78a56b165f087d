import type { Pool, PoolClient } from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '@lib/event-store';
import {
  applyEvents,
  clearFailure,
  ensureCheckpoint,
  formatFailure,
  LIVE_TABLES,
  readCheckpoint,
  saveCheckpoint,
  SCIM_PROJECTION_NAME,
  describeFailure,
  type ProjectionFailure,
  type QualifiedTables,
} from '@lib/read-model';
import { inTransaction } from '@lib/platform';

/** pino's call shape (object first), which the service's LOGGER provides. */
export interface ProjectorLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ProjectorOptions {
  name?: string;
  batchSize?: number;
  logger?: ProjectorLogger;
  /** Wait before resubscribing after a transport error (database or store unreachable). */
  reconnectDelayMs?: number;
  tables?: QualifiedTables;
}

export type ProjectorStatus = 'stopped' | 'running' | 'failed';

export interface ProjectorHealth {
  status: ProjectorStatus;
  /** The last committed checkpoint this process knows of. */
  position: number;
  lastError: string | null;
}

const silentLogger: ProjectorLogger = { info: () => undefined, error: () => undefined };

/**
 * Follows the global log from its checkpoint and applies each batch of events to the read
 * models in ONE transaction together with the checkpoint (and a NOTIFY for read-your-writes),
 * so a crash anywhere leaves either the whole batch or none of it: exactly-once effect.
 *
 * An event that cannot be applied stops the projection: the events before it are committed, the
 * checkpoint row says `failed` with the event id and reason, health() reports it, and nothing
 * after it is applied until `retry()` (or a restart) after the cause is fixed.
 */
export class Projector {
  readonly name: string;
  private readonly batchSize: number;
  private readonly logger: ProjectorLogger;
  private readonly reconnectDelayMs: number;
  private readonly tables: QualifiedTables;
  private subscription: Subscription | null = null;
  private status: ProjectorStatus = 'stopped';
  private position = 0;
  private lastError: string | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Bumped on every (re)subscription, so a late batch of a closed subscription is ignored. */
  private generation = 0;

  constructor(
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    options: ProjectorOptions = {},
  ) {
    this.name = options.name ?? SCIM_PROJECTION_NAME;
    this.batchSize = options.batchSize ?? 1000;
    this.logger = options.logger ?? silentLogger;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
    this.tables = options.tables ?? LIVE_TABLES;
  }

  /** Starts from the stored checkpoint. A projection left `failed` is retried: a restart is how a fix is picked up. */
  async start(): Promise<void> {
    if (this.status === 'running') return;
    await ensureCheckpoint(this.pool, this.name);
    await clearFailure(this.pool, this.name);
    await this.subscribeFromCheckpoint();
  }

  /** Resumes a failed projection from its checkpoint (after the cause was fixed). */
  async retry(): Promise<void> {
    if (this.status !== 'failed') return;
    this.logger.info({ projection: this.name, position: this.position }, 'projection retried');
    await clearFailure(this.pool, this.name);
    await this.subscribeFromCheckpoint();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.status = 'stopped';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
  }

  health(): ProjectorHealth {
    return { status: this.status, position: this.position, lastError: this.lastError };
  }

  private async subscribeFromCheckpoint(): Promise<void> {
    const checkpoint = await readCheckpoint(this.pool, this.name);
    this.position = checkpoint?.position ?? 0;
    this.lastError = null;
    this.status = 'running';
    const generation = ++this.generation;
    this.subscription = this.eventStore.subscribeToAll({
      after: this.position,
      batchSize: this.batchSize,
      onEvents: (events) => (generation === this.generation ? this.handleBatch(events) : Promise.resolve()),
      onError: (error) => {
        if (generation === this.generation) this.handleTransportError(error);
      },
    });
    this.logger.info({ projection: this.name, position: this.position }, 'projection started');
  }

  private async handleBatch(events: RecordedEvent[]): Promise<void> {
    let failure: ProjectionFailure | undefined;
    try {
      failure = await this.commitBatch(events);
    } catch (error) {
      // A statement failed (a constraint, a type): the whole batch rolled back. Find the event
      // that caused it by applying the events one per transaction.
      failure = await this.isolateFailure(events, error);
    }
    if (failure) this.fail(formatFailure(failure));
  }

  /** One transaction: lock the checkpoint row, apply what is newer than it, save it, NOTIFY. */
  private async commitBatch(events: readonly RecordedEvent[]): Promise<ProjectionFailure | undefined> {
    const { failure, position } = await this.inTransaction(async (client) => {
      const checkpoint = await readCheckpoint(client, this.name, { forUpdate: true });
      if (!checkpoint) throw new Error(`checkpoint row ${this.name} is missing`);
      // Another writer (a rebuild's swap, a second instance) may have moved the checkpoint on.
      const fresh = events.filter((event) => event.globalPosition > checkpoint.position);
      const outcome = await applyEvents(client, this.tables, fresh);
      const last = events[events.length - 1]?.globalPosition ?? checkpoint.position;
      const position = outcome.failure ? (outcome.appliedThrough ?? checkpoint.position) : Math.max(checkpoint.position, last);
      await saveCheckpoint(client, this.name, position, outcome.failure ? { lastError: formatFailure(outcome.failure) } : null);
      return { failure: outcome.failure, position };
    });
    this.position = position;
    return failure;
  }

  private async isolateFailure(events: readonly RecordedEvent[], batchError: unknown): Promise<ProjectionFailure | undefined> {
    for (const event of events) {
      try {
        const failure = await this.commitBatch([event]);
        if (failure) return failure;
      } catch (error) {
        const failure = describeFailure(event, error);
        try {
          await this.inTransaction(async (client) => {
            await readCheckpoint(client, this.name, { forUpdate: true });
            await saveCheckpoint(client, this.name, this.position, { lastError: formatFailure(failure) });
          });
        } catch (saveError) {
          this.logger.error({ projection: this.name, err: String(saveError) }, 'could not record the projection failure');
        }
        return failure;
      }
    }
    // Every event applied on its own: the batch error was transient.
    this.logger.error({ projection: this.name, err: String(batchError) }, 'batch failed, then applied event by event');
    return undefined;
  }

  private fail(lastError: string): void {
    this.status = 'failed';
    this.lastError = lastError;
    this.generation++;
    this.logger.error({ projection: this.name, position: this.position, lastError }, 'projection stopped: an event could not be applied');
    const subscription = this.subscription;
    this.subscription = null;
    // Inside onEvents: close() returns at once and the subscription stops after this batch.
    void subscription?.close();
  }

  private handleTransportError(error: Error): void {
    this.logger.error({ projection: this.name, err: error.message }, 'subscription failed; resubscribing');
    this.subscription = null;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.status !== 'running') return;
      this.subscribeFromCheckpoint().catch((retryError: unknown) => this.handleTransportError(retryError as Error));
    }, this.reconnectDelayMs);
  }

  private inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, { durability: 'deferred' });
  }
}
