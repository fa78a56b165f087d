/**
 * Read-model table names. The version suffix is part of the projection's identity: a projection
 * whose shape or meaning changes gets new tables (v2) filled by replay, and the old ones are
 * dropped once nothing reads them (ZITADEL's habit; see docs/read-model.md "Rebuild").
 */
export const READ_MODEL_VERSION = 'v2';

export const TableNames = {
  users: `scim_users_${READ_MODEL_VERSION}`,
  userEmails: `scim_user_emails_${READ_MODEL_VERSION}`,
  userPhoneNumbers: `scim_user_phone_numbers_${READ_MODEL_VERSION}`,
  userAddresses: `scim_user_addresses_${READ_MODEL_VERSION}`,
  groups: `scim_groups_${READ_MODEL_VERSION}`,
  groupMembers: `scim_group_members_${READ_MODEL_VERSION}`,
} as const;

/** Not versioned: one row per projection name, and the name carries the version. */
export const CHECKPOINT_TABLE = 'projector_checkpoints';

/** The checkpoint name of the SCIM read model projection (users, groups and memberships together). */
export const SCIM_PROJECTION_NAME = `scim_read_model_${READ_MODEL_VERSION}`;

/** The NOTIFY channel the projector signals after each committed batch: payload `<name>:<position>`. */
export const CHECKPOINT_CHANNEL = 'projector_checkpoint';

export type TableKey = keyof typeof TableNames;

/** Fully qualified, quoted table names in one schema: the live tables (`public`) or a rebuild schema. */
export type QualifiedTables = { readonly [K in TableKey]: string };

export function qualifiedTables(schema = 'public'): QualifiedTables {
  const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  const entries = Object.entries(TableNames).map(([key, table]) => [key, `${quote(schema)}.${quote(table)}`]);
  return Object.freeze(Object.fromEntries(entries)) as QualifiedTables;
}

export const LIVE_TABLES = qualifiedTables('public');
