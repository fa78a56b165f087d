import { sqlMigration } from '../../../platform/src/database/sql-migration';

/**
 * The console's server-side state (docs/console.md):
 * - `console_sessions_v1`: one row per signed-in browser. The browser holds only the session id
 *   (in an HttpOnly cookie); the row is found by the id's SHA-256, so a copy of the table signs
 *   nobody in. Rows live in PostgreSQL so that every gateway replica, and a restarted one, knows
 *   the session; sign-out deletes the row.
 * - `console_sign_in_failures_v1`: failed sign-ins per client address and per credential id in a
 *   fixed window, for rate limiting across replicas. Keys are hashed (no addresses at rest).
 */
export const CreateConsoleTables1765500000000 = sqlMigration('CreateConsoleTables1765500000000', {
  up: [
    `
      CREATE TABLE console_sessions_v1 (
        id_hash text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('operator', 'auditor')),
        tenant_id text,
        credential_ref text NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
    `CREATE INDEX console_sessions_v1_expires_at ON console_sessions_v1 (expires_at)`,
    `
      CREATE TABLE console_sign_in_failures_v1 (
        key_hash text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        failures integer NOT NULL
      )`,
  ],
  down: [`DROP TABLE console_sign_in_failures_v1`, `DROP TABLE console_sessions_v1`],
});
