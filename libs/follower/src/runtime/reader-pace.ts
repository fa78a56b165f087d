export interface ReaderPaceOptions {
  /** How many events a reader that keeps pace may read ahead of the slowest reader that progresses. */
  maxLead: number;
  /**
   * A reader further behind than this is not waited for: it will not reach the pages read now
   * before they are dropped, so waiting would only stall the other one (a follower back from an
   * outage, far behind the live ones).
   */
  maxGap: number;
  /** A reader within this many events of the head of the log is live: it never waits. */
  tail: number;
  /** A reader whose position has not moved for this long is not waited for (it backs off, stands by, or is gone). */
  stallMs: number;
  head: () => Promise<number>;
  now?: () => number;
}

interface Reader {
  position: number;
  advancedAt: number;
}

/** Readers that have not moved for this long are forgotten (a follower of a stopped runtime). */
const FORGET_AFTER_MS = 60_000;
/** The head is asked at most this often while readers are paced. */
const HEAD_TTL_MS = 1_000;

/**
 * Keeps the followers of one process close enough on the shared log that each page is read and
 * decoded once for all of them. Without it, during a catch-up the followers drift apart by more
 * than the pages kept in memory, and each reads and decrypts the whole log for itself (on one
 * thread, the largest share of a catch-up's CPU). A reader that keeps pace waits, before a read,
 * while it is more than `maxLead` (and at most `maxGap`) events ahead of the slowest other reader,
 * unless that reader has not moved for `stallMs` (it backs off, or stopped leading) or the waiting
 * one is at the tail of the log (live events are never held back). Waiting gives the thread to
 * the slow reader; it ends as soon as that reader moves, or stalls.
 */
export class ReaderPace {
  private readonly readers = new Map<string, Reader>();
  private readonly waiting = new Set<() => void>();
  private head: { value: number; at: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ReaderPaceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** `reader` reads the events after `position`: the position it is at, for the others. */
  advance(reader: string, position: number): void {
    const now = this.now();
    const known = this.readers.get(reader);
    if (known && position <= known.position) return;
    this.readers.set(reader, { position, advancedAt: now });
    for (const [name, other] of this.readers) if (now - other.advancedAt > FORGET_AFTER_MS) this.readers.delete(name);
    for (const wake of [...this.waiting]) wake();
  }

  /** Resolves once `reader`, about to read after `position`, may read (at once when the head cannot be read). */
  async turn(reader: string, position: number): Promise<void> {
    for (;;) {
      const slowest = this.slowestOther(reader, position);
      if (!slowest) return;
      if ((await this.headPosition().catch(() => position)) - position <= this.options.tail) return;
      await this.nextMove(this.options.stallMs - (this.now() - slowest.advancedAt));
    }
  }

  /** The position of the slowest reader that moves (-Infinity when none does). */
  slowestPosition(): number {
    const now = this.now();
    let slowest = Infinity;
    for (const reader of this.readers.values())
      if (now - reader.advancedAt < this.options.stallMs && reader.position < slowest) slowest = reader.position;
    return slowest === Infinity ? -Infinity : slowest;
  }

  /** The slowest reader other than `reader` that progresses and is more than maxLead, at most maxGap, behind. */
  private slowestOther(reader: string, position: number): Reader | null {
    let slowest: Reader | null = null;
    const now = this.now();
    for (const [name, other] of this.readers) {
      if (name === reader || now - other.advancedAt >= this.options.stallMs) continue;
      const gap = position - other.position;
      if (gap <= this.options.maxLead || gap > this.options.maxGap) continue;
      if (!slowest || other.position < slowest.position) slowest = other;
    }
    return slowest;
  }

  private async headPosition(): Promise<number> {
    const now = this.now();
    if (!this.head || now - this.head.at > HEAD_TTL_MS) this.head = { value: await this.options.head(), at: now };
    return this.head.value;
  }

  /** Until some reader moves, or `ms` pass (the slowest one may have stalled by then). */
  private nextMove(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, ms));
      this.waiting.add(wake);
    });
  }
}
