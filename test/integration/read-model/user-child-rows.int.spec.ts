import { rebuildReadModels } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { dumpReadModel, useReadModelFixture, waitForCatchUp } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

const TENANT = 'tenant-children';

const childForeignKeys = `
  SELECT c.conrelid::regclass::text AS child FROM pg_constraint c
  JOIN pg_namespace n ON n.oid = c.connamespace
  WHERE c.contype = 'f' AND n.nspname = $1 AND c.conrelid::regclass::text LIKE '%scim_user_%'`;

/**
 * The user child tables (emails, phone numbers, addresses) have no foreign keys since issue 13: the projector
 * deletes a user's child rows itself. A replaced user keeps only its new child rows, a deleted user leaves none, and
 * the live tables equal a rebuild's.
 */
describe('user child rows without foreign keys', () => {
  const fixture = useReadModelFixture();
  beforeAll(async () => {
    const write = new ScimEventWriter(fixture.store, TENANT);
    const contact = (n: number) => ({
      emails: [
        { value: `a${n}@example.com`, type: 'work', primary: true },
        { value: `b${n}@example.com`, type: 'home', primary: false },
      ],
      phoneNumbers: [{ value: `+1555000${n}`, type: 'work' }],
      addresses: [{ locality: `City ${n}`, type: 'work' }],
    });
    for (const id of ['kept', 'replaced', 'deleted', 'emptied'])
      await write.provisionUser(id, { userName: `${id}@example.com`, ...contact(1) });
    await write.updateUser('replaced', { userName: 'replaced@example.com', ...contact(2) });
    await write.deleteUser('deleted', 'deleted@example.com');
    await write.updateUser('emptied', { userName: 'emptied@example.com' });
    const projector = new Projector(fixture.pool, fixture.store, { batchSize: 2 });
    await projector.start();
    await waitForCatchUp(fixture, undefined, 60_000);
    await projector.stop();
  }, 120_000);

  const childRows = async (table: string) =>
    (
      await fixture.pool.query<{ user_id: string; value: string }>(
        `SELECT user_id, ${table === 'scim_user_addresses_v2' ? 'locality' : 'value'} AS value FROM ${table}
         WHERE tenant_id = $1 ORDER BY user_id, ordinal`,
        [TENANT],
      )
    ).rows.map((row) => `${row.user_id}:${row.value}`);

  it('has no foreign keys on the live child tables', async () => {
    expect((await fixture.pool.query(childForeignKeys, ['public'])).rows).toEqual([]);
  });

  it('keeps only the child rows of the user as it is now', async () => {
    expect(await childRows('scim_user_emails_v2')).toEqual([
      'kept:a1@example.com',
      'kept:b1@example.com',
      'replaced:a2@example.com',
      'replaced:b2@example.com',
    ]);
    expect(await childRows('scim_user_phone_numbers_v2')).toEqual(['kept:+15550001', 'replaced:+15550002']);
    expect(await childRows('scim_user_addresses_v2')).toEqual(['kept:City 1', 'replaced:City 2']);
  });

  it('equals a rebuild, whose tables have no foreign keys either', async () => {
    const live = await dumpReadModel(fixture.pool);
    await rebuildReadModels(fixture.db.url, fixture.store);
    expect((await fixture.pool.query(childForeignKeys, ['public'])).rows).toEqual([]);
    expect(await dumpReadModel(fixture.pool)).toEqual(live);
  });
});
