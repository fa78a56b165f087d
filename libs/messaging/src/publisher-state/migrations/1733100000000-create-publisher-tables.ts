import { sqlMigration } from '../../../../platform/src/database/sql-migration';

/**
 * The publisher's own state: its checkpoint, and the memberships and role names it needs for
 * fan-outs (group deleted, user deleted) as of that checkpoint, so it never depends on the
 * projector. Keyed by publisher name so that several publishers could share a database.
 */
export const CreatePublisherTables1733100000000 = sqlMigration('CreatePublisherTables1733100000000', {
  up: [
    `
      CREATE TABLE IF NOT EXISTS publisher_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'running',
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE IF NOT EXISTS publisher_memberships (
        publisher text NOT NULL,
        tenant_id text NOT NULL,
        group_id text NOT NULL,
        user_id text NOT NULL,
        PRIMARY KEY (publisher, tenant_id, group_id, user_id)
      )`,
    'CREATE INDEX IF NOT EXISTS publisher_memberships_by_user ON publisher_memberships (publisher, tenant_id, ' +
      'user_id)',
    `
      CREATE TABLE IF NOT EXISTS publisher_role_names (
        publisher text NOT NULL,
        tenant_id text NOT NULL,
        group_id text NOT NULL,
        display_name text NOT NULL,
        PRIMARY KEY (publisher, tenant_id, group_id)
      )`,
  ],
  down: ['DROP TABLE IF EXISTS publisher_role_names, publisher_memberships, publisher_checkpoints'],
});
