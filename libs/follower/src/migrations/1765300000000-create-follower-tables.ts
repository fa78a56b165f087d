import { sqlMigration } from '../../../platform/src/database/sql-migration';

/**
 * The follower runtime (libs/follower): the leader lease with its fencing epoch, what the active
 * instance reports about itself, and parked (poison) events. Checkpoints stay where each
 * follower keeps them (projector_checkpoints, audit_checkpoints_v1, publisher_checkpoints).
 */
export const CreateFollowerTables1765300000000 = sqlMigration('CreateFollowerTables1765300000000', {
  up: [
    `
      CREATE TABLE follower_leases (
        name text PRIMARY KEY,
        epoch bigint NOT NULL,
        holder text NOT NULL,
        acquired_at timestamptz NOT NULL
      )`,
    `
      CREATE TABLE follower_status (
        name text PRIMARY KEY,
        holder text NOT NULL,
        epoch bigint NOT NULL,
        state text NOT NULL,
        position bigint NOT NULL,
        parked_tenants integer NOT NULL,
        last_error text,
        updated_at timestamptz NOT NULL
      )`,
    `
      CREATE TABLE parked_events (
        id bigserial PRIMARY KEY,
        follower text NOT NULL,
        tenant_id text NOT NULL,
        event_id text NOT NULL,
        position bigint NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('parked', 'retry_requested', 'skip_requested', 'retried', 'skipped')),
        attempts integer NOT NULL DEFAULT 1,
        replayed_through bigint,
        requested_by text,
        requested_at timestamptz,
        resolved_at timestamptz
      )`,
    // One holding entry per (follower, tenant): the tenant's later events wait behind it.
    `CREATE UNIQUE INDEX parked_events_holding ON parked_events (follower, tenant_id) WHERE status IN ('parked', ` +
      `'retry_requested', 'skip_requested')`,
    'CREATE INDEX parked_events_by_tenant ON parked_events (tenant_id, parked_at)',
  ],
  down: ['DROP TABLE IF EXISTS parked_events, follower_status, follower_leases'],
});
