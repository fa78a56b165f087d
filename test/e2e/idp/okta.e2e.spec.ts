import { GROUP_SCHEMA, USER_SCHEMA, type ScimTenant } from '../../support/scim';
import {
  expectList,
  expectResource,
  expectScimError,
  filterQuery,
  groupIdsOf,
  memberIds,
  type Json,
} from '../scim/expect-scim';
import { givenGroup, givenUser, patch } from '../scim/steps';
import { describeIdpCases, type IdpCase } from './idp-cases';

/**
 * Okta's provisioning conversation, as its "SCIM 2.0 protocol reference" (developer.okta.com)
 * shows it, replayed against a tenant whose profile is `okta`. Each step checks the whole answer.
 * See docs/idp-compatibility.md.
 */
const userName = 'test.user@okta.local';

function oktaUser(name: string, given = 'Test', family = 'User'): Json {
  // Okta's create body: externalId, password (sent even when passwords are not synced), groups [].
  return {
    schemas: [USER_SCHEMA],
    userName: name,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: name, type: 'work' }],
    displayName: `${given} ${family}`,
    locale: 'en-US',
    externalId: `00u${Buffer.from(name).toString('hex').slice(0, 14)}`,
    groups: [],
    password: '1mz050nq',
    active: true,
  };
}

/** Okta's lookup: GET ?filter=userName eq "…"&startIndex=1&count=100. */
const lookUp = (name: string) => `/Users?${filterQuery(`userName eq "${name}"`)}&startIndex=1&count=100`;
const lookUpGroup = (displayName: string) =>
  `/Groups?${filterQuery(`displayName eq "${displayName}"`)}&startIndex=1&count=100`;

const givenOktaUser = (scim: ScimTenant, name = userName) => givenUser(scim, oktaUser(name));

/** The pushed group and its three would-be members m1, m2, m3; `memberNames` are members already. */
async function givenPushedGroup(scim: ScimTenant, memberNames: string[] = [], displayName = 'Test SCIMv2') {
  const members: Record<string, string> = {};
  for (const name of ['m1', 'm2', 'm3']) members[name] = (await givenOktaUser(scim, `${name}@okta.local`)).id;
  const group = await givenGroup(
    scim,
    displayName,
    memberNames.map((name) => members[name]),
  );
  return { groupId: group.id as string, members };
}

const cases: IdpCase[] = [
  {
    name: 'checks for the user (filter + startIndex=1&count=100) in an empty tenant: 0 results, startIndex 1',
    when: { method: 'GET', path: lookUp(userName) },
    then: { status: 200, list: 'User', totalResults: 0, resources: [], body: { startIndex: 1, itemsPerPage: 0 } },
  },
  {
    name: 'creates with externalId, password and groups []: 201 without the password',
    when: { method: 'POST', path: '/Users', body: oktaUser(userName) },
    then: {
      status: 201,
      resource: 'User',
      body: {
        userName,
        active: true,
        displayName: 'Test User',
        locale: 'en-US',
        name: { givenName: 'Test', familyName: 'User' },
        externalId: expect.any(String),
      },
    },
    and: ({ body }) => {
      expect(body).not.toHaveProperty('password');
      expect(body.groups ?? []).toEqual([]);
    },
  },
  {
    name: 'finds the user with the same request it checked with (1 result, startIndex 1)',
    given: async (scim) => ({ user: await givenOktaUser(scim) }),
    when: { method: 'GET', path: lookUp(userName) },
    then: ({ user }) => ({
      status: 200,
      list: 'User',
      totalResults: 1,
      resources: [{ id: user.id, userName }],
      body: { startIndex: 1, itemsPerPage: 1 },
    }),
    and: ({ body }) => expect(body.Resources[0]).not.toHaveProperty('password'),
  },
  {
    name: 'answers a duplicate create with 409, scimType uniqueness and status as the string "409"',
    given: async (scim) => ({ user: await givenOktaUser(scim) }),
    when: { method: 'POST', path: '/Users', body: oktaUser(userName.toUpperCase()) },
    then: { status: 409, scimType: 'uniqueness' },
  },
  {
    name: 'answers an unknown id with 404 and status as the string "404"',
    when: { method: 'GET', path: '/Users/00000000-0000-4000-8000-000000000000' },
    then: { status: 404 },
  },
  {
    name: 'updates with PUT: a full replace of what it read (id, meta, groups included) plus its password',
    given: async (scim) => {
      const { id } = await givenOktaUser(scim);
      return { read: expectResource(await scim.call('GET', `/Users/${id}`), 200, scim, 'User') };
    },
    when: ({ read }) => ({
      method: 'PUT',
      path: `/Users/${read.id}`,
      body: { ...read, name: { givenName: 'Another', familyName: 'User' }, title: 'Engineer', password: '1mz050nq' },
    }),
    then: ({ read }) => ({
      status: 200,
      resource: 'User',
      body: {
        id: read.id,
        userName,
        name: { givenName: 'Another', familyName: 'User' },
        title: 'Engineer',
        active: true,
      },
    }),
    and: async ({ scim, given: { read }, body }) => {
      expect(body).not.toHaveProperty('password');
      expect(body.meta.created).toBe(read.meta.created);
      expect(body.meta.version).not.toBe(read.meta.version);
      // PUT is a full replace: what Okta leaves out is gone.
      const { title: _title, ...withoutTitle } = body;
      const again = expectResource(await scim.call('PUT', `/Users/${read.id}`, withoutTitle), 200, scim, 'User');
      expect(again).not.toHaveProperty('title');
    },
  },
  {
    name: 'deactivates with a no-path replace {"op":"replace","value":{"active":false}}, and reactivates',
    given: async (scim) => ({ user: await givenOktaUser(scim) }),
    when: ({ user }) => ({
      method: 'PATCH',
      path: `/Users/${user.id}`,
      body: patch({ op: 'replace', value: { active: false } }),
    }),
    then: ({ user }) => ({ status: 200, resource: 'User', body: { id: user.id, active: false, userName } }),
    and: async ({ scim, given: { user } }) => {
      expect(expectList(await scim.call('GET', lookUp(userName)), scim, 'User', 1)[0].active).toBe(false);
      const back = await scim.call('PATCH', `/Users/${user.id}`, patch({ op: 'replace', value: { active: true } }));
      expect(expectResource(back, 200, scim, 'User').active).toBe(true);
    },
  },
  {
    name: 'pages with startIndex/count in a stable order across pages',
    given: async (scim) => {
      for (const name of [userName, 'page.c@okta.local', 'page.a@okta.local', 'page.b@okta.local'])
        await givenOktaUser(scim, name);
      return { all: expectList(await scim.call('GET', '/Users?startIndex=1&count=100'), scim, 'User', 4) };
    },
    when: { method: 'GET', path: '/Users?startIndex=1&count=2' },
    then: { status: 200, list: 'User', totalResults: 4, body: { startIndex: 1, itemsPerPage: 2 } },
    and: async ({ scim, given: { all }, body }) => {
      const second = await scim.call('GET', '/Users?startIndex=3&count=2');
      expect(second.body).toMatchObject({ startIndex: 3, itemsPerPage: 2 });
      const pages = [...body.Resources, ...expectList(second, scim, 'User', 4)].map((r: Json) => r.id);
      expect(pages).toEqual(all.map((r: Json) => r.id));
      expect(new Set(pages).size).toBe(4);
    },
  },
  {
    name: 'pushes a group: POST with empty members (201), found by displayName with startIndex/count',
    when: {
      method: 'POST',
      path: '/Groups',
      body: { schemas: [GROUP_SCHEMA], displayName: 'Test SCIMv2', members: [] },
    },
    then: { status: 201, resource: 'Group', body: { displayName: 'Test SCIMv2' } },
    and: async ({ scim, body }) => {
      expect(body.members ?? []).toEqual([]);
      expect(expectList(await scim.call('GET', lookUpGroup('Test SCIMv2')), scim, 'Group', 1)[0].id).toBe(body.id);
    },
  },
  {
    name: 'renames with a no-path replace carrying id and displayName: 204',
    given: (scim) => givenPushedGroup(scim),
    when: ({ groupId }) => ({
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: patch({ op: 'replace', value: { id: groupId, displayName: 'Test SCIMv2 renamed' } }),
    }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId } }) => {
      const read = expectResource(await scim.call('GET', `/Groups/${groupId}`), 200, scim, 'Group');
      expect(read).toMatchObject({ id: groupId, displayName: 'Test SCIMv2 renamed' });
    },
  },
  {
    name: 'adds members with a members add: 204',
    given: (scim) => givenPushedGroup(scim),
    when: ({ groupId, members }) => ({
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: patch({
        op: 'add',
        path: 'members',
        value: [
          { value: members.m1, display: 'm1@okta.local' },
          { value: members.m2, display: 'm2@okta.local' },
        ],
      }),
    }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expect(await memberIds(scim, groupId)).toEqual([members.m1, members.m2].sort());
    },
  },
  {
    name: 'changes membership with members[value eq "…"] removes plus a members add in one request: 204',
    given: (scim) => givenPushedGroup(scim, ['m1', 'm2']),
    when: ({ groupId, members }) => ({
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: patch(
        { op: 'remove', path: `members[value eq "${members.m1}"]` },
        { op: 'add', path: 'members', value: [{ value: members.m3, display: 'm3@okta.local' }] },
      ),
    }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expect(await memberIds(scim, groupId)).toEqual([members.m2, members.m3].sort());
      expect(await groupIdsOf(scim, members.m1)).toEqual([]);
      expect(await groupIdsOf(scim, members.m3)).toEqual([groupId]);
    },
  },
  {
    name: 'replaces members with a full list (stale members leave, listed ones stay): 204',
    given: (scim) => givenPushedGroup(scim, ['m2', 'm3']),
    when: ({ groupId, members }) => ({
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: patch({ op: 'replace', path: 'members', value: [{ value: members.m1 }, { value: members.m3 }] }),
    }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expect(await memberIds(scim, groupId)).toEqual([members.m1, members.m3].sort());
    },
  },
  {
    name: 'replaces members with []: 204 and the group is empty',
    given: (scim) => givenPushedGroup(scim, ['m1', 'm3']),
    when: ({ groupId }) => ({
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: patch({ op: 'replace', path: 'members', value: [] }),
    }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expect(await memberIds(scim, groupId)).toEqual([]);
      expect(await groupIdsOf(scim, members.m1)).toEqual([]);
    },
  },
  {
    name: 'deletes the group on unlink: 204, then 404 with status "404"',
    given: (scim) => givenPushedGroup(scim, ['m2'], 'Test SCIMv2 renamed'),
    when: ({ groupId }) => ({ method: 'DELETE', path: `/Groups/${groupId}` }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expectScimError(await scim.call('GET', `/Groups/${groupId}`), 404);
      expect(await groupIdsOf(scim, members.m2)).toEqual([]);
      expectList(await scim.call('GET', lookUpGroup('Test SCIMv2 renamed')), scim, 'Group', 0);
    },
  },
  {
    name: 'errors carry status as a string for a bad filter too (400 invalidFilter)',
    when: { method: 'GET', path: `/Users?${filterQuery('userName eq')}&startIndex=1&count=100` },
    then: { status: 400, scimType: 'invalidFilter' },
  },
];

describeIdpCases('Okta provisioning conversation (profile: okta)', 'okta', cases);
