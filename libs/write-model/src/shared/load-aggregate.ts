import { upcasters, type DomainEvent } from '@lib/domain';
import type { EventStore, RecordedEvent } from '@lib/event-store';

export interface Loaded<State> {
  state: State;
  /** The revision of the stream's last event, -1 when the stream does not exist. */
  revision: number;
  /** Global position of the stream's newest event, 0 when none. */
  lastGlobalPosition: number;
  events: RecordedEvent[];
}

/** Steps 1 and 2 of every handler: read the stream, upcast, fold with evolve. */
export async function loadAggregate<State, Event>(
  store: EventStore,
  streamId: string,
  decider: { initialState: State; evolve(state: State, event: Event): State },
): Promise<Loaded<State>> {
  const events = await store.readStream(streamId);
  const state = events.reduce(
    (current, recorded) =>
      decider.evolve(current, upcasters.upcast<DomainEvent<string, object>>(asDomainEvent(recorded)) as Event),
    decider.initialState,
  );
  const last = events[events.length - 1];
  return {
    state,
    revision: last ? last.streamRevision : -1,
    lastGlobalPosition: last ? last.globalPosition : 0,
    events,
  };
}

export function asDomainEvent(recorded: RecordedEvent): DomainEvent<string, object> {
  return { type: recorded.type, version: recorded.metadata.schemaVersion ?? 1, data: recorded.data };
}
