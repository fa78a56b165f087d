import { readViewsOf, type ReadAllOptions, type ReadViews, type RecordedEvent } from '@lib/event-store';
import type { EventSource } from './follower-handler';
import { onePer } from './one-per';
import { ReaderPace } from './reader-pace';

const PAGE_SIZE = 1000;
/** About 16,000 events: the followers of one process rarely drift further apart during a catch-up. */
const MAX_PAGES = 16;
/** Room for each reader's page and the page it reads ahead, between the slowest reader and the fastest. */
const MAX_LEAD = (MAX_PAGES - 4) * PAGE_SIZE;
/** A reader further behind than this is not waited for (it would not reach the pages kept now in time). */
const MAX_GAP = 4 * MAX_LEAD;
/** A reader this close to the head is live: it never waits. */
const TAIL = 2 * PAGE_SIZE;
/** A reader that has not moved for this long is not waited for. */
const STALL_MS = 2_000;

/**
 * How a follower reads personal data: `opened` (in clear, as the store's reads give it) or
 * `sealed` (left encrypted: for handlers that use only what stays readable after an erasure).
 */
export type LogView = 'opened' | 'sealed';

/**
 * The followers of one process (all-in-one: three; the projector app: two) read the same log.
 * The log is read in pages of 1,000 events at aligned positions, each read once and kept for the
 * others. The page at the tail of the log is incomplete: it is kept too, and a read there asks the
 * store only for what follows the last event it holds (positions are visible in commit order, so
 * nothing can appear before it later). Under a store with read views (the personal-data codec)
 * the pages hold the events as stored and each read gets its follower's view: `opened` decrypts
 * that read's events (the read-model projector), `sealed` reads no key at all (the audit projector
 * and the publisher, which map only what stays readable after an erasure). Events are shared, so
 * a handler must never change one: under test they are frozen, which turns a change into an error.
 */
export class SharedLog implements EventSource {
  private readonly pages = new Map<number, Promise<RecordedEvent[]>>();
  private readonly pace: ReaderPace;
  /** The adapter under a store with read views (the personal-data codec): pages hold events as stored. */
  private readonly source: EventSource;
  private readonly views: ReadViews | null;

  private constructor(store: EventSource) {
    this.views = readViewsOf(store);
    const source = this.views?.inner ?? store;
    this.source = source;
    this.pace = new ReaderPace({
      maxLead: MAX_LEAD,
      maxGap: MAX_GAP,
      tail: TAIL,
      stallMs: STALL_MS,
      head: () => source.headPosition(),
    });
  }

  /** The one shared log of `source` in this process. */
  static readonly of = onePer((source: EventSource) => new SharedLog(source));

  /**
   * The log as the follower `name` reads it. One that `keepsPace` waits before running more than
   * MAX_LEAD events ahead of the slowest other follower (ReaderPace), so the pages it reads are
   * still here when that one comes; one that does not (the read-model projector: every write with
   * read-your-writes waits for it) never waits.
   */
  reader(name: string, keepsPace: boolean, view: LogView = 'opened'): EventSource {
    return {
      headPosition: () => this.headPosition(),
      readAll: async (options) => {
        if (options.tenantId === undefined) {
          this.pace.advance(name, options.after);
          if (keepsPace) await this.pace.turn(name, options.after);
        }
        return this.readAll(options, view);
      },
    };
  }

  headPosition(): Promise<number> {
    return this.source.headPosition();
  }

  /** The events after `after`, personal data opened or left sealed (`view`). */
  async readAll(options: ReadAllOptions, view: LogView = 'opened'): Promise<RecordedEvent[]> {
    const events = await this.readStored(options);
    if (!this.views || events.length === 0) return events;
    return view === 'sealed' ? this.views.sealedView(events) : this.views.openedView(events);
  }

  private async readStored({ after, maxCount, tenantId }: ReadAllOptions): Promise<RecordedEvent[]> {
    // One tenant's events (a replay) are not what the followers share: read them from the store.
    if (tenantId !== undefined) return this.source.readAll({ after, maxCount, tenantId });
    const out: RecordedEvent[] = [];
    let from = after;
    while (out.length < maxCount) {
      const start = from - (from % PAGE_SIZE);
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

  /**
   * The page's events as of now: a complete page from memory, an incomplete one extended by what was appended since.
   */
  private page(start: number): Promise<RecordedEvent[]> {
    const cached = this.pages.get(start);
    if (cached) this.pages.delete(start);
    const read = (cached ?? Promise.resolve([])).then((known) =>
      known.length === PAGE_SIZE ? known : this.extend(start, known),
    );
    read.catch(() => {
      if (this.pages.get(start) === read) this.pages.delete(start);
    });
    this.pages.set(start, read);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pageToDrop());
    return read;
  }

  /**
   * The first page behind every follower that is moving (none of them needs it again); else the
   * least recently used. Dropping by recency alone, a slow follower touching the page it reads
   * would make the page it needs next the oldest.
   */
  private pageToDrop(): number {
    const slowest = this.pace.slowestPosition();
    let behind: number | undefined;
    for (const start of this.pages.keys())
      if (start + PAGE_SIZE <= slowest && (behind === undefined || start < behind)) behind = start;
    return behind ?? this.pages.keys().next().value!;
  }

  private async extend(start: number, known: RecordedEvent[]): Promise<RecordedEvent[]> {
    const last = known.length > 0 ? known[known.length - 1]!.globalPosition : start;
    const more = await this.source.readAll({ after: last, maxCount: PAGE_SIZE - known.length });
    if (more.length === 0) return known;
    if (process.env.NODE_ENV === 'test') deepFreeze(more);
    return known.concat(more);
  }
}

function deepFreeze(value: unknown): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
}
