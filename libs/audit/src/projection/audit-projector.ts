import type { Pool, PoolClient } from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '@lib/event-store';
import { toAuditEvent } from '../model/audit-event';
import { AUDIT_PROJECTION_NAME } from '../schema/table-names';
import { applyAuditEvent } from './audit-projection';
import { ensureAuditCheckpoint, readAuditCheckpoint, saveAuditCheckpoint } from './audit-checkpoint';
import { ChainAppender } from './chain-appender';
import { inTransaction } from '@lib/platform';

export interface AuditProjectorLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface AuditProjectorHealth {
  status: 'stopped' | 'running' | 'failed';
  position: number;
  failedEventId: string | null;
  lastError: string | null;
}

export interface AuditProjectorOptions {
  name?: string;
  batchSize?: number;
  logger?: AuditProjectorLogger;
  reconnectDelayMs?: number;
}

const silent: AuditProjectorLogger = { info: () => undefined, error: () => undefined };

/**
 * Runs the audit projection. The read-model Projector (apps/projector) is bound to the SCIM read
 * model's apply function, so the audit projection has this runner with the same guarantees:
 * each batch is applied in ONE transaction together with its checkpoint (exactly-once effect,
 * and the hash chain never gets half a batch); an event that cannot be applied stops the
 * projection with its event id and reason in the checkpoint row and in health(), and is never
 * skipped: a restart (or retry()) after the fix tries it again.
 */
export class AuditProjector {
  readonly name: string;
  private readonly batchSize: number;
  private readonly logger: AuditProjectorLogger;
  private readonly reconnectDelayMs: number;
  private subscription: Subscription | null = null;
  private state: AuditProjectorHealth = { status: 'stopped', position: 0, failedEventId: null, lastError: null };
  private generation = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();

  constructor(
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    options: AuditProjectorOptions = {},
  ) {
    this.name = options.name ?? AUDIT_PROJECTION_NAME;
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? silent;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  }

  async start(): Promise<void> {
    if (this.state.status === 'running') return;
    await ensureAuditCheckpoint(this.pool, this.name);
    const checkpoint = await readAuditCheckpoint(this.pool, this.name);
    this.state = { status: 'running', position: checkpoint?.position ?? 0, failedEventId: null, lastError: null };
    const generation = ++this.generation;
    this.subscription = this.eventStore.subscribeToAll({
      after: this.state.position,
      batchSize: this.batchSize,
      onEvents: (events) => (generation === this.generation ? this.handleBatch(events) : Promise.resolve()),
      onError: (error) => {
        if (generation === this.generation) this.resubscribeLater(error);
      },
    });
    this.logger.info({ projection: this.name, position: this.state.position }, 'audit projection started');
  }

  /** After a failure was fixed: resume from the checkpoint (the failed event is tried again). */
  async retry(): Promise<void> {
    if (this.state.status !== 'failed') return;
    this.state.status = 'stopped';
    await this.start();
  }

  async stop(): Promise<void> {
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.state.status === 'running') this.state.status = 'stopped';
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
  }

  health(): AuditProjectorHealth {
    return { ...this.state };
  }

  /** Resolves once the projection has committed `position` (tests, and read-your-writes for auditors). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.state.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`audit projection did not reach ${position} in ${timeoutMs} ms: ${JSON.stringify(this.state)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async handleBatch(events: RecordedEvent[]): Promise<void> {
    try {
      await this.commit(events);
    } catch {
      // The batch rolled back as a whole; apply event by event to commit what precedes the culprit.
      for (const event of events) {
        try {
          await this.commit([event]);
        } catch (error) {
          await this.fail(event, error);
          return;
        }
      }
    }
  }

  private async commit(events: readonly RecordedEvent[]): Promise<void> {
    const position = await this.inTransaction(async (client) => {
      const checkpoint = await readAuditCheckpoint(client, this.name, true);
      if (!checkpoint) throw new Error(`audit checkpoint ${this.name} is missing`);
      const chain = new ChainAppender(client);
      for (const event of events) {
        if (event.globalPosition <= checkpoint.position) continue; // another instance got here first
        await applyAuditEvent(client, chain, toAuditEvent(event));
      }
      const last = Math.max(checkpoint.position, events[events.length - 1]?.globalPosition ?? 0);
      await saveAuditCheckpoint(client, this.name, last);
      return last;
    });
    this.advance(position);
  }

  private async fail(event: RecordedEvent, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const lastError = `event ${event.eventId} (${event.type} at position ${event.globalPosition}): ${reason}`;
    this.state = { status: 'failed', position: this.state.position, failedEventId: event.eventId, lastError };
    this.generation++;
    this.logger.error({ projection: this.name, eventId: event.eventId, position: this.state.position, lastError }, 'audit projection stopped: an event could not be applied');
    try {
      await saveAuditCheckpoint(this.pool, this.name, this.state.position, { eventId: event.eventId, error: lastError });
    } catch (saveError) {
      this.logger.error({ projection: this.name, err: String(saveError) }, 'could not record the audit projection failure');
    }
    const subscription = this.subscription;
    this.subscription = null;
    void subscription?.close();
  }

  private advance(position: number): void {
    this.state.position = position;
    for (const waiter of [...this.waiters]) {
      if (waiter.position <= position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private resubscribeLater(error: Error): void {
    this.logger.error({ projection: this.name, err: error.message }, 'audit subscription failed; resubscribing');
    this.subscription = null;
    this.state.status = 'stopped';
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start().catch((retryError: unknown) => this.resubscribeLater(retryError as Error));
    }, this.reconnectDelayMs);
  }

  private inTransaction<R>(work: (client: PoolClient) => Promise<R>): Promise<R> {
    return inTransaction(this.pool, work, { durability: 'deferred' });
  }
}
