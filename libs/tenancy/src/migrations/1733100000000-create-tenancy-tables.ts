import { sqlMigration } from '../../../platform/src/database/sql-migration';

/**
 * Tenancy's own tables. None of them is the source of truth for SCIM settings or keys (that is
 * the tenant stream); they hold what an event stream is bad at:
 * - `tenancy_tenants`: the list of tenants (the event store has no cheap "list streams");
 * - `tenancy_key_usage`: when each key was last used (an event per request would drown the log);
 * - `provisioning_log`: one row per SCIM request, for admins troubleshooting an IdP.
 */
export const CreateTenancyTables1733100000000 = sqlMigration('CreateTenancyTables1733100000000', {
  up: [
    `
      CREATE TABLE tenancy_tenants (
        tenant_id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        scim_enabled boolean NOT NULL DEFAULT false,
        idp_profile text,
        basic_auth_enabled boolean NOT NULL DEFAULT false,
        stream_revision integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    `
      CREATE TABLE tenancy_key_usage (
        tenant_id text NOT NULL,
        key_id text NOT NULL,
        last_used_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key_id)
      )`,
    `
      CREATE TABLE provisioning_log (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL,
        at timestamptz NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        resource_type text,
        resource_id text,
        user_name text,
        status smallint NOT NULL,
        scim_type text,
        detail text,
        latency_ms integer NOT NULL,
        idp_profile text,
        key_id text,
        request_id text
      )`,
    `CREATE INDEX provisioning_log_tenant_at ON provisioning_log (tenant_id, at DESC, id DESC)`,
    `CREATE INDEX provisioning_log_tenant_user ON provisioning_log (tenant_id, lower(user_name), at DESC) ` +
      `WHERE user_name IS NOT NULL`,
    `CREATE INDEX provisioning_log_tenant_resource ON provisioning_log (tenant_id, resource_id, at DESC) ` +
      `WHERE resource_id IS NOT NULL`,
    `CREATE INDEX provisioning_log_at ON provisioning_log (at)`,
  ],
  down: [`DROP TABLE provisioning_log`, `DROP TABLE tenancy_key_usage`, `DROP TABLE tenancy_tenants`],
});
