import type { RecordedEvent } from '@lib/event-store';
import type { QualifiedTables } from '../schema/table-names';
import { ReadModelDraft, rowKey, splitKey } from './draft';
import type { GroupRow, UserRow } from './rows';
import type { DbRow, SqlExecutor } from './sql-executor';

/**
 * Loads the rows a batch of events touches into a fresh draft: the users and groups the events
 * are about, and which of the users they name only as members exist (an add checks that; their
 * rows are not needed). Ids the table lacks are recorded as absent, in the draft and as stored (a
 * new user is inserted without deleting its rows first). Three queries per batch at most, whatever
 * its size.
 */
export async function loadDraft(
  db: SqlExecutor,
  tables: QualifiedTables,
  events: readonly RecordedEvent[],
): Promise<ReadModelDraft> {
  const userKeys = new Set<string>();
  const memberKeys = new Set<string>();
  const groupKeys = new Set<string>();
  for (const { data } of events) {
    const tenantId = data.tenantId;
    if (typeof tenantId !== 'string') continue;
    if (typeof data.userId === 'string') userKeys.add(rowKey(tenantId, data.userId));
    if (typeof data.groupId === 'string') groupKeys.add(rowKey(tenantId, data.groupId));
    if (Array.isArray(data.memberIds))
      for (const id of data.memberIds) if (typeof id === 'string') memberKeys.add(rowKey(tenantId, id));
  }
  for (const key of userKeys) memberKeys.delete(key);
  const draft = new ReadModelDraft();
  for (const key of userKeys) draft.users.set(key, null);
  for (const key of groupKeys) draft.groups.set(key, null);
  if (userKeys.size > 0) {
    const { rows } = await db.query(
      `SELECT ${USER_COLUMNS} FROM ${tables.users} u JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, id) USING ` +
        `(tenant_id, id)`,
      keyColumns(userKeys),
    );
    for (const row of rows) draft.users.set(rowKey(row.tenant_id, row.id), userFromDb(row));
  }
  for (const [key, row] of draft.users) if (row === null) draft.storedAbsentUsers.add(key);
  if (memberKeys.size > 0) {
    const { rows } = await db.query(
      `SELECT u.tenant_id, u.id FROM ${tables.users} u JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, id) ` +
        `USING (tenant_id, id)`,
      keyColumns(memberKeys),
    );
    for (const row of rows) draft.storedMembers.add(rowKey(row.tenant_id, row.id));
  }
  if (groupKeys.size > 0) {
    const { rows } = await db.query(
      `SELECT ${GROUP_COLUMNS} FROM ${tables.groups} g JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, id) ` +
        `USING (tenant_id, id)`,
      keyColumns(groupKeys),
    );
    for (const row of rows) draft.groups.set(rowKey(row.tenant_id, row.id), groupFromDb(row));
  }
  for (const [key, row] of draft.groups) if (row === null) draft.storedAbsentGroups.add(key);
  return draft;
}

// The rows' own columns: the stored folds (`*_fold`) are derived by the database, never read back.
const USER_COLUMNS =
  'u.tenant_id, u.id, u.user_name, u.external_id, u.display_name, u.active, u.resource, u.version, ' +
  'u.stream_revision, u.created, u.last_modified';
const GROUP_COLUMNS =
  'g.tenant_id, g.id, g.display_name, g.external_id, g.resource, g.version, g.stream_revision, g.created, ' +
  'g.last_modified';

export function keyColumns(keys: Iterable<string>): [string[], string[]] {
  const tenants: string[] = [];
  const ids: string[] = [];
  for (const key of keys) {
    const [tenantId, id] = splitKey(key);
    tenants.push(tenantId);
    ids.push(id);
  }
  return [tenants, ids];
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

export function userFromDb(row: DbRow): UserRow {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    active: row.active,
    resource: row.resource,
    version: row.version,
    streamRevision: row.stream_revision,
    created: iso(row.created),
    lastModified: iso(row.last_modified),
  };
}

export function groupFromDb(row: DbRow): GroupRow {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    displayName: row.display_name,
    externalId: row.external_id,
    resource: row.resource,
    version: row.version,
    streamRevision: row.stream_revision,
    created: iso(row.created),
    lastModified: iso(row.last_modified),
  };
}
