import type { ReadModelDdl } from '../schema/read-model-ddl';
import { readModelTables } from '../schema/read-model-tables';

/**
 * The DDL of the v1 read-model tables, as the v1 migration has always created them. Frozen: v2
 * (schema/read-model-ddl.ts) replaced it, and migration 1765200000000 drops these tables. Its
 * btree indexes hold whole values, which is why v1 could not hold a 3,000-character name.
 */
const V1_TABLES = {
  users: 'public."scim_users_v1"',
  userEmails: 'public."scim_user_emails_v1"',
  userPhoneNumbers: 'public."scim_user_phone_numbers_v1"',
  userAddresses: 'public."scim_user_addresses_v1"',
  groups: 'public."scim_groups_v1"',
  groupMembers: 'public."scim_group_members_v1"',
};

export function readModelDdlV1(): ReadModelDdl {
  const t = V1_TABLES;
  const tables = readModelTables(t, () => undefined);
  const ix = (suffix: string) => `"rm_v1_${suffix}"`;
  const indexes = [
    // Entra and Okta look users up by userName eq before every create: btree on the folded name.
    // UNIQUE among live users per tenant mirrors the write model's reservation (a safety net).
    `CREATE UNIQUE INDEX ${ix('users_user_name_ci')} ON ${t.users} (tenant_id, lower(user_name))`,
    `CREATE INDEX ${ix('users_external_id')} ON ${t.users} (tenant_id, external_id)`,
    `CREATE INDEX ${ix('users_display_name_ci')} ON ${t.users} (tenant_id, lower(display_name))`,
    `CREATE INDEX ${ix('users_created_id')} ON ${t.users} (tenant_id, created, id)`,
    // co / sw / ew on userName without a full scan.
    `CREATE INDEX ${ix('users_user_name_trgm')} ON ${t.users} USING gin (lower(user_name) gin_trgm_ops)`,
    `CREATE INDEX ${ix('email_value_ci')} ON ${t.userEmails} (tenant_id, lower(value))`,
    `CREATE INDEX ${ix('email_value_trgm')} ON ${t.userEmails} USING gin (lower(value) gin_trgm_ops)`,
    `CREATE INDEX ${ix('groups_display_name_ci')} ON ${t.groups} (tenant_id, lower(display_name))`,
    `CREATE INDEX ${ix('groups_external_id')} ON ${t.groups} (tenant_id, external_id)`,
    `CREATE INDEX ${ix('groups_created_id')} ON ${t.groups} (tenant_id, created, id)`,
    `CREATE INDEX ${ix('members_user')} ON ${t.groupMembers} (tenant_id, user_id)`,
  ];
  return { tables, indexes };
}
