import type { ReadAllOptions, RecordedEvent } from '@lib/event-store';
import type { EventSource } from './follower-handler';

const PAGE_SIZE = 1000;
/** About 16,000 events: the followers of one process rarely drift further apart during a catch-up. */
const MAX_PAGES = 16;
const shared = new WeakMap<EventSource, SharedLog>();

/**
 * The followers of one process (all-in-one: three; the projector app: two) read the same log.
 * Complete pages of 1,000 events at aligned positions are read and decoded once and kept for the
 * others; the tail of the log (an incomplete page) is always read afresh, from the reader's position
 * when it is inside a page nobody has read (a follower waiting at the head reads only what is new,
 * not the page up to it again: every event read is also decoded, docs/erasure.md). Events are shared, so a
 * handler must never change one: under test they are frozen, which turns a change into an error.
 */
export class SharedLog implements EventSource {
  private readonly pages = new Map<number, Promise<RecordedEvent[]>>();

  private constructor(private readonly source: EventSource) {}

  static of(source: EventSource): SharedLog {
    let log = shared.get(source);
    if (!log) {
      log = new SharedLog(source);
      shared.set(source, log);
    }
    return log;
  }

  headPosition(): Promise<number> {
    return this.source.headPosition();
  }

  async readAll({ after, maxCount, tenantId }: ReadAllOptions): Promise<RecordedEvent[]> {
    // One tenant's events (a replay) are not what the followers share: read them from the store.
    if (tenantId !== undefined) return this.source.readAll({ after, maxCount, tenantId });
    const out: RecordedEvent[] = [];
    let from = after;
    while (out.length < maxCount) {
      const start = from - (from % PAGE_SIZE);
      if (from !== start && !this.pages.has(start)) {
        // Inside a page no one is reading: its rest only (at the head of the log, what is new).
        const rest = await this.source.readAll({ after: from, maxCount: Math.min(maxCount - out.length, start + PAGE_SIZE - from) });
        if (process.env.NODE_ENV === 'test') deepFreeze(rest);
        out.push(...rest);
        if (rest.length < start + PAGE_SIZE - from) break;
        from = rest[rest.length - 1]!.globalPosition;
        continue;
      }
      const page = await this.page(start);
      const next = page.filter((event) => event.globalPosition > from);
      if (next.length === 0 && page.length === PAGE_SIZE) {
        // Sparse positions (not this store's): the aligned page ends before `from`; read plainly.
        out.push(...(await this.source.readAll({ after: from, maxCount: maxCount - out.length })));
        break;
      }
      out.push(...next.slice(0, maxCount - out.length));
      if (page.length < PAGE_SIZE || next.length === 0) break;
      from = out[out.length - 1]!.globalPosition;
    }
    return out;
  }

  private page(start: number): Promise<RecordedEvent[]> {
    const cached = this.pages.get(start);
    if (cached) {
      this.pages.delete(start);
      this.pages.set(start, cached);
      return cached;
    }
    const read = this.source.readAll({ after: start, maxCount: PAGE_SIZE }).then((events) => {
      if (events.length < PAGE_SIZE) this.pages.delete(start); // the tail: it grows, never keep it
      if (process.env.NODE_ENV === 'test') deepFreeze(events);
      return events;
    });
    read.catch(() => this.pages.delete(start));
    this.pages.set(start, read);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return read;
  }
}

function deepFreeze(value: unknown): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
}
