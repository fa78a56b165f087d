import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The publisher's own state: its checkpoint, and the memberships and role names it needs for
 * fan-outs (group deleted, user deleted) as of that checkpoint, so it never depends on the
 * projector. Keyed by publisher name so that several publishers could share a database.
 */
export class CreatePublisherTables1733100000000 implements MigrationInterface {
  name = 'CreatePublisherTables1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS publisher_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'running',
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS publisher_memberships (
        publisher text NOT NULL,
        tenant_id text NOT NULL,
        group_id text NOT NULL,
        user_id text NOT NULL,
        PRIMARY KEY (publisher, tenant_id, group_id, user_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX IF NOT EXISTS publisher_memberships_by_user ON publisher_memberships (publisher, tenant_id, ' +
        'user_id)',
    );
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS publisher_role_names (
        publisher text NOT NULL,
        tenant_id text NOT NULL,
        group_id text NOT NULL,
        display_name text NOT NULL,
        PRIMARY KEY (publisher, tenant_id, group_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS publisher_role_names, publisher_memberships, publisher_checkpoints');
  }
}
