import { GROUP_SCHEMA, USER_SCHEMA, type ScimTenant } from '../../support/scim';
import { expectList, expectNoContent, expectScimError, filterQuery, memberIds, type Json } from '../scim/expect-scim';
import { givenGroup, givenUser, patch } from '../scim/steps';
import { describeIdpCases, type IdpCase } from './idp-cases';

/**
 * JumpCloud's provisioning conversation ("Identity Management using a Custom SCIM Integration",
 * jumpcloud.com/support): core schema only, a connection test that creates a test user and a test
 * group and deletes both (or deactivates the user when DELETE is refused), then lookup-then-create,
 * update, deprovision (active false) and delete. Profile: `jumpcloud`. See docs/idp-compatibility.md.
 */
function jumpCloudUser(userName: string): Json {
  // The attribute table of SCIM.md: username, firstname/lastname, email, mobile and work phone,
  // jobTitle, work address, activated.
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

const lookUpJane = `/Users?${filterQuery('userName eq "jane@example.com"')}`;
const givenJane = async (scim: ScimTenant) => ({
  userId: (await givenUser(scim, jumpCloudUser('jane@example.com'))).id,
});

const cases: IdpCase[] = [
  {
    name: 'connection test: creates a test user and a test group, then deletes both (204 each, 404 afterwards)',
    when: { method: 'POST', path: '/Users', body: jumpCloudUser('jctest@example.com') },
    then: { status: 201, resource: 'User', body: { schemas: [USER_SCHEMA] } },
    and: async ({ scim, body: testUser }) => {
      const testGroup = await givenGroup(scim, 'JumpCloud Test Group');
      expectNoContent(await scim.call('DELETE', `/Groups/${testGroup.id}`));
      expectNoContent(await scim.call('DELETE', `/Users/${testUser.id}`));
      expectScimError(await scim.call('GET', `/Users/${testUser.id}`), 404);
      expectScimError(await scim.call('GET', `/Groups/${testGroup.id}`), 404);
      // Running the connection test again works: the same userName can be created after the delete.
      const again = await givenUser(scim, jumpCloudUser('jctest@example.com'));
      expect((await scim.call('DELETE', `/Users/${again.id}`)).status).toBe(204);
    },
  },
  {
    name: 'looks the user up by userName (0 results), creates it with every mapped core attribute',
    given: async (scim) => {
      expectList(await scim.call('GET', lookUpJane), scim, 'User', 0);
      return {};
    },
    when: { method: 'POST', path: '/Users', body: jumpCloudUser('jane@example.com') },
    then: { status: 201, resource: 'User', body: jumpCloudUser('jane@example.com') },
  },
  {
    name: 'updates profile attributes (PUT of the whole core user): 200 with the new values',
    given: givenJane,
    when: ({ userId }) => ({
      method: 'PUT',
      path: `/Users/${userId}`,
      body: {
        ...jumpCloudUser('jane@example.com'),
        title: 'Staff Engineer',
        phoneNumbers: [{ value: '+1 555 0111', type: 'mobile' }],
      },
    }),
    then: {
      status: 200,
      resource: 'User',
      body: { title: 'Staff Engineer', phoneNumbers: [{ value: '+1 555 0111', type: 'mobile' }] },
    },
  },
  {
    name: 'pushes a group and its members, and updates membership',
    given: givenJane,
    when: ({ userId }) => ({
      method: 'POST',
      path: '/Groups',
      body: { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: userId }] },
    }),
    then: { status: 201, resource: 'Group' },
    and: async ({ scim, given: { userId }, body: group }) => {
      expect(await memberIds(scim, group.id)).toEqual([userId]);
      const removed = await scim.call(
        'PATCH',
        `/Groups/${group.id}`,
        patch({ op: 'remove', path: 'members', value: [{ value: userId }] }),
      );
      expect(removed.status).toBe(204);
      expect(await memberIds(scim, group.id)).toEqual([]);
      const byName = await scim.call('GET', `/Groups?${filterQuery('displayName eq "Engineering"')}`);
      expect(expectList(byName, scim, 'Group', 1)[0].id).toBe(group.id);
    },
  },
  {
    name: 'deprovisions with active false (still readable and findable), then deletes',
    given: givenJane,
    when: ({ userId }) => ({
      method: 'PATCH',
      path: `/Users/${userId}`,
      body: patch({ op: 'replace', path: 'active', value: false }),
    }),
    then: { status: 200, resource: 'User', body: { active: false } },
    and: async ({ scim, given: { userId } }) => {
      expect(expectList(await scim.call('GET', lookUpJane), scim, 'User', 1)[0].active).toBe(false);
      expect((await scim.call('DELETE', `/Users/${userId}`)).status).toBe(204);
      expectScimError(await scim.call('GET', `/Users/${userId}`), 404);
    },
  },
];

describeIdpCases('JumpCloud provisioning conversation (profile: jumpcloud)', 'jumpcloud', cases);
