import { USER_SCHEMA, type ScimTenant } from '../../support/scim';
import { expectList, expectResource, expectScimError, filterQuery, type Json } from '../scim/expect-scim';
import { givenUser, patch } from '../scim/steps';
import { describeIdpCases, type IdpCase } from './idp-cases';

/**
 * Google Workspace's auto-provisioning conversation: the `GET /Users?count=1` probe when the admin
 * saves the endpoint and token, lookup-then-create, update, and its three separate
 * deprovisioning choices (suspend → active false, removed from scope → active false or delete,
 * deleted → DELETE). Profile: `google`. See docs/idp-compatibility.md.
 */
function googleUser(userName: string): Json {
  return {
    schemas: [USER_SCHEMA],
    userName,
    externalId: `g-${userName}`,
    name: { givenName: 'Gee', familyName: 'Suite' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
  };
}

/** Google's lookup-then-create of the users `suspend`, `scope` and `delete`: their ids by name. */
async function givenThreeUsers(scim: ScimTenant): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of ['suspend', 'scope', 'delete']) {
    const userName = `${name}@gws.example`;
    expectList(await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}`), scim, 'User', 0);
    ids[name] = (await givenUser(scim, googleUser(userName))).id;
  }
  return ids;
}

const givenOneUser = async (scim: ScimTenant) => ({ id: (await givenUser(scim, googleUser('gina@gws.example'))).id });

const cases: IdpCase[] = [
  {
    name: 'probes with GET /Users?count=1 on an empty tenant: 200 ListResponse, totalResults 0',
    when: { method: 'GET', path: '/Users?count=1' },
    then: { status: 200, list: 'User', totalResults: 0, resources: [], body: { startIndex: 1, itemsPerPage: 0 } },
  },
  {
    name: 'probes with a bad token: 401 with a SCIM error body (so the admin sees the token is wrong)',
    when: { method: 'GET', path: '/Users?count=1', headers: { authorization: 'Bearer not-the-token' } },
    then: { status: 401 },
  },
  {
    name: 'looks up then creates three users; the probe then returns one resource and the full total',
    given: givenThreeUsers,
    when: { method: 'GET', path: '/Users?count=1' },
    then: { status: 200, list: 'User', totalResults: 3, body: { startIndex: 1, itemsPerPage: 1 } },
  },
  {
    name: 'updates a user attribute',
    given: givenOneUser,
    when: ({ id }) => ({
      method: 'PATCH',
      path: `/Users/${id}`,
      body: patch({ op: 'replace', path: 'name.givenName', value: 'Gina' }),
    }),
    then: { status: 200, resource: 'User' },
    and: ({ body }) => expect(body.name).toEqual({ givenName: 'Gina', familyName: 'Suite' }),
  },
  {
    name: 'suspend: active false, the user stays readable; restore: active true',
    given: givenOneUser,
    when: ({ id }) => ({
      method: 'PATCH',
      path: `/Users/${id}`,
      body: patch({ op: 'replace', path: 'active', value: false }),
    }),
    then: { status: 200, resource: 'User', body: { active: false } },
    and: async ({ scim, given: { id } }) => {
      expect(expectResource(await scim.call('GET', `/Users/${id}`), 200, scim, 'User').active).toBe(false);
      const restored = await scim.call('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: true }));
      expect(expectResource(restored, 200, scim, 'User').active).toBe(true);
    },
  },
  {
    name: 'removed from scope: active false; filtering on active eq false finds exactly that user',
    given: givenThreeUsers,
    when: ({ scope }) => ({
      method: 'PATCH',
      path: `/Users/${scope}`,
      body: patch({ op: 'replace', value: { active: false } }),
    }),
    then: { status: 200, resource: 'User', body: { active: false } },
    and: async ({ scim, given: { scope } }) => {
      const inactive = expectList(await scim.call('GET', `/Users?${filterQuery('active eq false')}`), scim, 'User', 1);
      expect(inactive[0].id).toBe(scope);
    },
  },
  {
    name: 'deleted: DELETE 204, then 404, and the probe total drops',
    given: givenThreeUsers,
    when: (ids) => ({ method: 'DELETE', path: `/Users/${ids.delete}` }),
    then: { status: 204 },
    and: async ({ scim, given: ids }) => {
      expectScimError(await scim.call('GET', `/Users/${ids.delete}`), 404);
      expectList(await scim.call('GET', '/Users?count=1'), scim, 'User', 2);
    },
  },
];

describeIdpCases('Google Workspace provisioning conversation (profile: google)', 'google', cases);
