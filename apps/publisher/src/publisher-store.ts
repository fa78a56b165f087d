import type { Pool, PoolClient } from 'pg';
import type { MembershipRow, RoleNameRow, StateChanges, StateKeys } from '@lib/messaging';

/** The publisher's durable state. PostgreSQL in production (PgPublisherStore); in memory in unit tests. */
export interface PublisherStore {
  /** The checkpoint, created at 0 when missing. */
  load(db: Pick<Pool, 'query'>, name: string): Promise<number>;
  /** The memberships and role names a batch needs (see requiredState). */
  loadState(name: string, keys: StateKeys): Promise<{ memberships: MembershipRow[]; roleNames: RoleNameRow[] }>;
  /**
   * Inside the runtime's fenced transaction: applies the batch's state changes and moves the
   * checkpoint from `from` to `to` (`to` null: a held tenant's replay, the checkpoint stays).
   * Rejects (changing nothing) when the checkpoint is no longer at `from`.
   */
  commit(client: PoolClient, name: string, from: number, to: number | null, changes: StateChanges): Promise<void>;
}

export class CheckpointMovedError extends Error {
  constructor(name: string, expected: number, actual: number) {
    super(`publisher ${name}: checkpoint is at ${actual}, expected ${expected}`);
    this.name = 'CheckpointMovedError';
  }
}
