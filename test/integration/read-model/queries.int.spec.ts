import type { JsonObject } from '@lib/domain';
import { InvalidFilterError, parseFilter } from '@lib/scim';
import { GroupQueries, InvalidCursorError, readModelDdl, UserQueries } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { useReadModelFixture, waitForCatchUp } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

const ids = (resources: JsonObject[]) => resources.map((r) => r.id);

describe('user and group queries: filter, sort, index paging, cursor paging, tenant isolation, indexes', () => {
  const fixture = useReadModelFixture();
  let users: UserQueries;
  let groups: GroupQueries;

  beforeAll(async () => {
    const a = new ScimEventWriter(fixture.store, 'tenant-a');
    const b = new ScimEventWriter(fixture.store, 'tenant-b');
    for (let i = 0; i < 25; i++) {
      await a.provisionUser(`a${String(i).padStart(2, '0')}`, {
        userName: `user${String(i).padStart(2, '0')}@a.com`,
        ...(i % 3 === 0 ? {} : { displayName: `Name ${String(25 - i).padStart(2, '0')}` }),
        emails: [{ value: `mail${i}@a.com`, type: 'work', primary: true }],
      });
    }
    await b.provisionUser('b1', { userName: 'user00@a.com' });
    await a.createGroup('ga', 'Admins');
    await a.addMember('ga', 'a01');
    await a.addMember('ga', 'a02');
    await b.createGroup('gb', 'Admins');
    const projector = new Projector(fixture.pool, fixture.store);
    await projector.start();
    await waitForCatchUp(fixture);
    await projector.stop();
    users = new UserQueries(fixture.pool, { maxResults: 10 });
    groups = new GroupQueries(fixture.pool);
  }, 60000);

  it('userName eq is case-insensitive and scoped by tenant', async () => {
    const result = await users.list('tenant-a', { filter: parseFilter('userName eq "USER00@A.COM"') });
    expect(ids(result.resources)).toEqual(['a00']);
    expect(result).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(
      ids((await users.list('tenant-b', { filter: parseFilter('userName eq "user00@a.com"') })).resources),
    ).toEqual(['b1']);
    expect(await users.getById('tenant-b', 'a00')).toBeUndefined();
    expect((await users.list('tenant-c', {})).totalResults).toBe(0);
  });

  it('no match is an empty list; count=0 gives totalResults only; count is capped by maxResults', async () => {
    expect(await users.list('tenant-a', { filter: parseFilter('userName eq "nobody"') })).toMatchObject({
      resources: [],
      totalResults: 0,
    });
    expect(await users.list('tenant-a', { count: 0 })).toMatchObject({
      resources: [],
      totalResults: 25,
      itemsPerPage: 0,
    });
    expect((await users.list('tenant-a', { count: 500 })).itemsPerPage).toBe(10);
  });

  it('startIndex/count pages by the sort key then id; sortOrder descending reverses; unassigned last', async () => {
    const page1 = await users.list('tenant-a', { sortBy: 'displayName', startIndex: 1, count: 10 });
    const page3 = await users.list('tenant-a', { sortBy: 'displayName', startIndex: 21, count: 10 });
    expect(page1.resources[0].displayName).toBe('Name 02');
    expect(page3.itemsPerPage).toBe(5);
    expect(page3.resources.every((r) => r.displayName === undefined)).toBe(true);
    const descending = await users.list('tenant-a', { sortBy: 'displayName', sortOrder: 'descending', count: 10 });
    expect(descending.resources[0].displayName).toBeUndefined();
    expect((await users.list('tenant-a', { sortBy: 'emails.value', count: 1 })).resources[0].id).toBe('a00');
  });

  it('cursor paging walks forward and back over a stable order (RFC 9865)', async () => {
    const seen: unknown[] = [];
    let page = await users.list('tenant-a', { cursor: '', count: 10, sortBy: 'displayName' });
    expect(page.previousCursor).toBeUndefined();
    const pages = [page];
    seen.push(...ids(page.resources));
    while (page.nextCursor) {
      page = await users.list('tenant-a', { cursor: page.nextCursor, count: 10, sortBy: 'displayName' });
      pages.push(page);
      seen.push(...ids(page.resources));
    }
    expect(seen).toEqual(
      ids((await users.list('tenant-a', { sortBy: 'displayName', count: 10 })).resources).concat(
        ids((await users.list('tenant-a', { sortBy: 'displayName', startIndex: 11, count: 10 })).resources),
        ids((await users.list('tenant-a', { sortBy: 'displayName', startIndex: 21, count: 10 })).resources),
      ),
    );
    expect(pages).toHaveLength(3);
    const back = await users.list('tenant-a', { cursor: pages[2].previousCursor!, count: 10, sortBy: 'displayName' });
    expect(ids(back.resources)).toEqual(ids(pages[1].resources));
    expect(back.nextCursor).toBeDefined();
    const first = await users.list('tenant-a', { cursor: back.previousCursor!, count: 10, sortBy: 'displayName' });
    expect(ids(first.resources)).toEqual(ids(pages[0].resources));
    expect(first.previousCursor).toBeUndefined();
  });

  it('rejects a forged cursor or one of another query with invalidCursor', async () => {
    await expect(users.list('tenant-a', { cursor: 'not-a-cursor', count: 5 })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    const page = await users.list('tenant-a', { cursor: '', count: 5 });
    await expect(
      users.list('tenant-a', { cursor: page.nextCursor!, count: 5, sortBy: 'userName' }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('a bad filter is invalidFilter', async () => {
    await expect(users.list('tenant-a', { filter: parseFilter('nope eq "x"') })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
    await expect(users.list('tenant-a', { filter: parseFilter('active co "t"') })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
  });

  it('groups come with members (user display) unless excluded; users list their groups', async () => {
    const group = await groups.getById('tenant-a', 'ga');
    expect(group!.resource.members).toEqual([
      { value: 'a01', display: 'Name 24', type: 'User' },
      { value: 'a02', display: 'Name 23', type: 'User' },
    ]);
    expect(group!.version).toMatch(/^W\/"\d+"$/);
    const lean = await groups.list('tenant-a', {
      filter: parseFilter('displayName eq "admins"'),
      excludeMembers: true,
    });
    expect(lean.resources).toHaveLength(1);
    expect(lean.resources[0].members).toBeUndefined();
    expect(ids((await groups.list('tenant-a', { filter: parseFilter('members[value eq "a02"]') })).resources)).toEqual([
      'ga',
    ]);
    expect(await groups.memberIds('tenant-a', 'ga')).toEqual(['a01', 'a02']);
    expect([...(await groups.membersAmong('tenant-a', 'ga', ['a02', 'a03', 'zz']))]).toEqual(['a02']);
    expect((await groups.membersAmong('tenant-b', 'ga', ['a01'])).size).toBe(0);
    expect((await groups.membersAmong('tenant-a', 'ga', [])).size).toBe(0);
    expect((await users.getById('tenant-a', 'a01'))!.resource.groups).toEqual([
      { value: 'ga', display: 'Admins', type: 'direct' },
    ]);
    expect((await users.getById('tenant-a', 'a03'))!.resource.groups).toBeUndefined();
  });

  it(
    'filters (eq on hashes, co/sw on trigrams), sorting and cursors use an index on tables ' + 'with enough rows',
    async () => {
      // Bulk load like a rebuild does: drop the trigram indexes, load, build them once (much faster than row by row).
      const trigram = readModelDdl('public').indexes.filter((statement) => statement.includes('gin_trgm_ops'));
      await fixture.pool.query('DROP INDEX rm_v2_users_user_name_trgm, rm_v2_email_value_trgm');
      await fixture.pool.query(
        `INSERT INTO scim_users_v2 (tenant_id, id, user_name, external_id, display_name, active, resource, version, ` +
          `stream_revision, created, last_modified)\n` +
          `       SELECT 'tenant-big', 'x' || i, 'person' || i || '@example.com', 'e' || i, 'Person ' || i, true, ` +
          `jsonb_build_object('id', 'x' || i), 'W/"0"', 0,\n` +
          `              now() - i * interval '1 second', now() FROM generate_series(1, 100000) i`,
      );
      await fixture.pool.query(
        `INSERT INTO scim_user_emails_v2 (tenant_id, user_id, ordinal, value) SELECT 'tenant-big', 'x' || i, 0, 'p' ` +
          `|| i || '@example.com' FROM generate_series(1, 100000) i`,
      );
      await fixture.pool.query(
        `INSERT INTO scim_groups_v2 (tenant_id, id, display_name, external_id, resource, version, stream_revision, ` +
          `created, last_modified)\n` +
          `       SELECT 'tenant-big', 'g' || i, 'Group ' || i, 'ge' || i, '{}', 'W/"0"', 0, now() - i * interval ` +
          `'1 second', now() FROM generate_series(1, 50000) i`,
      );
      for (const statement of trigram) await fixture.pool.query(statement);
      await fixture.pool.query('ANALYZE scim_users_v2, scim_user_emails_v2, scim_groups_v2');
      const plans: { count?: string; page?: string } = {};
      // Records the plan of each query the service runs (same SQL, same parameters).
      const capture = {
        query: async (text: string, values?: unknown[]) => {
          const plan = (await fixture.pool.query(`EXPLAIN ${text}`, values)).rows
            .map((r) => r['QUERY PLAN'])
            .join('\n');
          if (text.startsWith('SELECT count(*)')) plans.count = plan;
          else plans.page = plan;
          // A plan gone wrong must fail this test with the plan, not hang the suite.
          const client = await fixture.pool.connect();
          try {
            await client.query("SET statement_timeout = '10s'");
            return await client.query(text, values);
          } catch (error) {
            throw new Error(`${(error as Error).message}\n${plan}`);
          } finally {
            await client.query('RESET statement_timeout');
            client.release();
          }
        },
      };
      const userProbe = new UserQueries(capture as never, { maxResults: 10 });
      const groupProbe = new GroupQueries(capture as never, { maxResults: 10 });
      const indexed = (what: string, plan: string | undefined) => ({
        what,
        fullScan: /Seq Scan/.test(plan ?? ''),
        fullSort: /(?<!Incremental )Sort {2}\(/.test(plan ?? ''),
        index: /Index|Bitmap/.test(plan ?? ''),
        plan,
      });
      const expectIndexed = (what: string, plan: string | undefined) =>
        expect(indexed(what, plan)).toEqual({ what, fullScan: false, fullSort: false, index: true, plan });

      const userFilters = [
        'userName eq "Person123@EXAMPLE.com"',
        'userName sw "person1234"',
        'userName co "son1234@"',
        'userName gt "person99990"',
        'emails.value co "1234@ex"',
        'emails.value eq "P1234@example.com"',
        'externalId eq "e1"',
        'displayName eq "person 77"',
      ];
      for (const filter of userFilters) {
        const result = await userProbe.list('tenant-big', { filter: parseFilter(filter), count: 0 });
        expect({ filter, found: result.totalResults > 0 }).toEqual({ filter, found: true });
        expectIndexed(filter, plans.count);
      }
      for (const filter of ['displayName eq "GROUP 42"', 'externalId eq "ge42"']) {
        expect(
          (await groupProbe.list('tenant-big', { filter: parseFilter(filter), count: 0, excludeMembers: true }))
            .totalResults,
        ).toBe(1);
        expectIndexed(`groups ${filter}`, plans.count);
      }

      // Pages: the default order, and sortBy on indexed folded columns, first and later cursor pages, both directions.
      const walks: {
        what: string;
        list: (cursor: string) => Promise<{ nextCursor?: string; resources: JsonObject[] }>;
      }[] = [
        { what: 'users by creation', list: (cursor) => userProbe.list('tenant-big', { cursor, excludeGroups: true }) },
        {
          what: 'users by userName',
          list: (cursor) => userProbe.list('tenant-big', { cursor, sortBy: 'userName', excludeGroups: true }),
        },
        {
          what: 'users by userName descending',
          list: (cursor) =>
            userProbe.list('tenant-big', { cursor, sortBy: 'userName', sortOrder: 'descending', excludeGroups: true }),
        },
        {
          what: 'groups by displayName',
          list: (cursor) => groupProbe.list('tenant-big', { cursor, sortBy: 'displayName', excludeMembers: true }),
        },
      ];
      for (const walk of walks) {
        let page = await walk.list('');
        expectIndexed(`${walk.what}, first page`, plans.page);
        for (let n = 2; n <= 3; n++) {
          page = await walk.list(page.nextCursor!);
          expect(page.resources).toHaveLength(10);
          expectIndexed(`${walk.what}, page ${n}`, plans.page);
        }
      }
      const byName = await userProbe.list('tenant-big', {
        sortBy: 'userName',
        startIndex: 1,
        count: 3,
        excludeGroups: true,
      });
      const folded = await fixture.pool.query(
        `SELECT id FROM scim_users_v2 WHERE tenant_id = 'tenant-big' ORDER BY lower(user_name) COLLATE "C", id ` +
          `COLLATE "C" LIMIT 3`,
      );
      expect(byName.resources.map((r) => r.id)).toEqual(folded.rows.map((row) => row.id));
    },
    240000,
  );
});
