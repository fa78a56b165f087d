import { startTestApp, type TestApp } from '../../support/app';
import {
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  provisionTenant,
  USER_SCHEMA,
  type ScimTenant,
} from '../../support/scim';
import {
  expectList,
  expectNoContent,
  expectResource,
  expectScimError,
  expectScimJson,
  filterQuery,
  groupIdsOf,
  memberIds,
  type Json,
} from '../scim/expect-scim';
import { expectPatchValuesReadLeniently } from './lenient-patch-values';

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
const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });

function entraUser(userName: string, externalId: string): Json {
  // Entra's create body, as documented: both schemas, meta.resourceType, roles [] and a "formatted" name.
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
    [ENTERPRISE_SCHEMA]: { employeeNumber: '701984', department: 'Tour Operations' },
  };
}

describe('Entra ID provisioning conversation (profile: entra)', () => {
  let app: TestApp;
  let scim: ScimTenant;
  beforeAll(async () => {
    app = await startTestApp();
    scim = await provisionTenant(app, 'entra');
  });
  afterAll(() => app?.close());

  async function createUser(userName: string, externalId: string): Promise<Json> {
    const existing = await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}`);
    expect(expectList(existing, scim, 'User', 0)).toEqual([]);
    const created = await scim.call('POST', '/Users', entraUser(userName, externalId));
    return expectResource(created, 201, scim, 'User');
  }

  /** Entra's user PATCH: 204 with the new ETag (issue 15), then the user as a GET reads it. */
  async function patchUser(id: string, ...operations: Json[]): Promise<Json> {
    const response = await scim.call('PATCH', `/Users/${id}`, patch(...operations));
    expectNoContent(response);
    const read = expectResource(await scim.call('GET', `/Users/${id}`), 200, scim, 'User');
    expect(response.headers.get('etag')).toBe(read.meta.version);
    return read;
  }

  let userId: string;
  const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@contoso.com';

  it('checks for the user (userName eq → 200, totalResults 0) and creates it with meta.resourceType, roles [] and the enterprise extension', async () => {
    const body = await createUser(userName, '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef');
    userId = body.id;
    expect(body).toMatchObject({
      userName,
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      active: true,
      emails: [{ primary: true, type: 'work', value: userName }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      [ENTERPRISE_SCHEMA]: { employeeNumber: '701984', department: 'Tour Operations' },
    });
    expect(body.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_SCHEMA]));
  });

  it('finds the user by externalId eq and by userName eq with different case', async () => {
    const byExternalId = await scim.call(
      'GET',
      `/Users?${filterQuery('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    );
    expect(expectList(byExternalId, scim, 'User', 1).map((u) => u.id)).toEqual([userId]);
    const byUserName = await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName.toUpperCase()}"`)}`);
    expect(expectList(byUserName, scim, 'User', 1).map((u) => u.id)).toEqual([userId]);
  });

  it('GETs the user by id', async () => {
    const read = await scim.call('GET', `/Users/${userId}`);
    expect(expectResource(read, 200, scim, 'User')).toMatchObject({ id: userId, userName });
  });

  it('updates with one capitalised op per attribute: emails[type eq "work"].value, name.familyName, enterprise URN paths', async () => {
    const body = await patchUser(
      userId,
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      { op: 'Add', path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: '701985' },
      { op: 'Replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'Marketing' },
      { op: 'Add', path: 'title', value: 'Tour Guide' },
    );
    expect(body.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
    expect(body.name).toMatchObject({ familyName: 'updatedFamilyName', givenName: 'givenName' });
    expect(body[ENTERPRISE_SCHEMA]).toMatchObject({ employeeNumber: '701985', department: 'Marketing' });
    expect(body.title).toBe('Tour Guide');
  });

  it('creates a multi-valued entry through a filtered path that matches nothing yet (addresses[type eq "work"].locality)', async () => {
    const body = await patchUser(userId, { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Redmond' });
    expect(body.addresses).toEqual([expect.objectContaining({ type: 'work', locality: 'Redmond' })]);
  });

  it('uses Add and Replace interchangeably, and a PascalCase attribute name', async () => {
    expect((await patchUser(userId, { op: 'Add', path: 'displayName', value: 'Ada' })).displayName).toBe('Ada');
    expect((await patchUser(userId, { op: 'Replace', path: 'DisplayName', value: 'Ada L.' })).displayName).toBe(
      'Ada L.',
    );
  });

  it('disables with {"op":"Replace","path":"active","value":"False"} and still returns the inactive user to its filters', async () => {
    expect((await patchUser(userId, { op: 'Replace', path: 'active', value: 'False' })).active).toBe(false);
    const found = await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}`);
    expect(expectList(found, scim, 'User', 1)[0]).toMatchObject({ id: userId, active: false });
    expect((await patchUser(userId, { op: 'Replace', path: 'active', value: 'True' })).active).toBe(true);
  });

  it('with aadOptscim062020: a no-path Replace with dotted and URN keys and a real boolean', async () => {
    const body = await patchUser(userId, {
      op: 'replace',
      value: { 'name.givenName': 'Grace', [`${ENTERPRISE_SCHEMA}:division`]: 'Navy', active: false },
    });
    expect(body.name).toMatchObject({ givenName: 'Grace', familyName: 'updatedFamilyName' });
    expect(body[ENTERPRISE_SCHEMA]).toMatchObject({ division: 'Navy', employeeNumber: '701985' });
    expect(body.active).toBe(false);
  });

  describe("Microsoft's SCIM validator (issue 15)", () => {
    it('answers a user PATCH with 204 and the new ETag, and with 200 and the user when attributes are asked for', async () => {
      const before = expectResource(await scim.call('GET', `/Users/${userId}`), 200, scim, 'User');
      const quiet = await scim.call(
        'PATCH',
        `/Users/${userId}`,
        patch({ op: 'Replace', path: 'nickName', value: 'Gracie' }),
      );
      expectNoContent(quiet);
      expect(quiet.headers.get('etag')).not.toBe(before.meta.version);
      const asked = await scim.call(
        'PATCH',
        `/Users/${userId}?attributes=nickName`,
        patch({ op: 'Replace', path: 'nickName', value: 'Grace H.' }),
      );
      expect(asked.status).toBe(200);
      expectScimJson(asked);
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
    });

    it('filters with an unquoted single-token value (userName eq Test_User_…): read as a string', async () => {
      const found = await scim.call('GET', `/Users?${filterQuery(`userName eq ${userName}`)}`);
      expect(expectList(found, scim, 'User', 1).map((u) => u.id)).toEqual([userId]);
      const none = await scim.call('GET', `/Users?${filterQuery('userName eq Test_User_nobody')}`);
      expect(expectList(none, scim, 'User', 0)).toEqual([]);
      const search = await scim.call('POST', '/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: `userName eq ${userName}`,
      });
      expect(expectList(search, scim, 'User', 1).map((u) => u.id)).toEqual([userId]);
      expectScimError(await scim.call('GET', `/Users?${filterQuery('userName eq two tokens')}`), 400, 'invalidFilter');
    });

    it('asks for attributes=emails[type eq "work"] and gets the emails attribute', async () => {
      const listed = await scim.call(
        'GET',
        `/Users?${filterQuery(`userName eq "${userName}"`)}&attributes=${encodeURIComponent('emails[type eq "work"]')}`,
      );
      const [found] = expectList(listed, scim, 'User', 1);
      expect(found).toEqual({
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
    });

    it('PATCHes the enterprise extension with a value that carries its own schemas key: the key is ignored', async () => {
      const body = await patchUser(userId, {
        op: 'Add',
        path: ENTERPRISE_SCHEMA,
        value: { schemas: [ENTERPRISE_SCHEMA], employeeNumber: '42', manager: { value: memberlessManagerId } },
      });
      expect(body[ENTERPRISE_SCHEMA]).toMatchObject({ employeeNumber: '42', manager: { value: memberlessManagerId } });
      expect(body.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_SCHEMA]));
    });

    it('creates a user with an extension object this service does not register: 201, the object dropped', async () => {
      const created = await scim.call('POST', '/Users', {
        ...entraUser('extension.user@contoso.com', 'ext-extension'),
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, ENTRA_EXTENSION],
        [ENTRA_EXTENSION]: { employeeOrgData: { division: 'x' } },
      });
      const body = expectResource(created, 201, scim, 'User');
      expect(body).not.toHaveProperty(ENTRA_EXTENSION);
      expect(body.schemas).not.toContain(ENTRA_EXTENSION);
      expect(body[ENTERPRISE_SCHEMA]).toMatchObject({ employeeNumber: '701984' });
    });
  });

  let groupId: string;
  let memberA: string;
  let memberB: string;

  it('checks for the group by displayName with excludedAttributes=members, then creates it with the Microsoft group schema URN and empty members', async () => {
    memberA = (await createUser('member.a@contoso.com', 'ext-a')).id;
    memberB = (await createUser('member.b@contoso.com', 'ext-b')).id;
    const existing = await scim.call(
      'GET',
      `/Groups?excludedAttributes=members&${filterQuery('displayName eq "Group1DisplayName"')}`,
    );
    expect(expectList(existing, scim, 'Group', 0)).toEqual([]);
    const created = await scim.call('POST', '/Groups', {
      schemas: [GROUP_SCHEMA, MS_GROUP_SCHEMA],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Group1DisplayName',
      meta: { resourceType: 'Group' },
      members: [],
    });
    const body = expectResource(created, 201, scim, 'Group');
    groupId = body.id;
    expect(body).toMatchObject({
      displayName: 'Group1DisplayName',
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    });
    expect(body.members ?? []).toEqual([]);
  });

  it('reads the group by id and by displayName eq with excludedAttributes=members (no members key)', async () => {
    const byId = await scim.call('GET', `/Groups/${groupId}?excludedAttributes=members`);
    const body = expectResource(byId, 200, scim, 'Group');
    expect(body).not.toHaveProperty('members');
    expect(body.displayName).toBe('Group1DisplayName');
    const byName = await scim.call(
      'GET',
      `/Groups?excludedAttributes=members&${filterQuery('displayName eq "Group1DisplayName"')}`,
    );
    const [listed] = expectList(byName, scim, 'Group', 1);
    expect(listed.id).toBe(groupId);
    expect(listed).not.toHaveProperty('members');
  });

  it('adds members with {"op":"Add","path":"members","value":[{"$ref":null,"value":…}]}: 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: memberA },
          { $ref: null, value: memberB },
        ],
      }),
    );
    expectNoContent(response);
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(await memberIds(scim, groupId)).toEqual([memberA, memberB].sort());
    expect(await groupIdsOf(scim, memberA)).toEqual([groupId]);
    const read = expectResource(await scim.call('GET', `/Groups/${groupId}`), 200, scim, 'Group');
    expect(read.members).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: memberA, $ref: `${scim.base}/Users/${memberA}` })]),
    );
  });

  it("adds a member sent with displayName, as Microsoft's validator does: 204, the member added (displayName ignored)", async () => {
    const memberC = (await createUser('member.c@contoso.com', 'ext-c')).id;
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'add', path: 'members', value: [{ displayName: 'new User', value: memberC }] }),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([memberA, memberB, memberC].sort());
    expect(await groupIdsOf(scim, memberC)).toEqual([groupId]);
    expectNoContent(
      await scim.call(
        'PATCH',
        `/Groups/${groupId}`,
        patch({ op: 'Remove', path: 'members', value: [{ value: memberC }] }),
      ),
    );
  });

  it('removes a member with {"op":"Remove","path":"members","value":[{"value":…}]}, removing only that one: 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: memberA }] }),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([memberB]);
    expect(await groupIdsOf(scim, memberA)).toEqual([]);
  });

  it('with aadOptscim062020: removes a member with members[value eq "…"]: 204', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'remove', path: `members[value eq "${memberB}"]` }),
    );
    expectNoContent(response);
    expect(await memberIds(scim, groupId)).toEqual([]);
  });

  it('renames the group with {"op":"Replace","path":"displayName"}: 204, then reads the new name', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }),
    );
    expectNoContent(response);
    const read = expectResource(
      await scim.call('GET', `/Groups/${groupId}?excludedAttributes=members`),
      200,
      scim,
      'Group',
    );
    expect(read.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
    expect(read.meta.version).toBe(response.headers.get('etag'));
  });

  it('answers a group PATCH with 200 and the group when attributes are asked for', async () => {
    const response = await scim.call(
      'PATCH',
      `/Groups/${groupId}?attributes=displayName`,
      patch({ op: 'Replace', path: 'displayName', value: 'Renamed again' }),
    );
    expect(response.status).toBe(200);
    expectScimJson(response);
    expect(response.body).toMatchObject({ id: groupId, displayName: 'Renamed again' });
  });

  it("deletes the group (204, then 404 and gone from the member's groups) and the user (204, then 404 with a SCIM error)", async () => {
    await scim.call('PATCH', `/Groups/${groupId}`, patch({ op: 'Add', path: 'members', value: [{ value: memberA }] }));
    expect(await groupIdsOf(scim, memberA)).toEqual([groupId]);
    const deleted = await scim.call('DELETE', `/Groups/${groupId}`);
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: undefined });
    expectScimError(await scim.call('GET', `/Groups/${groupId}`), 404);
    expect(await groupIdsOf(scim, memberA)).toEqual([]);

    const deletedUser = await scim.call('DELETE', `/Users/${userId}`);
    expect({ status: deletedUser.status, body: deletedUser.body }).toEqual({ status: 204, body: undefined });
    expectScimError(await scim.call('GET', `/Users/${userId}`), 404);
    const filtered = await scim.call('GET', `/Users?${filterQuery(`userName eq "${userName}"`)}`);
    expectList(filtered, scim, 'User', 0);
  });

  it('reads PATCH values like a POST body on every path form: what the schema lacks is dropped, the rest applied (issue 15)', async () => {
    await expectPatchValuesReadLeniently(scim, 'entra');
  });
});
