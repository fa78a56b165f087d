import type { ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';

/** Wakes waiting subscriptions when something was appended; a timer is the fallback. */
export class AppendSignal {
  private waiters = new Set<() => void>();

  /** Resolves on the next `notify()`, or after `timeoutMs`, whichever is first. */
  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  signal: AppendSignal;
  /** How long to wait for a notification before polling anyway. */
  pollIntervalMs: number;
}

/**
 * Catch-up then live, by reading the global log in batches: read after the checkpoint until a
 * batch comes back empty, then wait for an append notification (or the poll interval) and read
 * again. Relies on the store's promise that positions become visible in order, so reading
 * "after the last seen position" never skips an event.
 */
export function startCatchUpSubscription(source: CatchUpSource, options: SubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? 500;
  let position = options.after;
  let closed = false;
  let inHandler = false;

  const run = async () => {
    while (!closed) {
      const batch = await source.readAll({ after: position, maxCount: batchSize });
      if (closed) return;
      if (batch.length === 0) {
        await source.signal.wait(source.pollIntervalMs);
        continue;
      }
      inHandler = true;
      try {
        await options.onEvents(batch);
      } finally {
        inHandler = false;
      }
      position = batch[batch.length - 1].globalPosition;
    }
  };

  const finished = run().catch((error: unknown) => {
    if (closed) return;
    closed = true;
    options.onError(error instanceof Error ? error : new Error(String(error)));
  });

  return {
    async close() {
      closed = true;
      source.signal.notify();
      // Called from inside onEvents: the loop stops once the handler returns; waiting here would deadlock.
      if (!inHandler) await finished;
    },
  };
}
