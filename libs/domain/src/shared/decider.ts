/**
 * A decider: the pure heart of an aggregate. `decide` turns a command into events (or throws a
 * DomainError), `evolve` folds events into state. No I/O, no clock, no randomness.
 */
export interface Decider<Command, State, Event> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** State after the given events. */
export function fold<State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}
