import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type ScimResponse, type ScimTenant } from '../../support/scim';
import { expectResource, type Json } from '../scim/expect-scim';
import { patch } from '../scim/steps';

/**
 * Issue 15, item 1, over HTTP on a lenient IdP profile: a PATCH value is read with the profile's
 * policy, like a POST body, on every path form: what the schema does not define is dropped and
 * the rest applied. The strict profile's answers to the same requests are in
 * test/e2e/scim/patch-values.e2e.spec.ts. Returns nothing; every step asserts.
 */
export async function expectPatchValuesReadLeniently(scim: ScimTenant, prefix: string): Promise<void> {
  const created = await scim.call('POST', '/Users', {
    schemas: [USER_SCHEMA],
    userName: `${prefix}.values@example.com`,
    name: { givenName: 'Val' },
  });
  const userId = expectResource(created, 201, scim, 'User').id as string;
  const group = await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `${prefix} values` });
  const groupId = expectResource(group, 201, scim, 'Group').id as string;

  const patchUser = async (...operations: Json[]): Promise<Json> => {
    expectWritten(await scim.call('PATCH', `/Users/${userId}`, patch(...operations)));
    return expectResource(await scim.call('GET', `/Users/${userId}`), 200, scim, 'User');
  };

  // No path: an unknown attribute and an unregistered extension object next to a known one.
  const noPath = await patchUser({
    op: 'replace',
    value: { title: 'Auditor', favouriteColour: 'green', 'urn:example:custom:2.0:User': { x: 1 } },
  });
  expect(noPath.title).toBe('Auditor');
  expect(JSON.stringify(noPath)).not.toMatch(/favouriteColour|urn:example:custom/);

  // Attribute path: an unknown sub-attribute of a complex value.
  expect((await patchUser({ op: 'add', path: 'name', value: { familyName: 'Ue', nickname: 'x' } })).name).toEqual({
    givenName: 'Val',
    familyName: 'Ue',
  });

  // Extension URN path: the value's own `schemas` key and an unknown attribute.
  const extension = await patchUser({
    op: 'add',
    path: ENTERPRISE_SCHEMA,
    value: { schemas: [ENTERPRISE_SCHEMA], department: 'Audit', costCentre: '7' },
  });
  expect(extension[ENTERPRISE_SCHEMA]).toEqual({ department: 'Audit' });

  // Value-filter path: an unknown sub-attribute in the value of the entry it creates.
  const filtered = await patchUser({
    op: 'add',
    path: 'emails[type eq "work"]',
    value: { value: `${prefix}.values@example.com`, label: 'x' },
  });
  expect(filtered.emails).toEqual([{ type: 'work', value: `${prefix}.values@example.com` }]);

  // A member value with Entra's displayName: the member is added; the display it sends is kept.
  const members = await scim.call(
    'PATCH',
    `/Groups/${groupId}`,
    patch({
      op: 'add',
      path: 'members',
      value: [{ value: userId, displayName: 'new User', display: 'Val from the IdP' }],
    }),
  );
  expectWritten(members);
  const read = expectResource(await scim.call('GET', `/Groups/${groupId}`), 200, scim, 'Group');
  expect(read.members).toEqual([
    { value: userId, display: 'Val from the IdP', type: 'User', $ref: `${scim.base}/Users/${userId}` },
  ]);
}

/** A PATCH that was applied: 204 (group PATCH; user PATCH under Entra) or 200 with the resource. */
function expectWritten(response: ScimResponse): void {
  if (response.status !== 200 && response.status !== 204)
    throw new Error(`PATCH answered ${response.status}: ${JSON.stringify(response.body)}`);
  expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
}
