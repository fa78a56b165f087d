import { AuditTables } from '../schema/table-names';
import type { SqlExecutor } from './sql';

export interface AuditCheckpoint {
  position: number;
  status: 'running' | 'failed';
  failedEventId: string | null;
  lastError: string | null;
}

export async function ensureAuditCheckpoint(db: SqlExecutor, name: string): Promise<void> {
  await db.query(`INSERT INTO ${AuditTables.checkpoints} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
}

export async function readAuditCheckpoint(db: SqlExecutor, name: string, forUpdate = false): Promise<AuditCheckpoint | undefined> {
  const { rows } = await db.query(
    `SELECT position, status, failed_event_id, last_error FROM ${AuditTables.checkpoints} WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [name],
  );
  const row = rows[0];
  return row ? { position: Number(row.position), status: row.status, failedEventId: row.failed_event_id, lastError: row.last_error } : undefined;
}

export async function saveAuditCheckpoint(db: SqlExecutor, name: string, position: number, failure?: { eventId: string; error: string }): Promise<void> {
  await db.query(
    `UPDATE ${AuditTables.checkpoints} SET position = $2, status = $3, failed_event_id = $4, last_error = $5, updated_at = now() WHERE name = $1`,
    [name, position, failure ? 'failed' : 'running', failure?.eventId ?? null, failure?.error ?? null],
  );
}
