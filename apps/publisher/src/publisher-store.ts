import type { MembershipRow, RoleNameRow, StateChanges, StateKeys } from '@lib/messaging';

export interface PublisherCheckpoint {
  position: number;
  status: 'running' | 'failed';
  lastError: string | null;
}

/** The publisher's durable state. PostgreSQL in production (PgPublisherStore); in memory in unit tests. */
export interface PublisherStore {
  /** The checkpoint, created at 0 when missing. */
  load(name: string): Promise<PublisherCheckpoint>;
  /** The memberships and role names a batch needs (see requiredState). */
  loadState(name: string, keys: StateKeys): Promise<{ memberships: MembershipRow[]; roleNames: RoleNameRow[] }>;
  /**
   * Advances the checkpoint from `from` to `to` and applies the batch's state changes, atomically.
   * Rejects (changing nothing) when the checkpoint is no longer at `from`: another instance moved it.
   */
  commit(name: string, from: number, to: number, changes: StateChanges): Promise<void>;
  /** Records a permanent failure (status 'failed') for operators; the position stays. */
  markFailed(name: string, lastError: string): Promise<void>;
  /** Back to running (a restart is how a fix is picked up). */
  clearFailure(name: string): Promise<void>;
}

export class CheckpointMovedError extends Error {
  constructor(name: string, expected: number, actual: number) {
    super(`publisher ${name}: checkpoint is at ${actual}, expected ${expected} (another publisher instance is running?)`);
    this.name = 'CheckpointMovedError';
  }
}
