import type { SqlExecutor } from '../projection/sql-executor';
import { CHECKPOINT_CHANNEL, CHECKPOINT_TABLE } from '../schema/table-names';

export type CheckpointStatus = 'running' | 'failed';

export interface Checkpoint {
  name: string;
  position: number;
  status: CheckpointStatus;
  lastError: string | null;
  updatedAt: Date;
}

/** Creates the row at position 0 the first time a projection runs. */
export async function ensureCheckpoint(db: SqlExecutor, name: string): Promise<void> {
  await db.query(`INSERT INTO ${CHECKPOINT_TABLE} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
}

export async function readCheckpoint(
  db: SqlExecutor,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<Checkpoint | undefined> {
  const { rows } = await db.query(
    `SELECT name, position, status, last_error, updated_at FROM ${CHECKPOINT_TABLE} WHERE name = ` +
      `$1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [name],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    name: row.name,
    position: Number(row.position),
    status: row.status,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}

/**
 * Records progress (and a failure, if any) and signals waiters. Call inside the batch's
 * transaction: NOTIFY is delivered at commit, so a listener never hears of a position whose rows
 * it cannot see yet.
 */
export async function saveCheckpoint(
  db: SqlExecutor,
  name: string,
  position: number,
  failure: { lastError: string } | null,
): Promise<void> {
  await db.query(
    `UPDATE ${CHECKPOINT_TABLE} SET position = $2, status = $3, last_error = $4, updated_at = now() WHERE name = $1`,
    [name, position, failure ? 'failed' : 'running', failure ? failure.lastError : null],
  );
  await db.query('SELECT pg_notify($1, $2)', [CHECKPOINT_CHANNEL, `${name}:${position}`]);
}

/** Clears a failure so the projection runs again (after a fix, via retry or restart). */
export async function clearFailure(db: SqlExecutor, name: string): Promise<void> {
  await db.query(
    `UPDATE ${CHECKPOINT_TABLE} SET status = 'running', last_error = NULL, updated_at = now() WHERE name = $1`,
    [name],
  );
}
