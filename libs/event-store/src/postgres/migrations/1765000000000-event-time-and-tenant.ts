import { sqlMigration } from '../../../../platform/src/database/sql-migration';

/**
 * Event time that follows log order, and the tenant of each event as a column.
 *
 * - `event_store_tenant_clocks`: the time of each tenant's newest event. Each append stamps its
 *   events with the database clock read under the counter lock, but never earlier than the
 *   tenant's clock, and moves it on: a tenant's `occurredAt` never decreases along the log
 *   (docs/event-store.md).
 * - `events.tenant_id` (from `metadata.tenantId`), indexed with the position: a follower can read
 *   one tenant's events in log order (the replay of a parked tenant) without scanning the log.
 *
 * Events written before this migration keep the times their appenders gave them.
 */
export const EventTimeAndTenant1765000000000 = sqlMigration('EventTimeAndTenant1765000000000', {
  up: [
    `ALTER TABLE events ADD COLUMN tenant_id text`,
    `UPDATE events SET tenant_id = metadata ->> 'tenantId'`,
    `CREATE TABLE event_store_tenant_clocks (tenant_id text PRIMARY KEY, last_stamp timestamptz NOT NULL)`,
    `INSERT INTO event_store_tenant_clocks (tenant_id, last_stamp)
       SELECT tenant_id, max(recorded_at) FROM events WHERE tenant_id IS NOT NULL GROUP BY tenant_id`,
    `CREATE INDEX events_tenant_position ON events (tenant_id, global_position)`,
  ],
  down: [
    `DROP INDEX events_tenant_position`,
    `DROP TABLE event_store_tenant_clocks`,
    `ALTER TABLE events DROP COLUMN tenant_id`,
  ],
});
