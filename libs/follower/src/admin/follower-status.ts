import type { Pool } from 'pg';
import { FollowerTables as T } from '../migrations/table-names';

export interface FollowerStatus {
  name: string;
  holder: string;
  epoch: number;
  acquiredAt: string;
  state: string | null;
  position: number | null;
  headPosition: number;
  lagEvents: number | null;
  parkedTenants: number | null;
  lastError: string | null;
  reportedAt: string | null;
}

/**
 * Every follower of this database as its active instance last reported (every ~2 s): holder,
 * epoch, state, position, lag. Any app can answer it (the gateway included), whoever runs the followers.
 */
export async function followerStatuses(pool: Pool, headPosition: number): Promise<FollowerStatus[]> {
  const { rows } = await pool.query(
    `SELECT l.name, l.holder, l.epoch, l.acquired_at, s.state, s.position, s.parked_tenants, s.last_error, s.updated_at
       FROM ${T.leases} l LEFT JOIN ${T.status} s ON s.name = l.name AND s.epoch = l.epoch
      ORDER BY l.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    holder: r.holder,
    epoch: Number(r.epoch),
    acquiredAt: new Date(r.acquired_at).toISOString(),
    state: r.state ?? null,
    position: r.position === null ? null : Number(r.position),
    headPosition,
    lagEvents: r.position === null ? null : Math.max(0, headPosition - Number(r.position)),
    parkedTenants: r.parked_tenants ?? null,
    lastError: r.last_error ?? null,
    reportedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  }));
}
