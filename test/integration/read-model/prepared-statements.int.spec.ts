import { parseFilter } from '@lib/scim';
import { PreparedStatements, rebuildReadModels, UserQueries } from '@lib/read-model';
import { usePool } from '../../support/database';
import { useReadModelFixture } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

/** The gateway's reads as prepared statements: same answers, planned once per connection, right after a
 * rebuild's swap. */
describe('PreparedStatements (the gateway read path)', () => {
  const fixture = useReadModelFixture();
  beforeAll(async () => {
    const writer = new ScimEventWriter(fixture.store, 'tenant-p');
    for (let i = 0; i < 30; i++) await writer.provisionUser(`p${i}`, { userName: `person${i}@example.com` });
    await rebuildReadModels(fixture.db.url, fixture.store);
  }, 60000);
  // One connection, so the server-side statements can be looked at from the same session.
  const single = usePool(() => fixture.db.url, 1);

  const preparedOnServer = async () =>
    (
      await single.query<{ name: string }>(
        "SELECT name FROM pg_prepared_statements WHERE name LIKE 'rm\\_%' ORDER BY name",
      )
    ).rows.map((r) => r.name);

  it('answers exactly as unnamed queries do, and prepares each statement once per connection', async () => {
    const plain = new UserQueries(fixture.pool);
    const prepared = new UserQueries(new PreparedStatements(single));
    const requests = [
      { filter: parseFilter('userName eq "PERSON7@example.com"') },
      { filter: parseFilter('userName eq "nobody@example.com"') },
      { filter: parseFilter('userName sw "person1"'), count: 3 },
      { cursor: '', count: 7 },
      { startIndex: 11, count: 5, sortBy: 'userName' },
    ];
    for (let round = 0; round < 3; round++) {
      for (const request of requests)
        expect(await prepared.list('tenant-p', request)).toEqual(await plain.list('tenant-p', request));
    }
    const someone = (await plain.list('tenant-p', { count: 1 })).resources[0]!;
    expect(await prepared.getById('tenant-p', String(someone.id))).toEqual(
      await plain.getById('tenant-p', String(someone.id)),
    );
    const names = await preparedOnServer();
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(new Set(names).size).toBe(names.length);
  });

  it('runs a userName lookup on its generic plan instead of planning it on every execution', async () => {
    const prepared = new UserQueries(new PreparedStatements(single));
    for (let i = 0; i < 12; i++) {
      const lookup = await prepared.list('tenant-p', { filter: parseFilter(`userName eq "person${i}@example.com"`) });
      expect(lookup.resources.map((r) => r.userName)).toEqual([`person${i}@example.com`]);
    }
    // PostgreSQL tries custom plans five times, then keeps the generic one if it costs no more. With
    // `OFFSET $n` in the first page's text the generic plan always cost more: 12 custom plans, 0 generic.
    const { rows } = await single.query<{ generic: string; custom: string }>(
      `SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements
        WHERE name LIKE 'rm\\_%' AND statement LIKE '%scim_key%' AND statement NOT LIKE '%OFFSET%'`,
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].generic)).toBeGreaterThanOrEqual(6);
  });

  it('reads the new tables after a rebuild swapped them in', async () => {
    const prepared = new UserQueries(new PreparedStatements(single));
    const lookup = { filter: parseFilter('userName eq "late@example.com"') };
    expect((await prepared.list('tenant-p', lookup)).totalResults).toBe(0);
    await new ScimEventWriter(fixture.store, 'tenant-p').provisionUser('late', { userName: 'late@example.com' });
    await rebuildReadModels(fixture.db.url, fixture.store);
    expect((await prepared.list('tenant-p', lookup)).resources.map((r) => r.userName)).toEqual(['late@example.com']);
  });

  it('names at most maxStatements distinct texts; the rest run unnamed with the same answers', async () => {
    const executor = new PreparedStatements(fixture.pool, 2);
    const queries = new UserQueries(executor);
    for (const filter of [
      'userName eq "person1@example.com"',
      'externalId eq "x"',
      'displayName eq "y"',
      'userName co "son2"',
    ]) {
      const expected = await new UserQueries(fixture.pool).list('tenant-p', { filter: parseFilter(filter) });
      expect(await queries.list('tenant-p', { filter: parseFilter(filter) })).toEqual(expected);
    }
    expect(executor.prepared).toBe(2);
  });
});
