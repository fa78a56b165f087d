import { USER_CHILD_TABLES } from '../schema/read-model-ddl';
import type { QualifiedTables } from '../schema/table-names';
import { splitKey, type ReadModelDraft } from './draft';
import { keyColumns } from './load-draft';
import { userChildRows, type GroupRow, type UserRow } from './rows';
import type { SqlExecutor } from './sql-executor';

/** Rows per statement: large enough to amortise round trips, small enough to keep one JSON parameter modest. */
const CHUNK = 2000;

/**
 * Writes a draft back: every changed user and group is deleted and re-inserted (so a batch that
 * swaps two userNames never trips the unique index halfway; one the load found absent is only
 * inserted: a bulk of new users costs no DELETE), child rows follow their user, and
 * memberships are applied as final pair states. Rows travel as one JSON parameter per chunk
 * (json_to_recordset), i.e. multi-row statements with no user input in the SQL text.
 */
export async function writeDraft(
  db: SqlExecutor,
  tables: QualifiedTables,
  draft: ReadModelDraft,
  options: { intoEmptyTables?: boolean } = {},
): Promise<void> {
  const liveUsers: UserRow[] = [];
  for (const key of draft.dirtyUsers) {
    const row = draft.users.get(key);
    if (row) liveUsers.push(row);
  }
  const liveGroups: GroupRow[] = [];
  for (const key of draft.dirtyGroups) {
    const row = draft.groups.get(key);
    if (row) liveGroups.push(row);
  }

  // A rebuild writes into fresh tables: nothing to delete.
  if (!options.intoEmptyTables) {
    await deleteUsersWithChildren(db, tables, stored(draft.dirtyUsers, draft.storedAbsentUsers));
    await deleteByKeys(db, tables.groups, 'id', stored(draft.dirtyGroups, draft.storedAbsentGroups));
    await deleteByKeys(db, tables.groupMembers, 'group_id', draft.clearedGroups);
    await deleteByKeys(db, tables.groupMembers, 'user_id', draft.clearedUsers);
  }

  for (const chunk of chunks(liveUsers)) await insertUsers(db, tables, chunk);
  for (const chunk of chunks(liveGroups)) {
    await db.query(
      `INSERT INTO ${tables.groups} (tenant_id, id, display_name, external_id, resource, version, stream_revision,
      created, last_modified)
       SELECT tenant_id, id, display_name, external_id, resource, version, stream_revision, created, last_modified
       FROM json_to_recordset($1::json) AS r(tenant_id text, id text, display_name text, external_id text, resource
       jsonb,
            version text, stream_revision integer, created timestamptz, last_modified timestamptz)`,
      [JSON.stringify(chunk.map(groupRecord))],
    );
  }

  const removed: string[][] = [];
  const added: Array<Array<string | null>> = [];
  for (const [pair, isMember] of draft.memberships) {
    if (isMember) added.push([...splitKey(pair), draft.memberDisplays.get(pair) ?? null]);
    else removed.push(splitKey(pair));
  }
  for (const chunk of options.intoEmptyTables ? [] : chunks(removed)) {
    await db.query(
      `DELETE FROM ${tables.groupMembers} m USING unnest($1::text[], $2::text[], $3::text[]) AS k(tenant_id,
      group_id, user_id)
       WHERE m.tenant_id = k.tenant_id AND m.group_id = k.group_id AND m.user_id = k.user_id`,
      transpose(chunk, 3),
    );
  }
  // A pair added again (removed and re-added within the batch) takes the display of its last add.
  for (const chunk of chunks(added)) {
    await db.query(
      `INSERT INTO ${tables.groupMembers} (tenant_id, group_id, user_id, display)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (tenant_id, group_id, user_id) DO UPDATE SET display = EXCLUDED.display`,
      transpose(chunk, 4),
    );
  }
}

/** The changed rows the database may hold: all but those the load found absent (a new user has nothing to delete). */
function stored(dirty: Set<string>, storedAbsent: Set<string>): Set<string> {
  if (storedAbsent.size === 0) return dirty;
  const keys = new Set<string>();
  for (const key of dirty) if (!storedAbsent.has(key)) keys.add(key);
  return keys;
}

async function insertUsers(db: SqlExecutor, tables: QualifiedTables, users: UserRow[]): Promise<void> {
  await db.query(
    `INSERT INTO ${tables.users} (tenant_id, id, user_name, external_id, display_name, active, resource, version,
    stream_revision, created, last_modified)
     SELECT tenant_id, id, user_name, external_id, display_name, active, resource, version, stream_revision,
     created, last_modified
     FROM json_to_recordset($1::json) AS r(tenant_id text, id text, user_name text, external_id text, display_name
     text, active boolean,
          resource jsonb, version text, stream_revision integer, created timestamptz, last_modified timestamptz)`,
    [JSON.stringify(users.map(userRecord))],
  );
  const emails: object[] = [];
  const phones: object[] = [];
  const addresses: object[] = [];
  for (const user of users) {
    const children = userChildRows(user.resource);
    const owner = { tenant_id: user.tenantId, user_id: user.id };
    for (const e of children.emails) emails.push({ ...owner, ...e });
    for (const p of children.phoneNumbers) phones.push({ ...owner, ...p });
    for (const a of children.addresses) {
      addresses.push({ ...owner, ...a, street_address: a.streetAddress, postal_code: a.postalCode });
    }
  }
  // Column lists, not SELECT *: the tables have generated columns (value_fold) after `value`.
  const multiValued = 'tenant_id, user_id, ordinal, value, type, display, "primary"';
  const multiValuedTypes =
    'tenant_id text, user_id text, ordinal integer, value text, type text, display text, "primary" boolean';
  if (emails.length > 0) {
    await db.query(
      `INSERT INTO ${tables.userEmails} (${multiValued}) SELECT * FROM json_to_recordset($1::json) AS ` +
        `r(${multiValuedTypes})`,
      [JSON.stringify(emails)],
    );
  }
  if (phones.length > 0) {
    await db.query(
      `INSERT INTO ${tables.userPhoneNumbers} (${multiValued}) SELECT * FROM json_to_recordset($1::json) AS ` +
        `r(${multiValuedTypes})`,
      [JSON.stringify(phones)],
    );
  }
  if (addresses.length > 0) {
    await db.query(
      `INSERT INTO ${tables.userAddresses} (tenant_id, user_id, ordinal, formatted, street_address, locality,
      region, postal_code, country, type, "primary")
       SELECT * FROM json_to_recordset($1::json) AS r(tenant_id text, user_id text, ordinal integer, formatted
       text, street_address text,
            locality text, region text, postal_code text, country text, type text, "primary" boolean)`,
      [JSON.stringify(addresses)],
    );
  }
}

/** A user's emails, phone numbers and addresses go with it, in the same statement (no foreign keys cascade). */
async function deleteUsersWithChildren(db: SqlExecutor, tables: QualifiedTables, keys: Set<string>): Promise<void> {
  const children = USER_CHILD_TABLES.map(
    (key, i) => `c${i} AS (DELETE FROM ${tables[key]} t USING k WHERE t.tenant_id = k.tenant_id AND t.user_id = k.id)`,
  );
  for (const chunk of chunks([...keys])) {
    await db.query(
      `WITH k AS (SELECT * FROM unnest($1::text[], $2::text[]) AS k(tenant_id, id)), ${children.join(', ')}
       DELETE FROM ${tables.users} t USING k WHERE t.tenant_id = k.tenant_id AND t.id = k.id`,
      keyColumns(chunk),
    );
  }
}

async function deleteByKeys(db: SqlExecutor, table: string, idColumn: string, keys: Set<string>): Promise<void> {
  for (const chunk of chunks([...keys])) {
    await db.query(
      `DELETE FROM ${table} t USING unnest($1::text[], $2::text[]) AS k(tenant_id, id)
       WHERE t.tenant_id = k.tenant_id AND t.${idColumn} = k.id`,
      keyColumns(chunk),
    );
  }
}

const userRecord = (u: UserRow) => ({
  tenant_id: u.tenantId,
  id: u.id,
  user_name: u.userName,
  external_id: u.externalId,
  display_name: u.displayName,
  active: u.active,
  resource: u.resource,
  version: u.version,
  stream_revision: u.streamRevision,
  created: u.created,
  last_modified: u.lastModified,
});

const groupRecord = (g: GroupRow) => ({
  tenant_id: g.tenantId,
  id: g.id,
  display_name: g.displayName,
  external_id: g.externalId,
  resource: g.resource,
  version: g.version,
  stream_revision: g.streamRevision,
  created: g.created,
  last_modified: g.lastModified,
});

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}

function transpose<T>(rows: T[][], width: number): T[][] {
  const columns: T[][] = Array.from({ length: width }, () => []);
  for (const row of rows) for (let i = 0; i < width; i++) columns[i].push(row[i]);
  return columns;
}
