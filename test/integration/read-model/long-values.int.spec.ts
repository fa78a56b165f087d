import type { JsonObject } from '@lib/domain';
import { foldCase, parseFilter } from '@lib/scim';
import { GroupQueries, rebuildReadModels, UserQueries } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import {
  createReadModelFixture,
  dumpReadModel,
  waitForCatchUp,
  type ReadModelFixture,
} from './support/read-model-fixture';
import { seededRandom } from './support/generated-tenant';
import { ScimEventWriter } from './support/scim-event-writer';

const TENANT = 'tenant-long';
const LENGTHS = [3_000, 20_000];
const SHARED_PREFIX = 2_000;

// No ß: toUpperCase() makes it SS, which simple case folding rightly keeps apart.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éÉσΣẞ.-';

/**
 * Mixed-case, non-ASCII, incompressible text of exactly `length` characters, distinct per
 * `seed` (PostgreSQL compresses long index entries first: repetitive text would fit a btree).
 */
function longText(seed: string, length: number): string {
  const random = seededRandom(length + seed.length * 7919);
  const body = Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
  return `${seed}:${body}`.slice(0, length);
}

/** Same first SHARED_PREFIX characters, different after them. */
function sharingPrefix(text: string): string {
  return text.slice(0, SHARED_PREFIX) + 'Q'.repeat(text.length - SHARED_PREFIX);
}

const upper = (text: string) => text.toUpperCase();
const ids = (resources: JsonObject[]) => resources.map((resource) => resource.id);

/**
 * Events that are already in a log with values far longer than the gateway accepts now (the v1
 * read model failed on them with "index row size exceeds btree maximum" and stopped every
 * tenant): they project, each is found by eq on its full value, and a value that shares its
 * first 2,000 characters is not.
 */
describe('read model v2 holds any value already in a log', () => {
  let fixture: ReadModelFixture;
  let projector: Projector;
  let users: UserQueries;
  let groups: GroupQueries;
  const values = new Map<
    number,
    { userName: string; displayName: string; externalId: string; email: string; group: string }
  >();

  beforeAll(async () => {
    fixture = await createReadModelFixture();
    const write = new ScimEventWriter(fixture.store, TENANT);
    for (const length of LENGTHS) {
      const value = {
        userName: longText(`user${length}`, length),
        displayName: longText(`display${length}`, length),
        externalId: longText(`external${length}`, length),
        email: `${longText(`mail${length}`, length - 12)}@example.com`,
        group: longText(`group${length}`, length),
      };
      values.set(length, value);
      await write.provisionUser(`long-${length}`, {
        userName: value.userName,
        displayName: value.displayName,
        externalId: value.externalId,
        emails: [{ value: value.email, type: 'work', primary: true }],
      });
      // A stored neighbour with the same first 2,000 characters in every value.
      await write.provisionUser(`neighbour-${length}`, {
        userName: sharingPrefix(value.userName),
        displayName: sharingPrefix(value.displayName),
        externalId: sharingPrefix(value.externalId),
        emails: [{ value: sharingPrefix(value.email), type: 'work' }],
      });
      await write.createGroup(`group-${length}`, value.group, { externalId: value.externalId });
      await write.createGroup(`group-neighbour-${length}`, sharingPrefix(value.group));
      await write.addMember(`group-${length}`, `long-${length}`);
    }
    projector = new Projector(fixture.pool, fixture.store, { batchSize: 3 });
    await projector.start();
    await waitForCatchUp(fixture, undefined, 60000);
    users = new UserQueries(fixture.pool);
    groups = new GroupQueries(fixture.pool);
  }, 120000);
  afterAll(async () => {
    await projector.stop();
    await fixture.close();
  });

  const eq = (attribute: string, value: string) => parseFilter(`${attribute} eq "${value}"`);

  it('projects them without failing', () => {
    expect(projector.health()).toMatchObject({ state: 'active', parked: [], lastError: null });
  });

  it.each(LENGTHS)(
    'users of %i characters are found by eq on the full value (folded where ' +
      'caseExact=false), their neighbours only by theirs',
    async (length) => {
      const value = values.get(length)!;
      const cases: [attribute: string, stored: string, query: string][] = [
        ['userName', value.userName, upper(value.userName)],
        ['displayName', value.displayName, upper(value.displayName)],
        ['externalId', value.externalId, value.externalId],
        ['emails.value', value.email, upper(value.email)],
      ];
      for (const [attribute, stored, query] of cases) {
        const found = await users.list(TENANT, { filter: eq(attribute, query) });
        expect({ attribute, found: ids(found.resources) }).toEqual({ attribute, found: [`long-${length}`] });
        const neighbour = await users.list(TENANT, { filter: eq(attribute, sharingPrefix(stored)) });
        expect({ attribute, neighbour: ids(neighbour.resources) }).toEqual({
          attribute,
          neighbour: [`neighbour-${length}`],
        });
        const unknown = stored.slice(0, SHARED_PREFIX) + 'Z'.repeat(stored.length - SHARED_PREFIX);
        expect({
          attribute,
          unknown: (await users.list(TENANT, { filter: eq(attribute, unknown) })).totalResults,
        }).toEqual({ attribute, unknown: 0 });
      }
      const byValue = await users.list(TENANT, {
        filter: parseFilter(`userName co "${upper(value.userName.slice(2, 200))}"`),
      });
      expect(ids(byValue.resources).sort()).toEqual([`long-${length}`, `neighbour-${length}`]);
    },
  );

  it.each(LENGTHS)(
    'groups of %i characters are found by displayName eq; the member display is the long name',
    async (length) => {
      const value = values.get(length)!;
      const found = await groups.list(TENANT, { filter: eq('displayName', upper(value.group)) });
      expect(ids(found.resources)).toEqual([`group-${length}`]);
      expect(found.resources[0].members).toEqual([
        { value: `long-${length}`, display: value.displayName, type: 'User' },
      ]);
      expect(
        ids((await groups.list(TENANT, { filter: eq('displayName', sharingPrefix(value.group)) })).resources),
      ).toEqual([`group-neighbour-${length}`]);
      expect(
        (await groups.list(TENANT, { filter: eq('displayName', value.group.slice(0, SHARED_PREFIX)) })).totalResults,
      ).toBe(0);
      expect(ids((await groups.list(TENANT, { filter: eq('externalId', value.externalId) })).resources)).toEqual([
        `group-${length}`,
      ]);
    },
  );

  it('sorts values that share their indexed prefix by the full value, in pages and cursors alike', async () => {
    const expected = [...values.values()]
      .flatMap((value, i) => [
        { id: `long-${LENGTHS[i]}`, key: foldCase(value.userName) },
        { id: `neighbour-${LENGTHS[i]}`, key: foldCase(sharingPrefix(value.userName)) },
      ])
      // Only characters below U+FFFF: UTF-16 order is code point order here.
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((entry) => entry.id);
    const paged = await users.list(TENANT, { sortBy: 'userName', count: 10 });
    expect(ids(paged.resources)).toEqual(expected);
    const walked: unknown[] = [];
    let page = await users.list(TENANT, { sortBy: 'userName', count: 1, cursor: '' });
    walked.push(...ids(page.resources));
    while (page.nextCursor) {
      page = await users.list(TENANT, { sortBy: 'userName', count: 1, cursor: page.nextCursor });
      walked.push(...ids(page.resources));
    }
    expect(walked).toEqual(expected);
  });

  it('keeps projecting other tenants right away, and a rebuild gives the same rows', async () => {
    const other = new ScimEventWriter(fixture.store, 'tenant-other');
    await other.provisionUser('o1', { userName: 'after-the-long-ones' });
    await waitForCatchUp(fixture, undefined, 30000);
    expect(
      ids((await users.list('tenant-other', { filter: eq('userName', 'AFTER-THE-LONG-ONES') })).resources),
    ).toEqual(['o1']);
    await projector.stop();
    const incremental = await dumpReadModel(fixture.pool);
    await rebuildReadModels(fixture.db.url, fixture.store);
    expect(await dumpReadModel(fixture.pool)).toEqual(incremental);
    await projector.start();
  }, 120000);
});
