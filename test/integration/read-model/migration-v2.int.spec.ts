import type { QueryRunner } from 'typeorm';
import { parseFilter } from '@lib/scim';
import { readCheckpoint, ReadModelsV21765200000000, UserQueries } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { useReadModelFixture, waitForCatchUp } from './support/read-model-fixture';
import { seededRandom } from './support/generated-tenant';
import { ScimEventWriter } from './support/scim-event-writer';

// Incompressible, like real text of that length: PostgreSQL compresses long index entries first.
const random = seededRandom(20);
const LONG_NAME = Array.from(
  { length: 3000 },
  () => 'abcdefghijklmnopqrstuvwxyzÉéΣ0123456789'[Math.floor(random() * 39)],
).join('');

/**
 * Upgrading a database whose v1 projection stopped on a long value: the migration replaces v1
 * with empty v2 tables and a v2 checkpoint at 0, and the projector then replays the whole log.
 */
describe('migration to read model v2', () => {
  const fixture = useReadModelFixture();
  let runner: QueryRunner;
  const tables = async () =>
    (
      await fixture.pool.query(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'scim\\_%' ORDER BY 1",
      )
    ).rows.map((r) => r.table_name);

  beforeAll(async () => {
    // The part of TypeORM's QueryRunner the migration uses.
    runner = { query: async (sql: string) => (await fixture.pool.query(sql)).rows } as unknown as QueryRunner;
  });

  it('v1 cannot hold a 3,000-character displayName: the failure of issue 20', async () => {
    await new ReadModelsV21765200000000().down(runner);
    expect(await tables()).toEqual([
      'scim_group_members_v1',
      'scim_groups_v1',
      'scim_user_addresses_v1',
      'scim_user_emails_v1',
      'scim_user_phone_numbers_v1',
      'scim_users_v1',
    ]);
    await expect(
      fixture.pool.query(
        `INSERT INTO scim_users_v1 (tenant_id, id, user_name, display_name, active, resource, version, ` +
          `stream_revision, created, last_modified)\n` +
          `         VALUES ('t', 'u', 'u', $1, true, '{}', 'W/"1"', 1, now(), now())`,
        [LONG_NAME],
      ),
    ).rejects.toThrow(
      /index row size \d+ exceeds btree version 4 maximum 2704 for index "rm_v1_users_display_name_ci"/,
    );
  });

  it('replaces v1 by empty v2 tables at position 0, and the projector replays the log into them', async () => {
    const write = new ScimEventWriter(fixture.store, 'tenant-up');
    await write.provisionUser('u1', { userName: 'before', displayName: LONG_NAME });
    await write.provisionUser('u2', { userName: 'Émile' });
    await fixture.pool.query(
      "UPDATE projector_checkpoints SET position = 1, status = 'failed', last_error = " +
        "'index row size 3024 exceeds btree version 4 maximum 2704' WHERE name = " +
        "'scim_read_model_v1'",
    );

    await new ReadModelsV21765200000000().up(runner);
    expect(await tables()).toEqual([
      'scim_group_members_v2',
      'scim_groups_v2',
      'scim_user_addresses_v2',
      'scim_user_emails_v2',
      'scim_user_phone_numbers_v2',
      'scim_users_v2',
    ]);
    expect(await readCheckpoint(fixture.pool, 'scim_read_model_v1')).toBeUndefined();
    expect(await readCheckpoint(fixture.pool, 'scim_read_model_v2')).toMatchObject({ position: 0, status: 'running' });

    const projector = new Projector(fixture.pool, fixture.store);
    await projector.start();
    await waitForCatchUp(fixture);
    await projector.stop();
    const users = new UserQueries(fixture.pool);
    expect(
      (
        await users.list('tenant-up', { filter: parseFilter(`displayName eq "${LONG_NAME.toUpperCase()}"`) })
      ).resources.map((r) => r.id),
    ).toEqual(['u1']);
    expect(
      (await users.list('tenant-up', { filter: parseFilter('userName eq "émile"') })).resources.map((r) => r.id),
    ).toEqual(['u2']);
  });
});
