import { Pool } from 'pg';
import { PostgresEventStore } from '@lib/event-store';
import { CheckpointWaiter, readCheckpoint, SCIM_PROJECTION_NAME } from '@lib/read-model';
import { createTestDatabase, type TestDatabase } from '../../../support/database';
import { useBeforeAll } from '../../../support/hooks';

/** A fresh database with all migrations, its event store and a pool: what every read-model test starts from. */
export interface ReadModelFixture {
  db: TestDatabase;
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

export async function createReadModelFixture(): Promise<ReadModelFixture> {
  const db = await createTestDatabase();
  const pool = new Pool({ connectionString: db.url, max: 10 });
  const store = new PostgresEventStore({ connectionString: db.url, pollIntervalMs: 100 });
  return {
    db,
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** Polls the checkpoint until it reaches the store's head (tests only; the service uses CheckpointWaiter). */
export async function waitForCatchUp(
  fixture: ReadModelFixture,
  name = SCIM_PROJECTION_NAME,
  timeoutMs = 15000,
): Promise<void> {
  const head = await fixture.store.headPosition();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoint = await readCheckpoint(fixture.pool, name);
    if (checkpoint && checkpoint.position >= head) return;
    if (checkpoint?.status === 'failed') throw new Error(`projection failed: ${checkpoint.lastError}`);
    if (Date.now() > deadline) throw new Error(`projection did not reach ${head} (at ${checkpoint?.position})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every read-model row of the database, ordered, for "identical to a clean rebuild" comparisons. */
export async function dumpReadModel(pool: Pool, schema = 'public'): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    users:
      'SELECT tenant_id, id, user_name, external_id, display_name, active, resource, ' +
      'version, stream_revision, created, last_modified FROM %s.scim_users_v2 ORDER BY ' +
      'tenant_id, id',
    emails: 'SELECT * FROM %s.scim_user_emails_v2 ORDER BY tenant_id, user_id, ordinal',
    phones: 'SELECT * FROM %s.scim_user_phone_numbers_v2 ORDER BY tenant_id, user_id, ordinal',
    addresses: 'SELECT * FROM %s.scim_user_addresses_v2 ORDER BY tenant_id, user_id, ordinal',
    groups: 'SELECT * FROM %s.scim_groups_v2 ORDER BY tenant_id, id',
    members: 'SELECT * FROM %s.scim_group_members_v2 ORDER BY tenant_id, group_id, user_id',
  };
  const dump: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(tables))
    dump[name] = (await pool.query(sql.replace('%s', `"${schema}"`))).rows;
  return dump;
}

/** A read-model fixture for the tests of a describe block: made in beforeAll, closed in afterAll. */
export function useReadModelFixture(): ReadModelFixture {
  return useBeforeAll(createReadModelFixture, (fixture) => fixture.close(), 120_000);
}

/** The gateway's CheckpointWaiter on the fixture's database (1 s fallback poll), closed before the fixture. */
export function useCheckpointWaiter(fixture: ReadModelFixture): CheckpointWaiter {
  return useBeforeAll(
    async () => new CheckpointWaiter({ connectionString: fixture.db.url, pool: fixture.pool, pollIntervalMs: 1000 }),
    (waiter) => waiter.close(),
  );
}
