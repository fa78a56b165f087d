import { startTestApp, type TestApp } from '../../support/app';
import { PATCH_OP, provisionTenant, USER_SCHEMA, type ScimTenant } from '../../support/scim';
import { expectList, expectResource, expectScimError, filterQuery, type Json } from '../scim/expect-scim';
import { expectPatchValuesReadLeniently } from './lenient-patch-values';

/**
 * Google Workspace's auto-provisioning conversation: the `GET /Users?count=1` probe when the admin
 * saves the endpoint and token, lookup-then-create, update, and its three separate
 * deprovisioning choices (suspend → active false, removed from scope → active false or delete,
 * deleted → DELETE). Profile: `google`. See docs/idp-compatibility.md.
 */
const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });

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

describe('Google Workspace provisioning conversation (profile: google)', () => {
  let app: TestApp;
  let scim: ScimTenant;
  beforeAll(async () => {
    app = await startTestApp();
    scim = await provisionTenant(app, 'google');
  });
  afterAll(() => app?.close());

  it('probes with GET /Users?count=1 on an empty tenant: 200 ListResponse, totalResults 0', async () => {
    const probe = await scim.call('GET', '/Users?count=1');
    expect(expectList(probe, scim, 'User', 0)).toEqual([]);
    expect(probe.body).toMatchObject({ startIndex: 1, itemsPerPage: 0 });
  });

  it('probes with a bad token: 401 with a SCIM error body (so the admin sees the token is wrong)', async () => {
    const response = await fetch(`${scim.base}/Users?count=1`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: '401' });
  });

  const ids: Record<string, string> = {};

  it('looks up then creates three users; the probe then returns one resource and the full total', async () => {
    for (const name of ['suspend', 'scope', 'delete']) {
      const userName = `${name}@gws.example`;
      expectList(await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}`), scim, 'User', 0);
      ids[name] = expectResource(await scim.call('POST', '/Users', googleUser(userName)), 201, scim, 'User').id;
    }
    const probe = await scim.call('GET', '/Users?count=1');
    expect(expectList(probe, scim, 'User', 3)).toHaveLength(1);
    expect(probe.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
  });

  it('updates a user attribute', async () => {
    const response = await scim.call(
      'PATCH',
      `/Users/${ids.suspend}`,
      patch({ op: 'replace', path: 'name.givenName', value: 'Gina' }),
    );
    expect(expectResource(response, 200, scim, 'User').name).toEqual({ givenName: 'Gina', familyName: 'Suite' });
  });

  it('suspend: active false, the user stays readable; restore: active true', async () => {
    const suspended = await scim.call(
      'PATCH',
      `/Users/${ids.suspend}`,
      patch({ op: 'replace', path: 'active', value: false }),
    );
    expect(expectResource(suspended, 200, scim, 'User').active).toBe(false);
    const restored = await scim.call(
      'PATCH',
      `/Users/${ids.suspend}`,
      patch({ op: 'replace', path: 'active', value: true }),
    );
    expect(expectResource(restored, 200, scim, 'User').active).toBe(true);
  });

  it('removed from scope: active false; filtering on active eq false finds exactly that user', async () => {
    const response = await scim.call(
      'PATCH',
      `/Users/${ids.scope}`,
      patch({ op: 'replace', value: { active: false } }),
    );
    expect(expectResource(response, 200, scim, 'User').active).toBe(false);
    const inactive = expectList(await scim.call('GET', `/Users?${filterQuery('active eq false')}`), scim, 'User', 1);
    expect(inactive[0].id).toBe(ids.scope);
  });

  it('deleted: DELETE 204, then 404, and the probe total drops', async () => {
    const deleted = await scim.call('DELETE', `/Users/${ids.delete}`);
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: undefined });
    expectScimError(await scim.call('GET', `/Users/${ids.delete}`), 404);
    expectList(await scim.call('GET', '/Users?count=1'), scim, 'User', 2);
  });

  it('reads PATCH values like a POST body on every path form: what the schema lacks is dropped, the rest applied (issue 15)', async () => {
    await expectPatchValuesReadLeniently(scim, 'google');
  });
});
