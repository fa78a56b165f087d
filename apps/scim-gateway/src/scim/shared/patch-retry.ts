import { isDomainError } from '@lib/domain';

const MAX_ATTEMPTS = 3;

/**
 * A PATCH is read → apply → write guarded by the revision read. When another writer got in
 * between, the write model answers precondition_failed; without the client's If-Match the PATCH
 * is re-applied to the newer resource (its operations are relative), a few times at most, after
 * `catchUp` lets the read model reach the newest write.
 */
export async function withPatchRetry<T>(
  ifMatch: string | undefined,
  attempt: () => Promise<T>,
  catchUp: () => Promise<void>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (ifMatch !== undefined || !isDomainError(error, 'precondition_failed') || n >= MAX_ATTEMPTS) throw error;
      await catchUp();
    }
  }
}
