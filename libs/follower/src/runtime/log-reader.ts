import type { RecordedEvent } from '@lib/event-store';
import type { EventSource } from './follower-handler';

/**
 * Reads the global log in batches and, after a full batch, starts reading the next one while
 * the caller applies this one: reading (and decoding) overlaps applying during a catch-up.
 */
export class LogReader {
  private ahead: { after: number; read: Promise<RecordedEvent[]> } | null = null;

  constructor(
    private readonly source: EventSource,
    private readonly batchSize: number,
  ) {}

  async next(after: number): Promise<RecordedEvent[]> {
    const prefetched = this.ahead?.after === after ? this.ahead.read : null;
    this.ahead = null;
    const events = await (prefetched ?? this.source.readAll({ after, maxCount: this.batchSize }));
    if (events.length === this.batchSize) this.readAhead(events[events.length - 1]!.globalPosition);
    return events;
  }

  /** Forgets a read ahead (the checkpoint moved elsewhere, or the database failed). */
  reset(): void {
    this.ahead = null;
  }

  private readAhead(after: number): void {
    const read = this.source.readAll({ after, maxCount: this.batchSize });
    // Consumed by next(), or dropped by reset(): never an unhandled rejection.
    read.catch(() => undefined);
    this.ahead = { after, read };
  }
}
