import { startTestApp, type TestApp } from '../../support/app';
import { GROUP_SCHEMA, PATCH_OP, provisionTenant, USER_SCHEMA, type ScimTenant } from '../../support/scim';
import {
  expectList,
  expectNoContent,
  expectResource,
  expectScimError,
  filterQuery,
  groupIdsOf,
  memberIds,
  type Json,
} from '../scim/expect-scim';
import { expectPatchValuesReadLeniently } from './lenient-patch-values';

/**
 * Okta's provisioning conversation, as its "SCIM 2.0 protocol reference" (developer.okta.com)
 * shows it, replayed against a tenant whose profile is `okta`. Each step checks the whole answer.
 * See docs/idp-compatibility.md.
 */
const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });

function oktaUser(userName: string, given = 'Test', family = 'User'): Json {
  // Okta's create body: externalId, password (sent even when passwords are not synced), groups [].
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${given} ${family}`,
    locale: 'en-US',
    externalId: `00u${Buffer.from(userName).toString('hex').slice(0, 14)}`,
    groups: [],
    password: '1mz050nq',
    active: true,
  };
}

describe('Okta provisioning conversation (profile: okta)', () => {
  let app: TestApp;
  let scim: ScimTenant;
  beforeAll(async () => {
    app = await startTestApp();
    scim = await provisionTenant(app, 'okta');
  });
  afterAll(() => app?.close());

  /** Okta's check-then-create: GET ?filter=userName eq "…"&startIndex=1&count=100, then POST. */
  async function checkThenCreate(userName: string, given?: string, family?: string): Promise<Json> {
    const existing = await scim.call(
      'GET',
      `/Users?${filterQuery(`userName eq "${userName}"`)}&startIndex=1&count=100`,
    );
    expect(expectList(existing, scim, 'User', 0)).toEqual([]);
    expect(existing.body).toMatchObject({ startIndex: 1, itemsPerPage: 0 });
    const created = await scim.call('POST', '/Users', oktaUser(userName, given, family));
    return expectResource(created, 201, scim, 'User');
  }

  let user: Json;
  const userName = 'test.user@okta.local';

  it('checks (filter + startIndex=1&count=100 → 0 results) then creates with externalId, password and groups []', async () => {
    user = await checkThenCreate(userName);
    expect(user).toMatchObject({
      userName,
      active: true,
      displayName: 'Test User',
      locale: 'en-US',
      name: { givenName: 'Test', familyName: 'User' },
      externalId: expect.any(String),
    });
    expect(user).not.toHaveProperty('password');
    expect(user.groups ?? []).toEqual([]);
  });

  it('finds the user with the same request it checked with (1 result, startIndex 1)', async () => {
    const found = await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}&startIndex=1&count=100`);
    const [listed] = expectList(found, scim, 'User', 1);
    expect(found.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    expect(listed).toMatchObject({ id: user.id, userName });
    expect(listed).not.toHaveProperty('password');
  });

  it('answers a duplicate create with 409, scimType uniqueness and status as the string "409"', async () => {
    const duplicate = await scim.call('POST', '/Users', oktaUser(userName.toUpperCase()));
    expectScimError(duplicate, 409, 'uniqueness');
  });

  it('answers an unknown id with 404 and status as the string "404"', async () => {
    expectScimError(await scim.call('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('updates with PUT: a full replace of what it read (id, meta, groups included) plus its password', async () => {
    const read = expectResource(await scim.call('GET', `/Users/${user.id}`), 200, scim, 'User');
    const replaced = await scim.call('PUT', `/Users/${user.id}`, {
      ...read,
      name: { givenName: 'Another', familyName: 'User' },
      title: 'Engineer',
      password: '1mz050nq',
    });
    const body = expectResource(replaced, 200, scim, 'User');
    expect(body).toMatchObject({
      id: user.id,
      userName,
      name: { givenName: 'Another', familyName: 'User' },
      title: 'Engineer',
      active: true,
    });
    expect(body).not.toHaveProperty('password');
    expect(body.meta.created).toBe(read.meta.created);
    expect(body.meta.version).not.toBe(read.meta.version);
    // PUT is a full replace: what Okta leaves out is gone.
    const { title: _title, ...withoutTitle } = body;
    const again = expectResource(await scim.call('PUT', `/Users/${user.id}`, withoutTitle), 200, scim, 'User');
    expect(again).not.toHaveProperty('title');
  });

  it('deactivates with a no-path replace {"op":"replace","value":{"active":false}}, and reactivates', async () => {
    const response = await scim.call('PATCH', `/Users/${user.id}`, patch({ op: 'replace', value: { active: false } }));
    expect(expectResource(response, 200, scim, 'User')).toMatchObject({ id: user.id, active: false, userName });
    const found = await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}&startIndex=1&count=100`);
    expect(expectList(found, scim, 'User', 1)[0].active).toBe(false);
    const back = await scim.call('PATCH', `/Users/${user.id}`, patch({ op: 'replace', value: { active: true } }));
    expect(expectResource(back, 200, scim, 'User').active).toBe(true);
  });

  it('pages with startIndex/count in a stable order across pages', async () => {
    for (const name of ['page.c@okta.local', 'page.a@okta.local', 'page.b@okta.local']) await checkThenCreate(name);
    const all = expectList(await scim.call('GET', '/Users?startIndex=1&count=100'), scim, 'User', 4);
    const pages: string[] = [];
    for (let start = 1; start <= 4; start += 2) {
      const page = await scim.call('GET', `/Users?startIndex=${start}&count=2`);
      const resources = expectList(page, scim, 'User', 4);
      expect(page.body).toMatchObject({ startIndex: start, itemsPerPage: 2 });
      pages.push(...resources.map((r) => r.id));
    }
    expect(pages).toEqual(all.map((r) => r.id));
    expect(new Set(pages).size).toBe(4);
  });

  let groupId: string;
  let members: Record<string, string>;

  it('pushes a group: POST with empty members (201), found by displayName with startIndex/count', async () => {
    members = {};
    for (const name of ['m1', 'm2', 'm3']) members[name] = (await checkThenCreate(`${name}@okta.local`)).id;
    const created = await scim.call('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Test SCIMv2',
      members: [],
    });
    const body = expectResource(created, 201, scim, 'Group');
    groupId = body.id;
    expect(body.displayName).toBe('Test SCIMv2');
    expect(body.members ?? []).toEqual([]);
    const found = await scim.call(
      'GET',
      `/Groups?${filterQuery('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`,
    );
    expect(expectList(found, scim, 'Group', 1)[0].id).toBe(groupId);
  });

  it('renames with a no-path replace carrying id and displayName: 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'replace', value: { id: groupId, displayName: 'Test SCIMv2 renamed' } }),
    );
    expectNoContent(response);
    const read = expectResource(await scim.call('GET', `/Groups/${groupId}`), 200, scim, 'Group');
    expect(read).toMatchObject({ id: groupId, displayName: 'Test SCIMv2 renamed' });
  });

  it('adds members with a members add: 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({
        op: 'add',
        path: 'members',
        value: [
          { value: members.m1, display: 'm1@okta.local' },
          { value: members.m2, display: 'm2@okta.local' },
        ],
      }),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([members.m1, members.m2].sort());
  });

  it('changes membership with members[value eq "…"] removes plus a members add in one request: 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch(
        { op: 'remove', path: `members[value eq "${members.m1}"]` },
        { op: 'add', path: 'members', value: [{ value: members.m3, display: 'm3@okta.local' }] },
      ),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([members.m2, members.m3].sort());
    expect(await groupIdsOf(scim, members.m1)).toEqual([]);
    expect(await groupIdsOf(scim, members.m3)).toEqual([groupId]);
  });

  it('replaces members with a full list (stale members leave, listed ones stay): 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'replace', path: 'members', value: [{ value: members.m1 }, { value: members.m3 }] }),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([members.m1, members.m3].sort());
  });

  it('replaces members with []: 204 and the group is empty', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'replace', path: 'members', value: [] }),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([]);
    expect(await groupIdsOf(scim, members.m1)).toEqual([]);
  });

  it('deletes the group on unlink: 204, then 404 with status "404"', async () => {
    await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'add', path: 'members', value: [{ value: members.m2 }] }),
    );
    const deleted = await scim.call('DELETE', `/Groups/${groupId}`);
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: undefined });
    expectScimError(await scim.call('GET', `/Groups/${groupId}`), 404);
    expect(await groupIdsOf(scim, members.m2)).toEqual([]);
    const listed = await scim.call(
      'GET',
      `/Groups?${filterQuery('displayName eq "Test SCIMv2 renamed"')}&startIndex=1&count=100`,
    );
    expectList(listed, scim, 'Group', 0);
  });

  it('errors carry status as a string for a bad filter too (400 invalidFilter)', async () => {
    expectScimError(
      await scim.call('GET', `/Users?${filterQuery('userName eq')}&startIndex=1&count=100`),
      400,
      'invalidFilter',
    );
  });

  it('reads PATCH values like a POST body on every path form: what the schema lacks is dropped, the rest applied (issue 15)', async () => {
    await expectPatchValuesReadLeniently(scim, 'okta');
  });
});
