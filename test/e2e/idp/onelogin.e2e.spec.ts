import { startTestApp, type TestApp } from '../../support/app';
import {
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  provisionTenant,
  USER_SCHEMA,
  type ScimTenant,
} from '../../support/scim';
import { expectList, expectResource, expectScimError, filterQuery, memberIds, type Json } from '../scim/expect-scim';
import { expectPatchValuesReadLeniently } from './lenient-patch-values';

/**
 * OneLogin's provisioning conversation ("SCIM Provisioner with SAML (SCIM v2 Enterprise)"): the
 * user body comes from the SCIM JSON template the admin edits, whose substitutions give
 * `"active": "true"` as a string, `"id": null`, `meta.resourceType`, addresses without a type, and
 * `manager.managerId`; `GET /Groups` lists the groups offered as entitlements ("Refresh
 * entitlements"); membership by PATCH. Profile: `onelogin`. See docs/idp-compatibility.md.
 */
const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });

/** The admin's template filled in; `manager` as some templates have it, with OneLogin's own `managerId` key. */
function templateUser(userName: string, active: string, manager?: Json): Json {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    [ENTERPRISE_SCHEMA]: { department: 'Finance', ...(manager ? { manager } : {}) },
    active,
    emails: [{ value: userName, type: 'work', primary: true }],
    meta: { resourceType: 'User' },
    name: { familyName: 'Login', givenName: 'Olive', formatted: 'Olive Login' },
    userName,
    id: null,
    title: 'Controller',
    addresses: [{ locality: 'San Francisco', region: 'CA', country: 'US' }],
  };
}

describe('OneLogin provisioning conversation (profile: onelogin)', () => {
  let app: TestApp;
  let scim: ScimTenant;
  beforeAll(async () => {
    app = await startTestApp();
    scim = await provisionTenant(app, 'onelogin');
  });
  afterAll(() => app?.close());

  const groups: Record<string, string> = {};
  let userId: string;

  it('refreshes entitlements: GET /Groups lists every group (empty at first, then the roles created)', async () => {
    expect(expectList(await scim.call('GET', '/Groups'), scim, 'Group', 0)).toEqual([]);
    for (const name of ['Finance', 'Auditors', 'Admins']) {
      groups[name] = expectResource(
        await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: name }),
        201,
        scim,
        'Group',
      ).id;
    }
    const listed = expectList(await scim.call('GET', '/Groups'), scim, 'Group', 3);
    expect(listed.map((g) => g.displayName).sort()).toEqual(['Admins', 'Auditors', 'Finance']);
    const paged = await scim.call('GET', '/Groups?startIndex=2&count=1');
    expect(expectList(paged, scim, 'Group', 3)).toHaveLength(1);
    expect(paged.body).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
  });

  it('creates a user from the JSON template: string "true", id null, meta.resourceType, an untyped address', async () => {
    expectList(
      await scim.call('GET', `/Users?${filterQuery('userName eq "olive@onelogin.example"')}`),
      scim,
      'User',
      0,
    );
    const created = expectResource(
      await scim.call('POST', '/Users', templateUser('olive@onelogin.example', 'true')),
      201,
      scim,
      'User',
    );
    userId = created.id;
    expect(created).toMatchObject({
      userName: 'olive@onelogin.example',
      active: true,
      title: 'Controller',
      addresses: [{ locality: 'San Francisco', region: 'CA', country: 'US' }],
      name: { familyName: 'Login', givenName: 'Olive', formatted: 'Olive Login' },
    });
    expect(created.id).toEqual(expect.any(String));
    expect(created[ENTERPRISE_SCHEMA]).toEqual({ department: 'Finance' });
  });

  it("ignores the template's unknown manager.managerId sub-attribute under the lenient profile (manager.displayName is readOnly, so dropped too)", async () => {
    const body = templateUser('manager.id@onelogin.example', 'true', { managerId: '', displayName: 'Mia Manager' });
    const created = expectResource(await scim.call('POST', '/Users', body), 201, scim, 'User');
    expect(created[ENTERPRISE_SCHEMA]).toEqual({ department: 'Finance' });
    expect((await scim.call('DELETE', `/Users/${created.id}`)).status).toBe(204);
  });

  it('updates from the template with PUT (string "false" deactivates)', async () => {
    const replaced = expectResource(
      await scim.call('PUT', `/Users/${userId}`, { ...templateUser('olive@onelogin.example', 'false'), title: 'CFO' }),
      200,
      scim,
      'User',
    );
    expect(replaced).toMatchObject({ id: userId, active: false, title: 'CFO' });
    const back = expectResource(
      await scim.call('PUT', `/Users/${userId}`, templateUser('olive@onelogin.example', 'true')),
      200,
      scim,
      'User',
    );
    expect(back.active).toBe(true);
  });

  it('assigns and removes an entitlement (group membership by PATCH)', async () => {
    const added = await scim.call(
      'PATCH',
      `/Groups/${groups.Finance}`,
      patch({ op: 'add', path: 'members', value: [{ value: userId }] }),
    );
    expect(added.status).toBe(204);
    expect(await memberIds(scim, groups.Finance)).toEqual([userId]);
    const user = expectResource(await scim.call('GET', `/Users/${userId}`), 200, scim, 'User');
    expect(user.groups).toEqual([expect.objectContaining({ value: groups.Finance, display: 'Finance' })]);
    const removed = await scim.call(
      'PATCH',
      `/Groups/${groups.Finance}`,
      patch({ op: 'remove', path: `members[value eq "${userId}"]` }),
    );
    expect(removed.status).toBe(204);
    expect(await memberIds(scim, groups.Finance)).toEqual([]);
  });

  it('deprovisions with DELETE: 204, then 404', async () => {
    expect((await scim.call('DELETE', `/Users/${userId}`)).status).toBe(204);
    expectScimError(await scim.call('GET', `/Users/${userId}`), 404);
  });

  it('reads PATCH values like a POST body on every path form: what the schema lacks is dropped, the rest applied (issue 15)', async () => {
    await expectPatchValuesReadLeniently(scim, 'onelogin');
  });
});
