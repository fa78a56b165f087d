import { AuditTables } from '../schema/table-names';
import type { SqlExecutor } from './sql';

/**
 * The audit projection's checkpoint row (`audit_checkpoints_v1`). Its `status`, `failed_event_id`
 * and `last_error` columns date from before parking: a failing event no longer stops the
 * projection (it is parked, see docs/architecture.md), so they stay `running` and empty.
 */
export async function ensureAuditCheckpoint(db: SqlExecutor, name: string): Promise<void> {
  await db.query(`INSERT INTO ${AuditTables.checkpoints} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
}

export async function readAuditPosition(db: SqlExecutor, name: string, forUpdate = false): Promise<number | undefined> {
  const { rows } = await db.query(
    `SELECT position FROM ${AuditTables.checkpoints} WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [name],
  );
  return rows[0] ? Number(rows[0].position) : undefined;
}

export async function saveAuditPosition(db: SqlExecutor, name: string, position: number): Promise<void> {
  await db.query(
    `UPDATE ${AuditTables.checkpoints} SET position = $2, status = 'running', failed_event_id = NULL, last_error = NULL,
      updated_at = now() WHERE name = $1`,
    [name, position],
  );
}
