import fc from 'fast-check';
import type { JsonObject } from '@lib/domain';
import {
  evaluateFilter,
  GROUP_RESOURCE_SCHEMA,
  InvalidFilterError,
  USER_RESOURCE_SCHEMA,
  type Filter,
  type FilterLiteral,
} from '@lib/scim';
import { GroupQueries, UserQueries } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { useReadModelFixture, waitForCatchUp } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';
import { CITIES, DEPARTMENTS, DOMAINS, NAMES, TYPES, writeGeneratedTenant } from './support/generated-tenant';
import { runSeed } from './support/run-seed';
import { HARD_TEXT_UNITS } from './support/unicode-samples';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const TENANT = 'tenant-diff';
/** Data and filters both come from it: a new one each run, printed; FILTER_DIFF_SEED=<seed> replays a run. */
const SEED = runSeed('FILTER_DIFF_SEED', 'filter differential');

const userPaths = [
  'userName',
  'USERNAME',
  'displayName',
  'externalId',
  'id',
  'title',
  'nickName',
  'active',
  'name.givenName',
  'name.familyName',
  'name',
  'emails',
  'emails.value',
  'emails.type',
  'emails.primary',
  'phoneNumbers.value',
  'phoneNumbers.type',
  'addresses.locality',
  'addresses.country',
  'addresses.type',
  'addresses',
  'groups.value',
  'groups.display',
  'groups',
  'meta.created',
  'meta.lastModified',
  'meta.resourceType',
  'meta.version',
  'schemas',
  'timezone',
  `${ENTERPRISE}:department`,
  `${ENTERPRISE}:manager.value`,
  'department',
  `urn:ietf:params:scim:schemas:core:2.0:User:userName`,
];
const valuePathAttributes: Record<string, string[]> = {
  emails: ['value', 'type', 'primary', 'display'],
  phoneNumbers: ['value', 'type'],
  addresses: ['locality', 'country', 'type', 'primary'],
  groups: ['value', 'display', 'type'],
  name: ['givenName', 'familyName'],
};
const groupPaths = [
  'displayName',
  'externalId',
  'id',
  'members',
  'members.value',
  'members.display',
  'members.type',
  'meta.lastModified',
  'schemas',
];

const strings = [
  ...NAMES,
  ...DOMAINS,
  ...TYPES,
  ...CITIES,
  ...DEPARTMENTS,
  ...HARD_TEXT_UNITS,
  'ALICE',
  '@',
  '.',
  'a',
  'e',
  'ext-1',
  'u001',
  'g1',
  'Engineer',
  'Admins 0',
  'admins',
  '%',
  '_',
  'User',
  'direct',
  'true',
  'INGÉNIEUR',
  'διευθυντής',
];
const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...strings) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('2025-01-01T00:01:00Z', '2025-01-01T00:30:00.000Z', '2030-01-01T00:00:00+02:00'),
  },
  { weight: 1, arbitrary: fc.constantFrom(1, 0) },
);
const operator = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le' as const);

function attributePath(text: string) {
  const colon = text.lastIndexOf(':');
  const schema = colon >= 0 ? text.slice(0, colon) : undefined;
  const [attribute, subAttribute] = text.slice(colon + 1).split('.');
  return { ...(schema ? { schema } : {}), attribute, ...(subAttribute ? { subAttribute } : {}) };
}

function filterArbitrary(paths: string[], valuePaths: Record<string, string[]>): fc.Arbitrary<Filter> {
  const leaf = (pathTexts: string[]): fc.Arbitrary<Filter> =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('comparison' as const),
          path: fc.constantFrom(...pathTexts).map(attributePath),
          operator,
          value: literal,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('present' as const),
          path: fc.constantFrom(...pathTexts).map(attributePath),
        }),
      },
    );
  const combine = (inner: fc.Arbitrary<Filter>, depth: number): fc.Arbitrary<Filter> => {
    if (depth === 0) return inner;
    const smaller = combine(inner, depth - 1);
    return fc.oneof(
      { weight: 3, arbitrary: inner },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: smaller, right: smaller }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('not' as const), filter: smaller }) },
    );
  };
  const valuePathEntries = Object.entries(valuePaths);
  const valuePath: fc.Arbitrary<Filter> = valuePathEntries.length
    ? fc
        .constantFrom(...valuePathEntries)
        .chain(([attribute, subs]) =>
          combine(leaf(subs), 1).map((inner) => ({ kind: 'valuePath' as const, path: { attribute }, filter: inner })),
        )
    : leaf(paths);
  return combine(fc.oneof({ weight: 4, arbitrary: leaf(paths) }, { weight: 1, arbitrary: valuePath }), 2);
}

describe('SCIM filter -> SQL agrees with the in-memory evaluator (differential, generated data)', () => {
  const fixture = useReadModelFixture();
  let users: UserQueries;
  let groups: GroupQueries;
  let allUsers: JsonObject[];
  let allGroups: JsonObject[];

  beforeAll(async () => {
    const write = new ScimEventWriter(fixture.store, TENANT);
    await writeGeneratedTenant(write, SEED, 80, 6);
    await new ScimEventWriter(fixture.store, 'other-tenant').provisionUser('u001', { userName: 'alice.1@example.com' });
    const projector = new Projector(fixture.pool, fixture.store, { batchSize: 100 });
    await projector.start();
    await waitForCatchUp(fixture);
    await projector.stop();
    users = new UserQueries(fixture.pool, { maxResults: 10000 });
    groups = new GroupQueries(fixture.pool, { maxResults: 10000 });
    allUsers = (await users.list(TENANT, { count: 10000 })).resources;
    allGroups = (await groups.list(TENANT, { count: 10000 })).resources;
  }, 120000);

  async function compare(
    filter: Filter,
    run: (f: Filter) => Promise<JsonObject[]>,
    all: JsonObject[],
    schema: typeof USER_RESOURCE_SCHEMA,
  ) {
    let expected: string[] | 'invalid';
    try {
      expected = all
        .filter((resource) => evaluateFilter(filter, resource, schema))
        .map((r) => String(r.id))
        .sort();
    } catch (error) {
      if (!(error instanceof InvalidFilterError)) throw error;
      expected = 'invalid';
    }
    let actual: string[] | 'invalid';
    try {
      actual = (await run(filter)).map((r) => String(r.id)).sort();
    } catch (error) {
      if (!(error instanceof InvalidFilterError))
        throw new Error(`${(error as Error).message} for ${JSON.stringify(filter)}`);
      actual = 'invalid';
    }
    expect({ filter, result: actual }).toEqual({ filter, result: expected });
    return expected;
  }

  it('has a tenant worth filtering', () => {
    expect(allUsers.length).toBeGreaterThan(60);
    expect(allUsers.some((u) => Array.isArray(u.groups))).toBe(true);
    // `remove active` leaves users whose active is unassigned: absent, which `active eq …` and `active pr` must agree
    // on.
    expect(allUsers.some((u) => !('active' in u))).toBe(true);
  });

  it('users: every generated filter selects the same users in SQL as in memory', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(filterArbitrary(userPaths, valuePathAttributes), async (filter) => {
        const expected = await compare(
          filter,
          async (f) => (await users.list(TENANT, { filter: f, count: 10000 })).resources,
          allUsers,
          USER_RESOURCE_SCHEMA,
        );
        if (expected !== 'invalid' && expected.length > 0 && expected.length < allUsers.length) nonEmpty++;
      }),
      { numRuns: 600, seed: SEED, endOnFailure: true },
    );
    // The generator must produce discriminating filters, not only all-or-nothing ones.
    expect(nonEmpty).toBeGreaterThan(100);
  }, 120000);

  it('groups: every generated filter selects the same groups in SQL as in memory', async () => {
    await fc.assert(
      fc.asyncProperty(filterArbitrary(groupPaths, { members: ['value', 'display', 'type'] }), async (filter) => {
        await compare(
          filter,
          async (f) => (await groups.list(TENANT, { filter: f, count: 10000 })).resources,
          allGroups,
          GROUP_RESOURCE_SCHEMA,
        );
      }),
      { numRuns: 200, seed: SEED + 1, endOnFailure: true },
    );
  }, 120000);
});
