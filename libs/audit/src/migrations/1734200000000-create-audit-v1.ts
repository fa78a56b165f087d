import { sqlMigration } from '../../../platform/src/database/sql-migration';

const AUDIT_DDL = [
  `CREATE TABLE audit_user_status_v1 (
     id bigserial PRIMARY KEY,
     tenant_id text NOT NULL,
     user_id text NOT NULL,
     status text NOT NULL CHECK (status IN ('active', 'inactive', 'deleted')),
     valid_from timestamptz NOT NULL,
     valid_to timestamptz,
     actor jsonb NOT NULL,
     request_id text NOT NULL,
     event_id uuid NOT NULL,
     position bigint NOT NULL,
     closed_actor jsonb,
     closed_request_id text,
     closed_event_id uuid
   )`,
  `CREATE UNIQUE INDEX audit_user_status_v1_open ON audit_user_status_v1 (tenant_id, user_id) WHERE ` +
    `closed_event_id IS NULL`,
  // COLLATE "C": answers are ordered and keyset-paged in code-unit order; the index must match to serve them.
  `CREATE INDEX audit_user_status_v1_user ON audit_user_status_v1 (tenant_id, user_id COLLATE "C", valid_from)`,
  `CREATE INDEX audit_user_status_v1_at ON audit_user_status_v1 (tenant_id, status, valid_from)`,
  `CREATE TABLE audit_user_names_v1 (
     tenant_id text NOT NULL,
     user_id text NOT NULL,
     user_name text NOT NULL,
     valid_from timestamptz NOT NULL,
     position bigint NOT NULL,
     event_id uuid NOT NULL,
     PRIMARY KEY (tenant_id, user_id, position)
   )`,
  `CREATE TABLE audit_roles_v1 (
     tenant_id text NOT NULL,
     group_id text NOT NULL,
     display_name text NOT NULL,
     created_at timestamptz NOT NULL,
     deleted_at timestamptz,
     PRIMARY KEY (tenant_id, group_id)
   )`,
  `CREATE TABLE audit_role_names_v1 (
     tenant_id text NOT NULL,
     group_id text NOT NULL,
     display_name text NOT NULL,
     valid_from timestamptz NOT NULL,
     position bigint NOT NULL,
     PRIMARY KEY (tenant_id, group_id, position)
   )`,
  `CREATE TABLE audit_role_memberships_v1 (
     id bigserial PRIMARY KEY,
     tenant_id text NOT NULL,
     group_id text NOT NULL,
     user_id text NOT NULL,
     granted_at timestamptz NOT NULL,
     granted_by jsonb NOT NULL,
     granted_request_id text NOT NULL,
     granted_event_id uuid NOT NULL,
     granted_position bigint NOT NULL,
     revoked_at timestamptz,
     revoked_by jsonb,
     revoked_request_id text,
     revoked_event_id uuid,
     revoke_reason text CHECK (revoke_reason IN ('removed', 'group_deleted', 'user_deleted'))
   )`,
  `CREATE UNIQUE INDEX audit_role_memberships_v1_open ON audit_role_memberships_v1 (tenant_id, group_id, ` +
    `user_id) WHERE revoked_event_id IS NULL`,
  `CREATE INDEX audit_role_memberships_v1_user ON audit_role_memberships_v1 (tenant_id, user_id, group_id, granted_at)`,
  `CREATE INDEX audit_role_memberships_v1_group ON audit_role_memberships_v1 (tenant_id, group_id, granted_at)`,
  `CREATE TABLE audit_records_v1 (
     tenant_id text NOT NULL,
     seq bigint NOT NULL,
     position bigint NOT NULL,
     event_id uuid NOT NULL,
     event_type text NOT NULL,
     action text NOT NULL,
     user_id text,
     group_id text,
     occurred_at timestamptz NOT NULL,
     actor jsonb NOT NULL,
     request_id text NOT NULL,
     correlation_id text NOT NULL,
     changes jsonb NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     PRIMARY KEY (tenant_id, seq)
   )`,
  `CREATE INDEX audit_records_v1_user ON audit_records_v1 (tenant_id, user_id, seq)`,
  `CREATE INDEX audit_records_v1_event ON audit_records_v1 (event_id)`,
  `CREATE TABLE audit_checkpoints_v1 (
     name text PRIMARY KEY,
     position bigint NOT NULL DEFAULT 0,
     status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'failed')),
     failed_event_id uuid,
     last_error text,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE audit_auditor_credentials_v1 (
     id text PRIMARY KEY,
     tenant_id text NOT NULL,
     secret_hash text NOT NULL,
     created_at timestamptz NOT NULL,
     created_request_id text,
     revoked_at timestamptz,
     revoked_request_id text
   )`,
  `CREATE INDEX audit_auditor_credentials_v1_tenant ON audit_auditor_credentials_v1 (tenant_id, created_at)`,
];

/**
 * Audit projection v1: status and role intervals, name histories, the hash-chained record of
 * every change, the projection's checkpoint and the auditor credentials.
 *
 * Intervals are half-open [from, to): at an instant T a row holds when from <= T < to (or to is
 * null). An interval is "open" while its closing event is null (a unique index keeps at most one
 * open interval per user / per membership, which the projection relies on).
 */
export const CreateAuditV11734200000000 = sqlMigration('CreateAuditV11734200000000', {
  up: AUDIT_DDL,
  down: [
    'DROP TABLE IF EXISTS audit_user_status_v1, audit_user_names_v1, audit_roles_v1, audit_role_names_v1, ' +
      'audit_role_memberships_v1, audit_records_v1, audit_checkpoints_v1, audit_auditor_credentials_v1',
  ],
});
