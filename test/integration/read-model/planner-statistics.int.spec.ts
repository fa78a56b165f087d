import type { PoolClient } from 'pg';
import { LIVE_TABLES, PlannerStatistics, userResourceSql } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { eventually } from '../../support/service-process';
import { useReadModelFixture, waitForCatchUp } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

/** GET /Users/{id}'s statement, as the gateway prepares it. */
const BY_ID_SQL =
  `SELECT ${userResourceSql(LIVE_TABLES, true)} AS resource, r.version, r.stream_revision ` +
  `FROM ${LIVE_TABLES.users} r WHERE r.tenant_id = $1 AND r.id = $2`;

const USERS = 'scim_users_v2';

async function insertUsers(client: PoolClient, tenantId: string, from: number, count: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO ${USERS} (tenant_id, id, user_name, active, resource, version, stream_revision, created, last_modified)
     SELECT $1, gen_random_uuid()::text, 'user' || g || '@example.com', true,
            jsonb_build_object('userName', 'user' || g || '@example.com', 'title', repeat('x', 200)),
            'W/"1"', 0, now(), now()
       FROM generate_series($2::int, $2::int + $3::int - 1) g RETURNING id`,
    [tenantId, from, count],
  );
  return rows.map((row) => row.id);
}

/** The plan the session's prepared statement `by_id` runs now, and how many rows it read and threw away. */
async function byIdPlan(client: PoolClient, tenantId: string, id: string): Promise<{ index: string; removed: number }> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_id('${tenantId}', '${id}')`,
  );
  const text = rows.map((row) => row['QUERY PLAN']).join('\n');
  const index = /Index (?:Only )?Scan using (\S+) on scim_users_v2/.exec(text)?.[1] ?? 'none';
  const removed = Number(/Rows Removed by Filter: (\d+)/.exec(text.split('SubPlan')[0])?.[1] ?? 0);
  return { index, removed };
}

/**
 * A read planned while the read model was nearly empty stays cached as a prepared statement; without
 * fresh statistics it keeps scanning the whole tenant through the (tenant_id, created, id) index as the
 * tenant grows. The projector analyzes tables that doubled in size, which re-plans every connection's
 * statements.
 */
describe('planner statistics of a growing read model', () => {
  const fixture = useReadModelFixture();

  it('moves a by-id read planned on an empty table from a tenant scan to the primary key', async () => {
    const tenantId = 'tenant-planned-empty';
    const statistics = new PlannerStatistics(fixture.pool, LIVE_TABLES, { minPages: 8 });
    const client = await fixture.pool.connect();
    try {
      const [first] = await insertUsers(client, tenantId, 0, 1);
      await client.query(`PREPARE by_id(text, text) AS ${BY_ID_SQL}`);
      // Six runs: from the sixth on, PostgreSQL keeps the generic plan it made for a one-row table.
      for (let run = 0; run < 6; run += 1) await client.query(`EXECUTE by_id('${tenantId}', '${first}')`);
      const ids = await insertUsers(client, tenantId, 1, 3000);
      const probe = ids[2000];

      const before = await byIdPlan(client, tenantId, probe);
      expect(before.index).not.toBe(`${USERS}_pkey`);
      expect(before.removed).toBeGreaterThan(1000);

      expect(await statistics.refresh()).toContain(USERS);
      const after = await byIdPlan(client, tenantId, probe);
      expect(after).toEqual({ index: `${USERS}_pkey`, removed: 0 });

      // Analyzed at this size: nothing to do until the table doubles again.
      expect(await statistics.refresh()).not.toContain(USERS);
    } finally {
      await client.query('DEALLOCATE ALL');
      client.release();
    }
  }, 60_000);
});

describe('the projector and planner statistics', () => {
  const fixture = useReadModelFixture();

  it('analyzes the read model while it follows a growing log', async () => {
    const tenantId = 'tenant-projected';
    const write = new ScimEventWriter(fixture.store, tenantId);
    const projector = new Projector(fixture.pool, fixture.store, {
      batchSize: 50,
      statistics: { checkEveryEvents: 50, minPages: 4 },
    });
    const lastAnalyze = async () =>
      (
        await fixture.pool.query<{ at: Date | null }>(
          // last_analyze only: an ANALYZE command, as the projector runs; autovacuum's go to last_autoanalyze.
          `SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = $1`,
          [USERS],
        )
      ).rows[0].at;
    const analyzedBefore = await lastAnalyze();
    projector.start();
    try {
      for (let n = 0; n < 300; n += 1)
        await write.provisionUser(`u-${n}`, { userName: `u${n}@example.com`, title: 'x'.repeat(300) });
      await waitForCatchUp(fixture, undefined, 60_000);
      const analyzed = await eventually(
        'the projector analyzed the users table',
        async () => {
          const at = await lastAnalyze();
          return at !== null && at.getTime() > (analyzedBefore?.getTime() ?? 0) ? at : false;
        },
        15_000,
      );
      expect(analyzed).toBeInstanceOf(Date);
    } finally {
      await projector.stop();
    }
  }, 120_000);
});
