import { LIVE_TABLES } from '../schema/table-names';
import { applyEvents } from './apply-events';
import type { DbRow, SqlExecutor } from './sql-executor';
import { recorded } from '../testing/recorded-event';

const provisioned = (userId: string) =>
  recorded('UserProvisioned', {
    tenantId: 't',
    userId,
    userName: `${userId}@example.com`,
    externalId: null,
    active: true,
    resource: { userName: `${userId}@example.com`, emails: [{ value: `${userId}@example.com`, primary: true }] },
  });

/** Records the statements; a load of users or groups answers with the stored rows it is given. */
function recordingDb(
  storedUsers: DbRow[],
  storedGroups: DbRow[] = [],
): SqlExecutor & { statements: string[]; values: unknown[][] } {
  const statements: string[] = [];
  const values: unknown[][] = [];
  return {
    statements,
    values,
    query: async <R extends DbRow = DbRow>(text: string, params: unknown[] = []) => {
      statements.push(text.replace(/\s+/g, ' ').trim());
      values.push(params);
      const rows = text.includes(`FROM ${LIVE_TABLES.users} u JOIN`)
        ? storedUsers
        : text.includes(`FROM ${LIVE_TABLES.groups} g JOIN`)
          ? storedGroups
          : [];
      return { rows: rows as R[], rowCount: rows.length };
    },
  };
}

const deletes = (statements: string[]) => statements.filter((s) => /\bDELETE\b/.test(s));

describe('applyEvents: what a batch deletes before it inserts', () => {
  it('inserts users the database does not hold without deleting anything first', async () => {
    const db = recordingDb([]);
    await applyEvents(db, LIVE_TABLES, [provisioned('u1'), provisioned('u2')]);
    expect(deletes(db.statements)).toEqual([]);
    expect(db.statements.some((s) => s.startsWith(`INSERT INTO ${LIVE_TABLES.users}`))).toBe(true);
  });

  it('deletes a stored user (with its child rows) before writing it again', async () => {
    const stored = {
      tenant_id: 't',
      id: 'u1',
      user_name: 'u1@example.com',
      external_id: null,
      display_name: null,
      active: true,
      resource: { userName: 'u1@example.com' },
      version: 'W/"1"',
      stream_revision: 0,
      created: new Date(0),
      last_modified: new Date(0),
    };
    const db = recordingDb([stored]);
    await applyEvents(db, LIVE_TABLES, [
      recorded('UserDeactivated', { tenantId: 't', userId: 'u1', userName: 'u1@example.com' }, 1),
      provisioned('u2'),
    ]);
    const [deleteUsers, ...others] = deletes(db.statements);
    expect(others).toEqual([]);
    expect(deleteUsers).toContain(`DELETE FROM ${LIVE_TABLES.users}`);
    expect(deleteUsers).toContain(`DELETE FROM ${LIVE_TABLES.userEmails}`);
  });

  it('loads only the ids of users named as members, and adds those that exist', async () => {
    const group = {
      tenant_id: 't',
      id: 'g1',
      display_name: 'Admins',
      external_id: null,
      resource: { displayName: 'Admins' },
      version: 'W/"1"',
      stream_revision: 0,
      created: new Date(0),
      last_modified: new Date(0),
    };
    const db = recordingDb([{ tenant_id: 't', id: 'member' }], [group]);
    await applyEvents(db, LIVE_TABLES, [
      recorded('GroupMembersAdded', { tenantId: 't', groupId: 'g1', memberIds: ['member'] }),
      recorded('GroupMembersAdded', { tenantId: 't', groupId: 'g1', memberIds: ['nobody'] }),
    ]);
    const userLoads = db.statements.filter((s) => s.includes(`FROM ${LIVE_TABLES.users} u JOIN`));
    expect(userLoads).toEqual([expect.stringMatching(/^SELECT u\.tenant_id, u\.id FROM/)]);
    const inserts = db.statements.flatMap((s, i) =>
      s.startsWith(`INSERT INTO ${LIVE_TABLES.groupMembers}`) ? [db.values[i]!] : [],
    );
    // unnest($1 tenants, $2 groups, $3 users, $4 displays): the member that exists, not the one that does not.
    expect(inserts).toEqual([[['t'], ['g1'], ['member'], [null]]]);
  });
});
