import type { RecordedEvent } from '@lib/event-store';
import type { ReadModelDraft } from './draft';
import { ProjectionError, toProjectedEvent } from './projected-event';
import { reducerFor } from './scim-projection';

export interface ProjectionFailure {
  eventId: string;
  globalPosition: number;
  type: string;
  reason: string;
}

export interface FoldOutcome {
  /** Global position of the last event folded (or passed over as not ours); null when none was. */
  appliedThrough: number | null;
  /** The event that could not be applied; nothing after it was folded. */
  failure?: ProjectionFailure;
}

/**
 * Folds events, in order, into the draft. Pure apart from the draft: no database, so the whole
 * projection logic is unit-tested with plain objects. Stops at the first event that cannot be
 * applied; reducers validate before they mutate, so the draft holds exactly the events before it.
 */
export function foldEvents(draft: ReadModelDraft, events: readonly RecordedEvent[]): FoldOutcome {
  let appliedThrough: number | null = null;
  for (const recorded of events) {
    try {
      const event = toProjectedEvent(recorded);
      const reducer = event && reducerFor(event.type);
      if (event && reducer) reducer(draft, event);
    } catch (error) {
      return { appliedThrough, failure: describeFailure(recorded, error) };
    }
    appliedThrough = recorded.globalPosition;
  }
  return { appliedThrough };
}

export function describeFailure(recorded: RecordedEvent, error: unknown): ProjectionFailure {
  const reason =
    error instanceof ProjectionError
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return { eventId: recorded.eventId, globalPosition: recorded.globalPosition, type: recorded.type, reason };
}

export function formatFailure(failure: ProjectionFailure): string {
  return `event ${failure.eventId} (${failure.type} at position ${failure.globalPosition}): ${failure.reason}`;
}
