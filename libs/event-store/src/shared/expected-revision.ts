import type { ExpectedRevision } from '../event-store.port';
import { WrongExpectedRevisionError } from '../errors';

/** -1 is "no stream" in revision arithmetic (the revision of a stream's last event is 0-based). */
export const NO_STREAM = -1;

/** Throws WrongExpectedRevisionError unless `current` satisfies `expected`. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === NO_STREAM) ||
    (expected === 'stream_exists' && current !== NO_STREAM) ||
    (typeof expected === 'number' && expected === current);
  if (!ok)
    throw new WrongExpectedRevisionError(
      streamId,
      String(expected),
      current === NO_STREAM ? 'no_stream' : String(current),
    );
}
