import { DomainError, revisionOfVersion } from '@lib/domain';
import { WrongExpectedRevisionError } from '@lib/event-store';

/** Re-decisions after a lost race: enough for real contention, bounded so a hot stream cannot spin. */
export const MAX_ATTEMPTS = 3;

/**
 * Step 4's retry: a WrongExpectedRevisionError means another writer got in between our read and
 * our append. Without If-Match the command is re-read, re-decided and re-appended; with If-Match
 * the client asked for "only if unchanged", so it is a 412 instead.
 */
export async function withRetry<T>(expectedVersion: string | undefined, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (expectedVersion !== undefined) {
        throw new DomainError(
          'precondition_failed',
          `resource changed concurrently (${error.message})`,
          'write.if_match.race',
        );
      }
      if (n >= MAX_ATTEMPTS)
        throw new DomainError(
          'conflict',
          `gave up after ${n} concurrent modifications (${error.message})`,
          'write.retry.exhausted',
        );
    }
  }
}

/** If-Match against the stream revision just read (the append re-checks it atomically). */
export function checkIfMatch(expectedVersion: string | undefined, revision: number): void {
  if (expectedVersion === undefined) return;
  const expected = revisionOfVersion(expectedVersion);
  if (expected === null || expected !== revision) {
    throw new DomainError(
      'precondition_failed',
      `If-Match ${expectedVersion} does not match the current version`,
      'write.if_match.mismatch',
    );
  }
}
