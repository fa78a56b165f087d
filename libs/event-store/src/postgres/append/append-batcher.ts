import type { Pool, PoolClient } from 'pg';
import type { AppendResult, AppendToStream } from '../../event-store.port';
import type { AppendPlan, TimeSource } from './plan-appends';
import { writeAppends } from './write-appends';

interface Pending {
  requests: AppendToStream[];
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

export interface AppendBatcherOptions {
  timeSource: TimeSource;
  /** Bounds of one flush (its statement carries every row as array parameters). */
  maxAppendsPerFlush?: number;
  maxEventsPerFlush?: number;
}

/**
 * Group commit. Appends queue here; one flush at a time takes everything queued (up to a bound)
 * into one transaction. An append that arrives while the store is idle is flushed at once (no
 * added latency); under load, the appends that arrive during a flush share the next one, so the
 * counter lock and the WAL flush are paid once per flush instead of once per append.
 *
 * A flush whose statements fail on data (not on availability) is split: each append is retried
 * alone, so one bad append fails only itself. An availability error fails the whole flush; its
 * appends may or may not have committed, and a retry with the same event ids is idempotent.
 */
/** How much grouping happened: appends per flush is the group commit's gain. */
export interface AppendStats {
  flushes: number;
  appends: number;
  events: number;
}

export class AppendBatcher {
  readonly stats: AppendStats = { flushes: 0, appends: 0, events: 0 };
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly maxAppends: number;
  private readonly maxEvents: number;

  constructor(
    private readonly pool: Pool,
    private readonly options: AppendBatcherOptions,
  ) {
    this.maxAppends = options.maxAppendsPerFlush ?? 512;
    this.maxEvents = options.maxEventsPerFlush ?? 4000;
  }

  append(requests: AppendToStream[]): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ requests, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.flush(this.take());
    } finally {
      this.draining = false;
    }
  }

  private take(): Pending[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && count < this.maxAppends) {
      events += this.queue[count].requests.reduce((n, r) => n + r.events.length, 0);
      if (count > 0 && events > this.maxEvents) break;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async flush(batch: Pending[]): Promise<void> {
    let plan: AppendPlan;
    try {
      plan = await this.inTransaction((client) =>
        writeAppends(
          client,
          batch.map((p) => p.requests),
          this.options.timeSource,
        ),
      );
    } catch (error) {
      if (batch.length > 1 && isDataError(error)) {
        for (const pending of batch) await this.flush([pending]);
        return;
      }
      for (const pending of batch) pending.reject(error as Error);
      return;
    }
    this.stats.flushes++;
    this.stats.appends += batch.length;
    this.stats.events += plan.rows.length;
    plan.outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'failed') return batch[i].reject(outcome.error);
      const original = outcome.kind === 'same-as' ? plan.outcomes[outcome.index] : outcome;
      if (original.kind === 'result') batch[i].resolve(original.result);
      else batch[i].reject(new Error('an idempotent retry of an append that failed in the same flush'));
    });
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // Out of the pool, a client has no 'error' listener: a server that ends the connection
    // between two statements would otherwise raise an unhandled 'error' and end the process.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }
}

/**
 * A statement refused the data (SQLSTATE of a data, integrity, syntax or limit class), as opposed
 * to the server or the connection being unavailable: the same rows would fail again, so the flush
 * is split to find the append that carries them.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|42|54)[0-9A-Z]{3}$/.test(code);
}
