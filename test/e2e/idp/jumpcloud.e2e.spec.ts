import { startTestApp, type TestApp } from '../../support/app';
import { GROUP_SCHEMA, PATCH_OP, provisionTenant, USER_SCHEMA, type ScimTenant } from '../../support/scim';
import { expectList, expectResource, expectScimError, filterQuery, memberIds, type Json } from '../scim/expect-scim';
import { expectPatchValuesReadLeniently } from './lenient-patch-values';

/**
 * JumpCloud's provisioning conversation ("Identity Management using a Custom SCIM Integration",
 * jumpcloud.com/support): core schema only, a connection test that creates a test user and a test
 * group and deletes both (or deactivates the user when DELETE is refused), then lookup-then-create,
 * update, deprovision (active false) and delete. Profile: `jumpcloud`. See docs/idp-compatibility.md.
 */
const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });

function jumpCloudUser(userName: string): Json {
  // The attribute table of SCIM.md: username, firstname/lastname, email, mobile and work phone, jobTitle, work address, activated.
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Jane', familyName: 'Cloud' },
    displayName: 'Jane Cloud',
    emails: [{ value: userName, type: 'work', primary: true }],
    phoneNumbers: [
      { value: '+1 555 0100', type: 'mobile' },
      { value: '+1 555 0199', type: 'work' },
    ],
    title: 'Engineer',
    addresses: [
      {
        type: 'work',
        streetAddress: '1 Main St',
        locality: 'Boulder',
        region: 'CO',
        postalCode: '80301',
        country: 'US',
      },
    ],
    active: true,
  };
}

describe('JumpCloud provisioning conversation (profile: jumpcloud)', () => {
  let app: TestApp;
  let scim: ScimTenant;
  beforeAll(async () => {
    app = await startTestApp();
    scim = await provisionTenant(app, 'jumpcloud');
  });
  afterAll(() => app?.close());

  it('connection test: creates a test user and a test group, then deletes both (204 each, 404 afterwards)', async () => {
    const testUser = expectResource(
      await scim.call('POST', '/Users', jumpCloudUser('jctest@example.com')),
      201,
      scim,
      'User',
    );
    expect(testUser.schemas).toEqual([USER_SCHEMA]);
    const testGroup = expectResource(
      await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'JumpCloud Test Group' }),
      201,
      scim,
      'Group',
    );
    const groupDeleted = await scim.call('DELETE', `/Groups/${testGroup.id}`);
    expect({ status: groupDeleted.status, body: groupDeleted.body }).toEqual({ status: 204, body: undefined });
    const userDeleted = await scim.call('DELETE', `/Users/${testUser.id}`);
    expect({ status: userDeleted.status, body: userDeleted.body }).toEqual({ status: 204, body: undefined });
    expectScimError(await scim.call('GET', `/Users/${testUser.id}`), 404);
    expectScimError(await scim.call('GET', `/Groups/${testGroup.id}`), 404);
    // Running the connection test again works: the same userName can be created after the delete.
    const again = expectResource(
      await scim.call('POST', '/Users', jumpCloudUser('jctest@example.com')),
      201,
      scim,
      'User',
    );
    expect((await scim.call('DELETE', `/Users/${again.id}`)).status).toBe(204);
  });

  let userId: string;

  it('looks the user up by userName (0 results), creates it with every mapped core attribute', async () => {
    expectList(await scim.call('GET', `/Users?${filterQuery('userName eq "jane@example.com"')}`), scim, 'User', 0);
    const created = expectResource(
      await scim.call('POST', '/Users', jumpCloudUser('jane@example.com')),
      201,
      scim,
      'User',
    );
    userId = created.id;
    const { schemas: _schemas, ...sent } = jumpCloudUser('jane@example.com');
    expect(created).toMatchObject(sent);
    expect(created.schemas).toEqual([USER_SCHEMA]);
  });

  it('updates profile attributes (PUT of the whole core user): 200 with the new values', async () => {
    const body = {
      ...jumpCloudUser('jane@example.com'),
      title: 'Staff Engineer',
      phoneNumbers: [{ value: '+1 555 0111', type: 'mobile' }],
    };
    const replaced = expectResource(await scim.call('PUT', `/Users/${userId}`, body), 200, scim, 'User');
    expect(replaced).toMatchObject({
      title: 'Staff Engineer',
      phoneNumbers: [{ value: '+1 555 0111', type: 'mobile' }],
    });
  });

  it('pushes a group and its members, and updates membership', async () => {
    const group = expectResource(
      await scim.call('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Engineering',
        members: [{ value: userId }],
      }),
      201,
      scim,
      'Group',
    );
    expect(await memberIds(scim, group.id)).toEqual([userId]);
    const removed = await scim.call(
      'PATCH',
      `/Groups/${group.id}`,
      patch({ op: 'remove', path: 'members', value: [{ value: userId }] }),
    );
    expect(removed.status).toBe(204);
    expect(await memberIds(scim, group.id)).toEqual([]);
    const listed = expectList(
      await scim.call('GET', `/Groups?${filterQuery('displayName eq "Engineering"')}`),
      scim,
      'Group',
      1,
    );
    expect(listed[0].id).toBe(group.id);
  });

  it('deprovisions with active false (still readable and findable), then deletes', async () => {
    const deactivated = await scim.call(
      'PATCH',
      `/Users/${userId}`,
      patch({ op: 'replace', path: 'active', value: false }),
    );
    expect(expectResource(deactivated, 200, scim, 'User').active).toBe(false);
    expect(
      expectList(await scim.call('GET', `/Users?${filterQuery('userName eq "jane@example.com"')}`), scim, 'User', 1)[0]
        .active,
    ).toBe(false);
    expect((await scim.call('DELETE', `/Users/${userId}`)).status).toBe(204);
    expectScimError(await scim.call('GET', `/Users/${userId}`), 404);
  });

  it('reads PATCH values like a POST body on every path form: what the schema lacks is dropped, the rest applied (issue 15)', async () => {
    await expectPatchValuesReadLeniently(scim, 'jumpcloud');
  });
});
