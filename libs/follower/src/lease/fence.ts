import type { PoolClient } from 'pg';
import { LeaseLostError } from '../errors/error-kinds';
import { FollowerTables } from '../migrations/table-names';

/**
 * Inside a commit of the leader: the lease row must still carry this leader's epoch. FOR SHARE
 * holds the row until the commit, so a new leader's epoch bump (an UPDATE of that row) waits for
 * this commit, and every later commit of the old leader finds the new epoch and is refused.
 */
export async function assertLease(client: PoolClient, follower: string, epoch: number): Promise<void> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM ${FollowerTables.leases} WHERE name = $1 AND epoch = $2 FOR SHARE`,
    [follower, epoch],
  );
  if (rowCount !== 1) throw new LeaseLostError(follower, epoch);
}
