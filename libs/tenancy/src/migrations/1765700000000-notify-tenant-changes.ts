import { sqlMigration } from '../../../platform/src/database/sql-migration';

/**
 * `NOTIFY tenant_changed '<tenantId>'` whenever an event is appended to a tenant stream
 * (`tenant-{tenantId}`), from the transaction that appends it: delivered at its commit, to every
 * listening process, whoever wrote the event. The gateways' authentication caches
 * (auth/tenant-auth-cache.ts) drop that tenant on it, so a revoked or rotated key stops working
 * everywhere as soon as the revocation commits.
 *
 * A row trigger with a WHEN clause: for every other stream the condition is false and nothing is
 * queued, so bulk appends pay one prefix comparison per row. PostgreSQL folds identical
 * notifications of one transaction into one.
 */
export const NotifyTenantChanges1765700000000 = sqlMigration('NotifyTenantChanges1765700000000', {
  up: [
    `
      CREATE FUNCTION tenancy_notify_tenant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tenant_changed', substr(NEW.stream_id, length('tenant-') + 1));
        RETURN NULL;
      END $$`,
    `
      CREATE TRIGGER tenancy_tenant_changed AFTER INSERT ON events
      FOR EACH ROW WHEN (NEW.stream_id LIKE 'tenant-%')
      EXECUTE FUNCTION tenancy_notify_tenant_changed()`,
  ],
  down: [`DROP TRIGGER tenancy_tenant_changed ON events`, `DROP FUNCTION tenancy_notify_tenant_changed()`],
});
