import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event time that follows log order, and the tenant of each event as a column.
 *
 * - `event_store_position.last_stamp`: the time of the newest event. Each append stamps its events
 *   with the database clock read under the counter lock, but never earlier than this, and moves
 *   it on: `occurredAt` never decreases along the global log (docs/event-store.md).
 * - `events.tenant_id` (from `metadata.tenantId`), indexed with the position: a follower can read
 *   one tenant's events in log order (the replay of a parked tenant) without scanning the log.
 *
 * Events written before this migration keep the times their appenders gave them.
 */
export class EventTimeAndTenant1765000000000 implements MigrationInterface {
  name = 'EventTimeAndTenant1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE event_store_position ADD COLUMN last_stamp timestamptz NOT NULL DEFAULT '-infinity'`);
    await queryRunner.query(`UPDATE event_store_position SET last_stamp = coalesce((SELECT max(recorded_at) FROM events), '-infinity')`);
    await queryRunner.query(`ALTER TABLE events ADD COLUMN tenant_id text`);
    await queryRunner.query(`UPDATE events SET tenant_id = metadata ->> 'tenantId'`);
    await queryRunner.query(`CREATE INDEX events_tenant_position ON events (tenant_id, global_position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX events_tenant_position`);
    await queryRunner.query(`ALTER TABLE events DROP COLUMN tenant_id`);
    await queryRunner.query(`ALTER TABLE event_store_position DROP COLUMN last_stamp`);
  }
}
