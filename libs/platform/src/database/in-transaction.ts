import type { Pool, PoolClient } from 'pg';
import { holdClient } from './availability';

export interface TransactionOptions {
  /**
   * `deferred` commits without waiting for the WAL flush (synchronous_commit off). Right for
   * projections only: their effects and their checkpoint commit together, so a crash that loses
   * the last commits loses both, and the projection simply re-applies those events. It halves
   * the fsyncs on the write path (the event append stays durable).
   */
  durability?: 'durable' | 'deferred';
}

/**
 * Runs `work` in one transaction on a pooled connection: COMMIT on success, ROLLBACK on any error.
 * The connection carries an 'error' listener while held (a server that terminates it must not end
 * the process), and a connection that failed is discarded instead of going back to the pool.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const held = holdClient(await pool.connect());
  const client = held.client;
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    if (options.durability === 'deferred') await client.query('SET LOCAL synchronous_commit TO OFF');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    held.done();
    client.release(broken ?? held.lastError());
  }
}
