import type { JsonObject } from '@lib/domain';
import {
  compareCodePoints,
  evaluateFilter,
  foldCase,
  GROUP_RESOURCE_SCHEMA,
  parseFilter,
  USER_RESOURCE_SCHEMA,
} from '@lib/scim';
import { GroupQueries, UserQueries } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { useReadModelFixture, waitForCatchUp } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

const TENANT = 'tenant-fold';

/** Stored userName -> spellings a client may send that must find it (caseExact=false: one folding rule). */
const SAME: [id: string, stored: string, asked: string[]][] = [
  ['emile', 'Émile.X', ['émile.X', 'ÉMILE.x', 'E\u0301mile.x', 'e\u0301MILE.X']],
  ['elodie', 'E\u0301lodie', ['Élodie', 'élodie', 'ÉLODIE']],
  ['kate', '\u212Aate', ['kate', 'KATE', 'Kate']],
  ['odysseus', 'ΟΔΥΣΣΕΥΣ', ['οδυσσευς', 'Οδυσσευσ', 'ΟΔΥΣΣΕΥς']],
  ['strasse', 'ſtraẞe', ['STRAßE', 'straße', 'ſtraße']],
  ['cherokee', 'ᏣᎳᎩ', ['ꮳꮃꭹ', 'Ꮳꮃꭹ']],
];

/** Pairs that look alike but are different names under simple case folding. */
const DIFFERENT: [stored: string, asked: string][] = [
  ['ſtraẞe', 'strasse'],
  ['İlker', 'ilker'],
  ['ılgaz', 'ilgaz'],
];

describe('caseExact=false means scim_fold = foldCase, in SQL and in the evaluator alike', () => {
  const fixture = useReadModelFixture();
  let users: UserQueries;
  let groups: GroupQueries;
  let allUsers: JsonObject[];
  let allGroups: JsonObject[];

  beforeAll(async () => {
    const write = new ScimEventWriter(fixture.store, TENANT);
    for (const [id, stored] of SAME)
      await write.provisionUser(id, {
        userName: stored,
        displayName: `${stored} ${stored}`,
        emails: [{ value: `${stored}@Example.COM` }],
      });
    for (const [stored] of DIFFERENT.slice(1)) await write.provisionUser(`other-${stored}`, { userName: stored });
    for (const [id, stored] of SAME) {
      await write.createGroup(`group-${id}`, `Team ${stored}`);
      await write.addMember(`group-${id}`, id);
    }
    const projector = new Projector(fixture.pool, fixture.store);
    await projector.start();
    await waitForCatchUp(fixture);
    await projector.stop();
    users = new UserQueries(fixture.pool, { maxResults: 1000 });
    groups = new GroupQueries(fixture.pool, { maxResults: 1000 });
    allUsers = (await users.list(TENANT, { count: 1000 })).resources;
    allGroups = (await groups.list(TENANT, { count: 1000 })).resources;
  }, 60000);

  async function bothWays(filterText: string, kind: 'users' | 'groups' = 'users'): Promise<unknown[]> {
    const filter = parseFilter(filterText);
    const sql =
      kind === 'users'
        ? await users.list(TENANT, { filter, count: 1000 })
        : await groups.list(TENANT, { filter, count: 1000 });
    const fromSql = sql.resources.map((r) => r.id).sort();
    const all = kind === 'users' ? allUsers : allGroups;
    const schema = kind === 'users' ? USER_RESOURCE_SCHEMA : GROUP_RESOURCE_SCHEMA;
    const inMemory = all
      .filter((resource) => evaluateFilter(filter, resource, schema))
      .map((r) => r.id)
      .sort();
    expect({ filterText, fromSql }).toEqual({ filterText, fromSql: inMemory });
    return fromSql;
  }

  it.each(SAME)(
    '%s: every spelling finds it by eq, sw, co and ew, on userName, displayName, emails.value and group displayName',
    async (id, stored, asked) => {
      for (const spelling of [stored, ...asked]) {
        expect(await bothWays(`userName eq "${spelling}"`)).toEqual([id]);
        expect(await bothWays(`userName sw "${spelling}"`)).toEqual([id]);
        expect(await bothWays(`userName co "${spelling}"`)).toEqual([id]);
        expect(await bothWays(`userName ew "${spelling}"`)).toEqual([id]);
        expect(await bothWays(`displayName eq "${spelling} ${spelling}"`)).toEqual([id]);
        expect(await bothWays(`emails.value eq "${spelling}@example.com"`)).toEqual([id]);
        expect(await bothWays(`emails[value sw "${spelling}@"]`)).toEqual([id]);
        expect(await bothWays(`displayName eq "TEAM ${spelling}"`, 'groups')).toEqual([`group-${id}`]);
        expect(await bothWays(`members.display co "${spelling}"`, 'groups')).toEqual([`group-${id}`]);
        expect(await bothWays(`groups.display ew "${spelling}"`)).toEqual([id]);
      }
    },
  );

  it.each(DIFFERENT)('%s is not %s', async (stored, asked) => {
    expect(await bothWays(`userName eq "${asked}"`)).toEqual([]);
    expect((await bothWays(`userName eq "${stored}"`)).length).toBe(1);
  });

  it('sorts by the fold, in code point order', async () => {
    const sorted = await users.list(TENANT, { sortBy: 'userName', count: 1000 });
    const expected = allUsers
      .map((r) => String(r.userName))
      .sort((a, b) => compareCodePoints(foldCase(a), foldCase(b)));
    expect(sorted.resources.map((r) => r.userName)).toEqual(expected);
  });
});
