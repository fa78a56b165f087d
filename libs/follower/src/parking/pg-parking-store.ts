import type { Pool, PoolClient } from 'pg';
import { FollowerTables as T, PARKING_CHANNEL } from '../migrations/table-names';
import {
  HOLDING_STATUSES,
  type NewParkedEvent,
  type ParkedEvent,
  type ParkedStatus,
  type ResolvedStatus,
} from './parked-event';
import { encodeParkingSignal, type ParkingSignal } from './parking-signal';

type Db = Pick<Pool, 'query'> | PoolClient;

interface ParkedRow {
  id: string;
  follower: string;
  tenant_id: string;
  event_id: string;
  position: string;
  event_type: string;
  error: string;
  parked_at: Date;
  status: ParkedStatus;
  attempts: number;
  replayed_through: string | null;
  requested_by: string | null;
  requested_at: Date | null;
  resolved_at: Date | null;
}

const COLUMNS =
  'id, follower, tenant_id, event_id, position, event_type, error, parked_at, status, attempts, replayed_through, ' +
  'requested_by, requested_at, resolved_at';
const HOLDING = `status IN (${HOLDING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** The runtime's side of the parked-events table: every write runs inside the runtime's fenced transaction. */
export interface ParkingStore {
  holding(db: Db, follower: string): Promise<ParkedEvent[]>;
  requests(db: Db, follower: string): Promise<ParkedEvent[]>;
  park(client: PoolClient, entry: NewParkedEvent): Promise<ParkedEvent>;
  /** The parked event failed again on retry: back to parked, with the new error. */
  repark(client: PoolClient, id: number, error: string): Promise<void>;
  recordProgress(client: PoolClient, id: number, through: number): Promise<void>;
  /** Replay done: retried or skipped, and the tenant is released. */
  resolve(client: PoolClient, id: number, status: ResolvedStatus, follower: string, tenantId: string): Promise<void>;
  /** The replay found a later poison event of the same tenant: this one is done, that one holds the tenant now. */
  supersede(client: PoolClient, id: number, status: ResolvedStatus, next: NewParkedEvent): Promise<ParkedEvent>;
}

export class PgParkingStore implements ParkingStore {
  async holding(db: Db, follower: string): Promise<ParkedEvent[]> {
    const { rows } = await db.query<ParkedRow>(
      `SELECT ${COLUMNS} FROM ${T.parked} WHERE follower = $1 AND ${HOLDING} ORDER BY id`,
      [follower],
    );
    return rows.map(toParkedEvent);
  }

  async requests(db: Db, follower: string): Promise<ParkedEvent[]> {
    const { rows } = await db.query<ParkedRow>(
      `SELECT ${COLUMNS} FROM ${T.parked} WHERE follower = $1 AND status IN ('retry_requested', 'skip_requested') ` +
        `ORDER BY id`,
      [follower],
    );
    return rows.map(toParkedEvent);
  }

  async park(client: PoolClient, entry: NewParkedEvent): Promise<ParkedEvent> {
    const { rows } = await client.query<ParkedRow>(
      `INSERT INTO ${T.parked} (follower, tenant_id, event_id, position, event_type, error, status) VALUES ($1, $2, ` +
        `$3, $4, $5, $6, 'parked') RETURNING ${COLUMNS}`,
      [entry.follower, entry.tenantId, entry.eventId, entry.position, entry.eventType, entry.error],
    );
    await notify(client, {
      kind: 'held',
      follower: entry.follower,
      tenantId: entry.tenantId,
      position: entry.position,
    });
    return toParkedEvent(rows[0]!);
  }

  async repark(client: PoolClient, id: number, error: string): Promise<void> {
    await client.query(
      `UPDATE ${T.parked} SET status = 'parked', error = $2, attempts = attempts + 1, parked_at = now(), ` +
        `replayed_through = NULL WHERE id = $1`,
      [id, error],
    );
  }

  async recordProgress(client: PoolClient, id: number, through: number): Promise<void> {
    await client.query(`UPDATE ${T.parked} SET replayed_through = $2 WHERE id = $1`, [id, through]);
  }

  async resolve(client: PoolClient, id: number, status: ResolvedStatus, follower: string, tenantId: string) {
    await markResolved(client, id, status);
    await notify(client, { kind: 'released', follower, tenantId, status });
  }

  async supersede(client: PoolClient, id: number, status: ResolvedStatus, next: NewParkedEvent) {
    await markResolved(client, id, status);
    return this.park(client, next);
  }
}

export async function notify(db: Db, signal: ParkingSignal): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [PARKING_CHANNEL, encodeParkingSignal(signal)]);
}

export function toParkedEvent(row: ParkedRow): ParkedEvent {
  return {
    id: Number(row.id),
    follower: row.follower,
    tenantId: row.tenant_id,
    eventId: row.event_id,
    position: Number(row.position),
    eventType: row.event_type,
    error: row.error,
    parkedAt: row.parked_at.toISOString(),
    status: row.status,
    attempts: row.attempts,
    replayedThrough: row.replayed_through === null ? null : Number(row.replayed_through),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}

export type { ParkedRow };

async function markResolved(client: PoolClient, id: number, status: ResolvedStatus): Promise<void> {
  await client.query(`UPDATE ${T.parked} SET status = $2, resolved_at = now() WHERE id = $1`, [id, status]);
}
