import type { RecordedEvent } from '@lib/event-store';
import { describeError, EventFailure, failureKind, UnstableFailureError } from '../errors/error-kinds';

/** Where a batch goes: the main log (moves the checkpoint) or a held tenant's replay (moves its progress). */
export interface Lane {
  apply(events: readonly RecordedEvent[], through: number): Promise<void>;
  park(event: RecordedEvent, error: string): Promise<void>;
}

export interface Isolation {
  /** The handler's own transient errors (a broker down), besides the database's. */
  isTransient(error: unknown): boolean;
  /** Resolves when the connections are known good (SELECT 1, the broker); throws otherwise. */
  ping(): Promise<void>;
}

export type Outcome = 'applied' | 'parked';

/**
 * Applies `events` on `lane` (through `through`), narrowing a failure down to one event: the one
 * the handler names (EventFailure), else by bisection, committing what precedes it. Transient
 * errors go up (the caller backs off); so does a failure no event can be blamed for.
 */
export async function isolate(
  lane: Lane,
  events: readonly RecordedEvent[],
  through: number,
  from: number,
  isolation: Isolation,
): Promise<Outcome> {
  try {
    await lane.apply(events, through);
    return 'applied';
  } catch (error) {
    if (failureKind(error, isolation.isTransient) === 'transient' || events.length === 0) throw error;
    const named =
      error instanceof EventFailure ? events.findIndex((event) => event.eventId === error.event.eventId) : -1;
    if (named >= 0 || events.length === 1) {
      const index = Math.max(named, 0);
      const suspect = events[index]!;
      const before = suspect.globalPosition - 1;
      if (
        (index > 0 || before > from) &&
        (await isolate(lane, events.slice(0, index), before, from, isolation)) === 'parked'
      )
        return 'parked';
      if (await confirmPoison(lane, suspect, isolation)) return 'parked';
      return isolate(lane, events.slice(index + 1), through, suspect.globalPosition, isolation);
    }
    const half = events.length >> 1;
    const firstThrough = events[half]!.globalPosition - 1;
    if ((await isolate(lane, events.slice(0, half), firstThrough, from, isolation)) === 'parked') return 'parked';
    return isolate(lane, events.slice(half), through, firstThrough, isolation);
  }
}

/**
 * Poison only if it fails alone, twice, with the same error, after the connections answered each time. Parks it then.
 */
async function confirmPoison(lane: Lane, event: RecordedEvent, isolation: Isolation): Promise<boolean> {
  let first: string | null = null;
  for (;;) {
    await isolation.ping();
    try {
      await lane.apply([event], event.globalPosition);
      return false;
    } catch (error) {
      if (failureKind(error, isolation.isTransient) === 'transient') throw error;
      const described = describeError(error);
      if (first === null) {
        first = described;
        continue;
      }
      if (described !== first) throw new UnstableFailureError(event, first, described);
      await lane.park(event, described);
      return true;
    }
  }
}
