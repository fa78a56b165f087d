import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type ScimTenant } from '../../support/scim';
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
import { givenGroup, givenUser, patch } from '../scim/steps';
import { describeIdpCases, type Answer, type IdpCase } from './idp-cases';

/**
 * Microsoft Entra ID's provisioning conversation, as its documentation shows it ("Tutorial:
 * Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID", and "Known issues
 * and resolutions with SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning
 * service" for the aadOptscim062020 flag), replayed against a tenant whose profile is `entra`.
 * Each step checks the whole answer. See docs/idp-compatibility.md.
 */
const MS_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group';
const ENTRA_EXTENSION = 'urn:ietf:params:scim:schemas:extension:Microsoft:Entra:2.0:User';
/** A manager id: the enterprise manager is a reference the service stores as sent. */
const memberlessManagerId = '26118915-6090-4610-87e4-49d8ca9f808d';
const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@contoso.com';
const externalId = '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef';
const groupName = 'Group1DisplayName';

function entraUser(name: string, externalIdOfUser: string): Json {
  // Entra's create body, as documented: both schemas, meta.resourceType, roles [] and a "formatted" name.
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId: externalIdOfUser,
    userName: name,
    active: true,
    emails: [{ primary: true, type: 'work', value: name }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
    [ENTERPRISE_SCHEMA]: { employeeNumber: '701984', department: 'Tour Operations' },
  };
}

const lookUp = (name: string) => `/Users?${filterQuery(`userName eq "${name}"`)}`;
const givenEntraUser = async (scim: ScimTenant, extra: Json = {}) => ({
  userId: (await givenUser(scim, { ...entraUser(userName, externalId), ...extra })).id as string,
});
const givenMember = async (scim: ScimTenant, name: string) =>
  (await givenUser(scim, entraUser(`member.${name}@contoso.com`, `ext-${name}`))).id as string;

/** The group and its members a, b (c too with `withC`); `memberNames` are members already. */
async function givenEntraGroup(scim: ScimTenant, memberNames: string[] = [], withC = false) {
  const members: Record<string, string> = { a: await givenMember(scim, 'a'), b: await givenMember(scim, 'b') };
  if (withC) members.c = await givenMember(scim, 'c');
  const group = await givenGroup(
    scim,
    groupName,
    memberNames.map((name) => members[name]),
  );
  return { groupId: group.id as string, members };
}

/** Entra's user PATCH: 204 with the new ETag (issue 15), then the user as a GET reads it. */
async function readAfterPatch({ scim, response }: Answer, userId: string): Promise<Json> {
  const read = expectResource(await scim.call('GET', `/Users/${userId}`), 200, scim, 'User');
  expect(response.headers.get('etag')).toBe(read.meta.version);
  return read;
}

async function patchUser(scim: ScimTenant, userId: string, ...operations: Json[]): Promise<Json> {
  const response = await scim.call('PATCH', `/Users/${userId}`, patch(...operations));
  expectNoContent(response);
  return readAfterPatch({ scim, response, given: {}, body: {} }, userId);
}

/** A case of Entra's user PATCH on a fresh user: 204, then `check` on the user as read back. */
function userPatchCase(name: string, operations: Json[], check: (user: Json, answer: Answer) => unknown): IdpCase {
  return {
    name,
    given: (scim) => givenEntraUser(scim),
    when: ({ userId }) => ({ method: 'PATCH', path: `/Users/${userId}`, body: patch(...operations) }),
    then: { status: 204 },
    and: async (answer) => check(await readAfterPatch(answer, answer.given.userId), answer),
  };
}

/** A group PATCH of a case: `given` the group, `operations` built from its member ids. */
const groupPatch =
  (...operations: ((members: Record<string, string>) => Json)[]) =>
  ({ groupId, members }: Json) => ({
    method: 'PATCH' as const,
    path: `/Groups/${groupId}`,
    body: patch(...operations.map((operation) => operation(members))),
  });

const validator = "Microsoft's SCIM validator (issue 15):";

const cases: IdpCase[] = [
  {
    name:
      'checks for the user (userName eq → 200, totalResults 0) and creates it with meta.resourceType, ' +
      'roles [] and the enterprise extension',
    given: async (scim) => {
      expect(expectList(await scim.call('GET', lookUp(userName)), scim, 'User', 0)).toEqual([]);
      return {};
    },
    when: { method: 'POST', path: '/Users', body: entraUser(userName, externalId) },
    then: {
      status: 201,
      resource: 'User',
      body: {
        userName,
        externalId,
        active: true,
        emails: [{ primary: true, type: 'work', value: userName }],
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        [ENTERPRISE_SCHEMA]: { employeeNumber: '701984', department: 'Tour Operations' },
      },
    },
    and: ({ body }) => expect(body.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_SCHEMA])),
  },
  {
    name: 'finds the user by externalId eq and by userName eq with different case',
    given: (scim) => givenEntraUser(scim),
    when: { method: 'GET', path: `/Users?${filterQuery(`externalId eq "${externalId}"`)}` },
    then: ({ userId }) => ({ status: 200, list: 'User', totalResults: 1, resources: [{ id: userId }] }),
    and: async ({ scim, given: { userId } }) => {
      const byUserName = await scim.call('GET', lookUp(userName.toUpperCase()));
      expect(expectList(byUserName, scim, 'User', 1).map((u) => u.id)).toEqual([userId]);
    },
  },
  {
    name: 'GETs the user by id',
    given: (scim) => givenEntraUser(scim),
    when: ({ userId }) => ({ method: 'GET', path: `/Users/${userId}` }),
    then: ({ userId }) => ({ status: 200, resource: 'User', body: { id: userId, userName } }),
  },
  userPatchCase(
    'updates with one capitalised op per attribute: emails[type eq "work"].value, name.familyName, ' +
      'enterprise URN paths',
    [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      { op: 'Add', path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: '701985' },
      { op: 'Replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'Marketing' },
      { op: 'Add', path: 'title', value: 'Tour Guide' },
    ],
    (user) => {
      expect(user.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
      expect(user.name).toMatchObject({ familyName: 'updatedFamilyName', givenName: 'givenName' });
      expect(user[ENTERPRISE_SCHEMA]).toMatchObject({ employeeNumber: '701985', department: 'Marketing' });
      expect(user.title).toBe('Tour Guide');
    },
  ),
  userPatchCase(
    'creates a multi-valued entry through a filtered path that matches nothing yet ' +
      '(addresses[type eq "work"].locality)',
    [{ op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Redmond' }],
    (user) => expect(user.addresses).toEqual([expect.objectContaining({ type: 'work', locality: 'Redmond' })]),
  ),
  userPatchCase(
    'uses Add and Replace interchangeably, and a PascalCase attribute name',
    [{ op: 'Add', path: 'displayName', value: 'Ada' }],
    async (user, { scim }) => {
      expect(user.displayName).toBe('Ada');
      const replaced = await patchUser(scim, user.id, { op: 'Replace', path: 'DisplayName', value: 'Ada L.' });
      expect(replaced.displayName).toBe('Ada L.');
    },
  ),
  userPatchCase(
    'disables with {"op":"Replace","path":"active","value":"False"} and still returns the inactive user to its filters',
    [{ op: 'Replace', path: 'active', value: 'False' }],
    async (user, { scim }) => {
      expect(user.active).toBe(false);
      const found = await scim.call('GET', lookUp(userName));
      expect(expectList(found, scim, 'User', 1)[0]).toMatchObject({ id: user.id, active: false });
      expect((await patchUser(scim, user.id, { op: 'Replace', path: 'active', value: 'True' })).active).toBe(true);
    },
  ),
  userPatchCase(
    'with aadOptscim062020: a no-path Replace with dotted and URN keys and a real boolean',
    [{ op: 'replace', value: { 'name.givenName': 'Grace', [`${ENTERPRISE_SCHEMA}:division`]: 'Navy', active: false } }],
    (user) => {
      expect(user.name).toMatchObject({ givenName: 'Grace', familyName: 'familyName' });
      expect(user[ENTERPRISE_SCHEMA]).toMatchObject({ division: 'Navy', employeeNumber: '701984' });
      expect(user.active).toBe(false);
    },
  ),
  {
    name:
      `${validator} answers a user PATCH with 204 and the new ETag, ` +
      'and with 200 and the user when attributes are asked for',
    given: async (scim) => {
      const { userId } = await givenEntraUser(scim);
      return { userId, before: expectResource(await scim.call('GET', `/Users/${userId}`), 200, scim, 'User') };
    },
    when: ({ userId }) => ({
      method: 'PATCH',
      path: `/Users/${userId}`,
      body: patch({ op: 'Replace', path: 'nickName', value: 'Gracie' }),
    }),
    then: { status: 204 },
    and: async ({ scim, response, given: { userId, before } }) => {
      expect(response.headers.get('etag')).not.toBe(before.meta.version);
      const asked = await scim.call(
        'PATCH',
        `/Users/${userId}?attributes=nickName`,
        patch({ op: 'Replace', path: 'nickName', value: 'Grace H.' }),
      );
      expect(asked.status).toBe(200);
      expect(asked.headers.get('content-type')).toContain('application/scim+json');
      expect(asked.body).toEqual({
        schemas: expect.any(Array),
        id: userId,
        nickName: 'Grace H.',
        meta: expect.objectContaining({ resourceType: 'User' }),
      });
      const excluded = await scim.call(
        'PATCH',
        `/Users/${userId}?excludedAttributes=emails`,
        patch({ op: 'Replace', path: 'nickName', value: 'Grace' }),
      );
      expect(expectResource(excluded, 200, scim, 'User')).toMatchObject({ id: userId, nickName: 'Grace', userName });
    },
  },
  {
    name: `${validator} filters with an unquoted single-token value (userName eq Test_User_…): read as a string`,
    given: (scim) => givenEntraUser(scim),
    when: { method: 'GET', path: `/Users?${filterQuery(`userName eq ${userName}`)}` },
    then: ({ userId }) => ({ status: 200, list: 'User', totalResults: 1, resources: [{ id: userId }] }),
    and: async ({ scim, given: { userId } }) => {
      const none = await scim.call('GET', `/Users?${filterQuery('userName eq Test_User_nobody')}`);
      expect(expectList(none, scim, 'User', 0)).toEqual([]);
      const search = await scim.call('POST', '/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: `userName eq ${userName}`,
      });
      expect(expectList(search, scim, 'User', 1).map((u) => u.id)).toEqual([userId]);
      expectScimError(await scim.call('GET', `/Users?${filterQuery('userName eq two tokens')}`), 400, 'invalidFilter');
    },
  },
  {
    name: `${validator} asks for attributes=emails[type eq "work"] and gets the emails attribute`,
    given: (scim) =>
      givenEntraUser(scim, { emails: [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }] }),
    when: {
      method: 'GET',
      path: `${lookUp(userName)}&attributes=${encodeURIComponent('emails[type eq "work"]')}`,
    },
    then: ({ userId }) => ({ status: 200, list: 'User', totalResults: 1, resources: [{ id: userId }] }),
    and: async ({ scim, body, given: { userId } }) => {
      expect(body.Resources[0]).toEqual({
        schemas: expect.any(Array),
        id: userId,
        emails: [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }],
        meta: expect.any(Object),
      });
      const read = await scim.call(
        'GET',
        `/Users/${userId}?attributes=${encodeURIComponent('emails[type eq "work"].value,userName')}`,
      );
      expect(expectResource(read, 200, scim, 'User')).toEqual({
        schemas: expect.any(Array),
        id: userId,
        userName,
        emails: [{ value: 'updatedEmail@microsoft.com' }],
        meta: expect.any(Object),
      });
    },
  },
  userPatchCase(
    `${validator} PATCHes the enterprise extension with a value that carries its own schemas key: the key is ignored`,
    [
      {
        op: 'Add',
        path: ENTERPRISE_SCHEMA,
        value: { schemas: [ENTERPRISE_SCHEMA], employeeNumber: '42', manager: { value: memberlessManagerId } },
      },
    ],
    (user) => {
      expect(user[ENTERPRISE_SCHEMA]).toMatchObject({ employeeNumber: '42', manager: { value: memberlessManagerId } });
      expect(user.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_SCHEMA]));
    },
  ),
  {
    name:
      `${validator} creates a user with an extension object this service does not register: ` +
      '201, the object dropped',
    when: {
      method: 'POST',
      path: '/Users',
      body: {
        ...entraUser('extension.user@contoso.com', 'ext-extension'),
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, ENTRA_EXTENSION],
        [ENTRA_EXTENSION]: { employeeOrgData: { division: 'x' } },
      },
    },
    then: { status: 201, resource: 'User', body: { [ENTERPRISE_SCHEMA]: { employeeNumber: '701984' } } },
    and: ({ body }) => {
      expect(body).not.toHaveProperty(ENTRA_EXTENSION);
      expect(body.schemas).not.toContain(ENTRA_EXTENSION);
    },
  },
  {
    name:
      'checks for the group by displayName with excludedAttributes=members, then creates it with the ' +
      'Microsoft group schema URN and empty members',
    given: async (scim) => {
      const existing = await scim.call(
        'GET',
        `/Groups?excludedAttributes=members&${filterQuery(`displayName eq "${groupName}"`)}`,
      );
      expect(expectList(existing, scim, 'Group', 0)).toEqual([]);
      return {};
    },
    when: {
      method: 'POST',
      path: '/Groups',
      body: {
        schemas: [GROUP_SCHEMA, MS_GROUP_SCHEMA],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: groupName,
        meta: { resourceType: 'Group' },
        members: [],
      },
    },
    then: {
      status: 201,
      resource: 'Group',
      body: { displayName: groupName, externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' },
    },
    and: ({ body }) => expect(body.members ?? []).toEqual([]),
  },
  {
    name: 'reads the group by id and by displayName eq with excludedAttributes=members (no members key)',
    given: (scim) => givenEntraGroup(scim, ['a']),
    when: ({ groupId }) => ({ method: 'GET', path: `/Groups/${groupId}?excludedAttributes=members` }),
    then: { status: 200, resource: 'Group', body: { displayName: groupName } },
    and: async ({ scim, body, given: { groupId } }) => {
      expect(body).not.toHaveProperty('members');
      const byName = await scim.call(
        'GET',
        `/Groups?excludedAttributes=members&${filterQuery(`displayName eq "${groupName}"`)}`,
      );
      const [listed] = expectList(byName, scim, 'Group', 1);
      expect(listed.id).toBe(groupId);
      expect(listed).not.toHaveProperty('members');
    },
  },
  {
    name: 'adds members with {"op":"Add","path":"members","value":[{"$ref":null,"value":…}]}: 204',
    given: (scim) => givenEntraGroup(scim),
    when: groupPatch((m) => ({
      op: 'Add',
      path: 'members',
      value: [
        { $ref: null, value: m.a },
        { $ref: null, value: m.b },
      ],
    })),
    then: { status: 204 },
    and: async ({ scim, response, given: { groupId, members } }) => {
      expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
      expect(await memberIds(scim, groupId)).toEqual([members.a, members.b].sort());
      expect(await groupIdsOf(scim, members.a)).toEqual([groupId]);
      const read = expectResource(await scim.call('GET', `/Groups/${groupId}`), 200, scim, 'Group');
      expect(read.members).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: members.a, $ref: `${scim.base}/Users/${members.a}` }),
        ]),
      );
    },
  },
  {
    name:
      "adds a member sent with displayName, as Microsoft's validator does: 204, the member " +
      'added (displayName ignored)',
    given: (scim) => givenEntraGroup(scim, ['a', 'b'], true),
    when: groupPatch((m) => ({ op: 'add', path: 'members', value: [{ displayName: 'new User', value: m.c }] })),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expect(await memberIds(scim, groupId)).toEqual([members.a, members.b, members.c].sort());
      expect(await groupIdsOf(scim, members.c)).toEqual([groupId]);
      const removed = await scim.call(
        'PATCH',
        `/Groups/${groupId}`,
        patch({ op: 'Remove', path: 'members', value: [{ value: members.c }] }),
      );
      expectNoContent(removed);
    },
  },
  {
    name: 'removes a member with {"op":"Remove","path":"members","value":[{"value":…}]}, removing only that one: 204',
    given: (scim) => givenEntraGroup(scim, ['a', 'b']),
    when: groupPatch((m) => ({ op: 'Remove', path: 'members', value: [{ $ref: null, value: m.a }] })),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members } }) => {
      expect(await memberIds(scim, groupId)).toEqual([members.b]);
      expect(await groupIdsOf(scim, members.a)).toEqual([]);
    },
  },
  {
    name: 'with aadOptscim062020: removes a member with members[value eq "…"]: 204',
    given: (scim) => givenEntraGroup(scim, ['b']),
    when: groupPatch((m) => ({ op: 'remove', path: `members[value eq "${m.b}"]` })),
    then: { status: 204 },
    and: async ({ scim, given: { groupId } }) => expect(await memberIds(scim, groupId)).toEqual([]),
  },
  {
    name: 'renames the group with {"op":"Replace","path":"displayName"}: 204, then reads the new name',
    given: (scim) => givenEntraGroup(scim),
    when: groupPatch(() => ({
      op: 'Replace',
      path: 'displayName',
      value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
    })),
    then: { status: 204 },
    and: async ({ scim, response, given: { groupId } }) => {
      const read = expectResource(
        await scim.call('GET', `/Groups/${groupId}?excludedAttributes=members`),
        200,
        scim,
        'Group',
      );
      expect(read.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
      expect(read.meta.version).toBe(response.headers.get('etag'));
    },
  },
  {
    name: 'answers a group PATCH with 200 and the group when attributes are asked for',
    given: (scim) => givenEntraGroup(scim),
    when: ({ groupId }) => ({
      method: 'PATCH',
      path: `/Groups/${groupId}?attributes=displayName`,
      body: patch({ op: 'Replace', path: 'displayName', value: 'Renamed again' }),
    }),
    then: ({ groupId }) => ({
      status: 200,
      attributesOnly: {
        schemas: expect.any(Array),
        id: groupId,
        displayName: 'Renamed again',
        meta: expect.objectContaining({ resourceType: 'Group' }),
      },
    }),
  },
  {
    name:
      "deletes the group (204, then 404 and gone from the member's groups) " +
      'and the user (204, then 404 with a SCIM error)',
    given: async (scim) => ({ ...(await givenEntraGroup(scim, ['a'])), ...(await givenEntraUser(scim)) }),
    when: ({ groupId }) => ({ method: 'DELETE', path: `/Groups/${groupId}` }),
    then: { status: 204 },
    and: async ({ scim, given: { groupId, members, userId } }) => {
      expectScimError(await scim.call('GET', `/Groups/${groupId}`), 404);
      expect(await groupIdsOf(scim, members.a)).toEqual([]);
      expectNoContent(await scim.call('DELETE', `/Users/${userId}`));
      expectScimError(await scim.call('GET', `/Users/${userId}`), 404);
      expectList(await scim.call('GET', lookUp(userName)), scim, 'User', 0);
    },
  },
];

describeIdpCases('Entra ID provisioning conversation (profile: entra)', 'entra', cases);
