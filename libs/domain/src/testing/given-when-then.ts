import type { Decider } from '../shared/decider';
import { fold } from '../shared/decider';
import type { DomainErrorCode } from '../shared/errors';

/**
 * given(events) / when(command) / then(events | error) for deciders:
 *
 *   spec(userDecider).given([provisioned]).when(deleteUser).then([deleted]);
 *   spec(userDecider).given([]).when(deleteUser).thenFails('not_found');
 */
export function spec<C, S, E>(decider: Decider<C, S, E>) {
  return {
    given(events: E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: E[]): void {
              expect(run()).toEqual(expected);
            },
            thenFails(code: DomainErrorCode, message?: RegExp): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toMatchObject({ code });
              if (message) expect((caught as Error).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
