import { ENTERPRISE_SCHEMA, USER_SCHEMA, type ScimTenant } from '../../support/scim';
import { expectList, expectResource, expectScimError, filterQuery, memberIds, type Json } from '../scim/expect-scim';
import { givenGroup, givenUser, patch } from '../scim/steps';
import { describeIdpCases, type IdpCase } from './idp-cases';

/**
 * OneLogin's provisioning conversation ("SCIM Provisioner with SAML (SCIM v2 Enterprise)"): the
 * user body comes from the SCIM JSON template the admin edits, whose substitutions give
 * `"active": "true"` as a string, `"id": null`, `meta.resourceType`, addresses without a type, and
 * `manager.managerId`; `GET /Groups` lists the groups offered as entitlements ("Refresh
 * entitlements"); membership by PATCH. Profile: `onelogin`. See docs/idp-compatibility.md.
 */

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

const olive = 'olive@onelogin.example';
const givenOlive = async (scim: ScimTenant) => ({ userId: (await givenUser(scim, templateUser(olive, 'true'))).id });

const cases: IdpCase[] = [
  {
    name: 'refreshes entitlements: GET /Groups lists every group (empty at first, then the roles created)',
    given: async (scim) => {
      expect(expectList(await scim.call('GET', '/Groups'), scim, 'Group', 0)).toEqual([]);
      for (const name of ['Finance', 'Auditors', 'Admins']) await givenGroup(scim, name);
      return {};
    },
    when: { method: 'GET', path: '/Groups' },
    then: { status: 200, list: 'Group', totalResults: 3 },
    and: async ({ scim, body }) => {
      expect(body.Resources.map((g: Json) => g.displayName).sort()).toEqual(['Admins', 'Auditors', 'Finance']);
      const paged = await scim.call('GET', '/Groups?startIndex=2&count=1');
      expect(expectList(paged, scim, 'Group', 3)).toHaveLength(1);
      expect(paged.body).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
    },
  },
  {
    name: 'creates a user from the JSON template: string "true", id null, meta.resourceType, an untyped address',
    given: async (scim) => {
      expectList(await scim.call('GET', `/Users?${filterQuery(`userName eq "${olive}"`)}`), scim, 'User', 0);
      return {};
    },
    when: { method: 'POST', path: '/Users', body: templateUser(olive, 'true') },
    then: {
      status: 201,
      resource: 'User',
      body: {
        id: expect.any(String),
        userName: olive,
        active: true,
        title: 'Controller',
        addresses: [{ locality: 'San Francisco', region: 'CA', country: 'US' }],
        name: { familyName: 'Login', givenName: 'Olive', formatted: 'Olive Login' },
      },
    },
    and: ({ body }) => expect(body[ENTERPRISE_SCHEMA]).toEqual({ department: 'Finance' }),
  },
  {
    name:
      "ignores the template's unknown manager.managerId sub-attribute under the lenient profile " +
      '(manager.displayName is readOnly, so dropped too)',
    when: {
      method: 'POST',
      path: '/Users',
      body: templateUser('manager.id@onelogin.example', 'true', { managerId: '', displayName: 'Mia Manager' }),
    },
    then: { status: 201, resource: 'User' },
    and: async ({ scim, body }) => {
      expect(body[ENTERPRISE_SCHEMA]).toEqual({ department: 'Finance' });
      expect((await scim.call('DELETE', `/Users/${body.id}`)).status).toBe(204);
    },
  },
  {
    name: 'updates from the template with PUT (string "false" deactivates)',
    given: givenOlive,
    when: ({ userId }) => ({
      method: 'PUT',
      path: `/Users/${userId}`,
      body: { ...templateUser(olive, 'false'), title: 'CFO' },
    }),
    then: ({ userId }) => ({ status: 200, resource: 'User', body: { id: userId, active: false, title: 'CFO' } }),
    and: async ({ scim, given: { userId } }) => {
      const back = expectResource(
        await scim.call('PUT', `/Users/${userId}`, templateUser(olive, 'true')),
        200,
        scim,
        'User',
      );
      expect(back.active).toBe(true);
    },
  },
  {
    name: 'assigns and removes an entitlement (group membership by PATCH)',
    given: async (scim) => ({ ...(await givenOlive(scim)), financeId: (await givenGroup(scim, 'Finance')).id }),
    when: ({ userId, financeId }) => ({
      method: 'PATCH',
      path: `/Groups/${financeId}`,
      body: patch({ op: 'add', path: 'members', value: [{ value: userId }] }),
    }),
    then: { status: 204 },
    and: async ({ scim, given: { userId, financeId } }) => {
      expect(await memberIds(scim, financeId)).toEqual([userId]);
      const user = expectResource(await scim.call('GET', `/Users/${userId}`), 200, scim, 'User');
      expect(user.groups).toEqual([expect.objectContaining({ value: financeId, display: 'Finance' })]);
      const removed = await scim.call(
        'PATCH',
        `/Groups/${financeId}`,
        patch({ op: 'remove', path: `members[value eq "${userId}"]` }),
      );
      expect(removed.status).toBe(204);
      expect(await memberIds(scim, financeId)).toEqual([]);
    },
  },
  {
    name: 'deprovisions with DELETE: 204, then 404',
    given: givenOlive,
    when: ({ userId }) => ({ method: 'DELETE', path: `/Users/${userId}` }),
    then: { status: 204 },
    and: async ({ scim, given: { userId } }) => expectScimError(await scim.call('GET', `/Users/${userId}`), 404),
  },
];

describeIdpCases('OneLogin provisioning conversation (profile: onelogin)', 'onelogin', cases);
