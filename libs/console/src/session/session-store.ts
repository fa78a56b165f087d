import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@lib/platform';
import { ConsoleTables } from '../migrations';
import type { ConsoleRole, ConsoleSession } from './console-session';

interface SessionRow {
  role: ConsoleRole;
  tenant_id: string | null;
  credential_ref: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

/** Sessions in PostgreSQL, keyed by the SHA-256 of the session id (the id itself is never stored). */
@Injectable()
export class SessionStore {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insert(idHash: string, session: ConsoleSession): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${ConsoleTables.sessions} (id_hash, role, tenant_id, credential_ref, csrf_token, created_at,
        last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        idHash,
        session.role,
        session.tenantId,
        session.credentialRef,
        session.csrfToken,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
      ],
    );
  }

  /** The session of this id hash; undefined when there is no such row. */
  async find(idHash: string): Promise<{ session: ConsoleSession } | undefined> {
    const { rows } = await this.pool.query<SessionRow>(
      `SELECT s.role, s.tenant_id, s.credential_ref, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at
         FROM ${ConsoleTables.sessions} s WHERE s.id_hash = $1`,
      [idHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      session: {
        role: row.role,
        tenantId: row.tenant_id,
        credentialRef: row.credential_ref,
        csrfToken: row.csrf_token,
        createdAt: new Date(row.created_at),
        lastSeenAt: new Date(row.last_seen_at),
        expiresAt: new Date(row.expires_at),
      },
    };
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.pool.query(`UPDATE ${ConsoleTables.sessions} SET last_seen_at = $2 WHERE id_hash = $1`, [idHash, at]);
  }

  async delete(idHash: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${ConsoleTables.sessions} WHERE id_hash = $1`, [idHash]);
  }

  /** Rows past their absolute end or idle for longer than idleTimeoutMs; returns how many. */
  async deleteExpired(now: Date, idleTimeoutMs: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM ${ConsoleTables.sessions} WHERE expires_at <= $1 OR last_seen_at <= $2`,
      [now, new Date(now.getTime() - idleTimeoutMs)],
    );
    return rowCount ?? 0;
  }
}
