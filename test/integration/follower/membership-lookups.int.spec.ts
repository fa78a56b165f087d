import type { Pool } from 'pg';
import { loadAuditDraft, OPEN_MEMBERSHIPS_SQL } from '../../../libs/audit/src/projection/audit-draft';
import type { AuditEvent } from '../../../libs/audit/src/model/audit-event';
import { PUBLISHER_MEMBERSHIPS_SQL } from '../../../apps/publisher/src/pg-publisher-store';
import { usePool, useTestDatabase } from '../../support/database';

const TENANT = 'tenant-lookups';
const MEMBERS = 20_000;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows the plan read from `table`: returned by its scans plus those its filters threw away. */
function rowsRead(node: PlanNode, table: string): number {
  const own =
    node['Relation Name'] === table
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, table), 0);
}

async function explain(pool: Pool, sql: string, values: unknown[]): Promise<PlanNode> {
  const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
    values,
  );
  return rows[0]!['QUERY PLAN'][0]!.Plan;
}

const fill = async (pool: Pool): Promise<void> => {
  await pool.query(
    `INSERT INTO audit_role_memberships_v1 (tenant_id, group_id, user_id, granted_at, granted_by, granted_request_id,
       granted_event_id, granted_position)
     SELECT $1, 'group-all', 'user-' || i, now(), '{}', 'request', gen_random_uuid(), i
       FROM generate_series(1, ${MEMBERS}) AS i`,
    [TENANT],
  );
  await pool.query(
    `INSERT INTO publisher_memberships (publisher, tenant_id, group_id, user_id)
     SELECT 'publisher', $1, 'group-all', 'user-' || i FROM generate_series(1, ${MEMBERS}) AS i`,
    [TENANT],
  );
  await pool.query(
    `INSERT INTO audit_user_status_v1 (tenant_id, user_id, status, valid_from, actor, request_id, event_id, position)
     SELECT $1, 'user-' || i, 'active', now(), '{}', 'request', gen_random_uuid(), i
       FROM generate_series(1, ${MEMBERS}) AS i`,
    [TENANT],
  );
};

/** A batch's worth of keys: 1,000 users, every 20th of them a stored one. */
const batchUsers = Array.from({ length: 1000 }, (_, i) => (i % 20 === 0 ? `user-${i + 1}` : `new-user-${i}`));
const tenants = batchUsers.map(() => TENANT);

/**
 * A batch's lookups of status intervals (audit) and memberships (publisher) read about one row per key asked for,
 * whatever the table holds, with statistics and without (a table that grew since its last ANALYZE). As joins,
 * PostgreSQL hashed every open status interval or membership per batch (75-80 ms at 100,000 rows). The audit's
 * membership pairs are still a join (audit-draft.ts says why).
 */
describe.each([
  ['with statistics', true],
  ['without statistics', false],
])('the followers look up a batch of 1,000 keys key by key, %s', (_, analyzed) => {
  const db = useTestDatabase();
  const pool = usePool(() => db.url, 2);

  beforeAll(async () => {
    for (const table of ['audit_role_memberships_v1', 'publisher_memberships', 'audit_user_status_v1'])
      await pool.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    await fill(pool);
    if (analyzed) await pool.query('ANALYZE audit_role_memberships_v1, publisher_memberships, audit_user_status_v1');
  }, 60_000);

  it('audit: open status intervals of the users a batch provisions and changes', async () => {
    const events = batchUsers.map(
      (userId, i) =>
        ({
          tenantId: TENANT,
          type: 'UserDeactivated',
          data: { userId },
          globalPosition: i + 1,
        }) as unknown as AuditEvent,
    );
    const statements: Array<{ text: string; values: unknown[] }> = [];
    const draft = await loadAuditDraft(
      {
        query: (text: string, values?: unknown[]) => (
          statements.push({ text, values: values ?? [] }),
          pool.query(text, values)
        ),
      },
      events,
    );
    expect([...draft.openStatus.values()].filter(Boolean)).toHaveLength(50);
    const status = statements.find((s) => s.text.includes('audit_user_status_v1'))!;
    expect(rowsRead(await explain(pool, status.text, status.values), 'audit_user_status_v1')).toBeLessThanOrEqual(100);
  });

  it("publisher: memberships of a batch's users and pairs", async () => {
    const values = ['publisher', [], [], tenants, batchUsers, tenants, batchUsers.map(() => 'group-all'), batchUsers];
    const plan = await explain(pool, PUBLISHER_MEMBERSHIPS_SQL, values);
    expect((await pool.query(PUBLISHER_MEMBERSHIPS_SQL, values)).rowCount).toBe(50);
    expect(rowsRead(plan, 'publisher_memberships')).toBeLessThanOrEqual(200);
  });
});

/**
 * The audit projector and the publisher load the memberships a batch touches. With 20,000 open memberships in the
 * table, a lookup of two keys must read a handful of rows, not the table: the OR form it replaced read every open
 * membership per batch (a catch-up that slowed to ~1,000 events/s at 1M users).
 */
describe('membership state lookups of the followers read only the keys asked for', () => {
  const db = useTestDatabase();
  const pool = usePool(() => db.url, 2);

  beforeAll(async () => {
    await fill(pool);
    await pool.query('ANALYZE audit_role_memberships_v1; ANALYZE publisher_memberships');
  }, 60_000);

  it('audit: the open memberships of a user and of a (group, user) pair', async () => {
    const plan = await explain(pool, OPEN_MEMBERSHIPS_SQL, [[TENANT], ['user-7'], [TENANT], ['group-all'], ['user-9']]);
    const found = await pool.query(OPEN_MEMBERSHIPS_SQL, [[TENANT], ['user-7'], [TENANT], ['group-all'], ['user-9']]);
    expect(found.rows.map((row) => row.user_id).sort()).toEqual(['user-7', 'user-9']);
    expect(rowsRead(plan, 'audit_role_memberships_v1')).toBeLessThanOrEqual(4);
  });

  it("publisher: a user's and a pair's memberships", async () => {
    const values = ['publisher', [], [], [TENANT], ['user-7'], [TENANT], ['group-all'], ['user-9']];
    const plan = await explain(pool, PUBLISHER_MEMBERSHIPS_SQL, values);
    const found = await pool.query(PUBLISHER_MEMBERSHIPS_SQL, values);
    expect(found.rows.map((row) => row.user_id).sort()).toEqual(['user-7', 'user-9']);
    expect(rowsRead(plan, 'publisher_memberships')).toBeLessThanOrEqual(4);
  });

  it("publisher: a deleted group's members are all read (that is what it asks for)", async () => {
    const values = ['publisher', [TENANT], ['group-all'], [], [], [], [], []];
    expect((await pool.query(PUBLISHER_MEMBERSHIPS_SQL, values)).rowCount).toBe(MEMBERS);
  });
});
