import { useScimService } from '../../support/scim-harness';
import { GROUP_SCHEMA, PATCH_OP, user } from '../../support/scim';
import { BULK_REQUEST, expectResource, type Json } from '../scim/expect-scim';

/** Issue 20 §5: a group PATCH inside Bulk answered the double-wrapped ETag `W/"W/"3""`. */
describe('ETags of Bulk operations', () => {
  const { scim } = useScimService({ profile: 'entra' });

  it('are weak ETags wrapped once, equal to what a GET of the resource answers, for every method', async () => {
    const userId = expectResource(
      await scim.call('POST', '/Users', user('bulk-etag@example.com')),
      201,
      scim,
      'User',
    ).id;
    const groupId = expectResource(
      await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Bulk ETag', members: [] }),
      201,
      scim,
      'Group',
    ).id;
    const response = await scim.call('POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'PATCH',
          path: `/Groups/${groupId}`,
          data: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }] },
        },
        {
          method: 'PATCH',
          path: `/Users/${userId}`,
          data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Tester' }] },
        },
        {
          method: 'PUT',
          path: `/Groups/${groupId}`,
          data: { schemas: [GROUP_SCHEMA], displayName: 'Bulk ETag renamed' },
        },
        { method: 'POST', path: '/Users', bulkId: 'n', data: user('bulk-etag-new@example.com') },
      ],
    });
    expect(response.status).toBe(200);
    const operations = response.body.Operations as Json[];
    // Under the Entra profile a user PATCH answers 204 like a group PATCH (issue 15), in Bulk too.
    expect(operations.map((op) => op.status)).toEqual(['204', '204', '200', '201']);
    for (const op of operations) expect(op.version).toMatch(/^W\/"[^"W/]+"$/);
    const groupEtag = (await scim.call('GET', `/Groups/${groupId}`)).headers.get('etag');
    expect(operations[2].version).toBe(groupEtag);
    expect(operations[1].version).toBe((await scim.call('GET', `/Users/${userId}`)).headers.get('etag'));
  });
});
