import type { QualifiedTables } from './table-names';

/**
 * The CREATE TABLE statements every read-model version has had: users with their emails, phone
 * numbers and addresses, groups, memberships. v2 differs from v1 only by a STORED folded twin
 * after some text columns, which `folded` spells (v2) or leaves out (v1, `() => undefined`).
 *
 * Frozen: the v1 and v2 migrations run this, and read-model-ddl.unit.spec.ts holds both outputs
 * to the SQL they have always produced. A changed table shape is a new version, never an edit here.
 */
export function readModelTables(t: QualifiedTables, folded: (column: string) => string | undefined): string[] {
  const withFolded = (column: string) => [column, folded(column.split(' ')[0]!)];
  const child = (name: string, columns: Array<string | undefined>) =>
    `\n    ${createTable(name, [
      'tenant_id text NOT NULL',
      'user_id text NOT NULL',
      'ordinal integer NOT NULL',
      present(columns).join(', '),
      'PRIMARY KEY (tenant_id, user_id, ordinal)',
      `FOREIGN KEY (tenant_id, user_id) REFERENCES ${t.users} (tenant_id, id) ON DELETE CASCADE`,
    ])}`;
  return [
    createTable(t.users, [
      ...IDS,
      ...withFolded('user_name text NOT NULL'),
      'external_id text',
      ...withFolded('display_name text'),
      'active boolean NOT NULL',
      ...RESOURCE_COLUMNS,
    ]),
    child(t.userEmails, [...withFolded('value text'), 'type text', 'display text', '"primary" boolean']),
    child(t.userPhoneNumbers, ['value text', 'type text', 'display text', '"primary" boolean']),
    child(t.userAddresses, [
      'formatted text',
      'street_address text',
      'locality text',
      'region text',
      'postal_code text',
      'country text',
      'type text',
      '"primary" boolean',
    ]),
    createTable(t.groups, [
      ...IDS,
      ...withFolded('display_name text NOT NULL'),
      'external_id text',
      ...RESOURCE_COLUMNS,
    ]),
    // No foreign keys: membership rows are removed explicitly when a user or group is deleted,
    // and the user row is upserted (not deleted and re-inserted), so a cascade would only cost.
    createTable(t.groupMembers, [
      'tenant_id text NOT NULL',
      'group_id text NOT NULL',
      'user_id text NOT NULL',
      'PRIMARY KEY (tenant_id, group_id, user_id)',
    ]),
  ];
}

const IDS = ['tenant_id text NOT NULL', 'id text NOT NULL'];

/** The served resource and its bookkeeping, last in the users and the groups table. */
const RESOURCE_COLUMNS = [
  'resource jsonb NOT NULL',
  'version text NOT NULL',
  'stream_revision integer NOT NULL',
  'created timestamptz NOT NULL',
  'last_modified timestamptz NOT NULL',
  'PRIMARY KEY (tenant_id, id)',
];

function createTable(name: string, columns: Array<string | undefined>): string {
  return `CREATE TABLE ${name} (\n      ${present(columns).join(',\n      ')}\n    )`;
}

function present(columns: Array<string | undefined>): string[] {
  return columns.filter((column): column is string => column !== undefined);
}
