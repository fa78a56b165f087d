import { useScimService } from '../../support/scim-harness';
import { GROUP_SCHEMA, PATCH_OP, user } from '../../support/scim';
import {
  BULK_REQUEST,
  BULK_RESPONSE,
  expectScimError,
  expectScimJson,
  groupIdsOf,
  memberIds,
  type Json,
} from './expect-scim';
import { givenUser } from './steps';

const bulk = (Operations: Json[], extra: Json = {}) => ({ schemas: [BULK_REQUEST], Operations, ...extra });

/**
 * RFC 7644 §3.7 Bulk over HTTP: bulkId references, cycles, failOnErrors, and the advertised limits enforced with 413.
 */
describe('SCIM /Bulk over HTTP', () => {
  const { scim } = useScimService();

  it('creates users and a group whose members are those users, referenced by bulkId (group listed first)', async () => {
    const response = await scim.call(
      'POST',
      '/Bulk',
      bulk([
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: {
            schemas: [GROUP_SCHEMA],
            displayName: 'Bulk group',
            members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u2' }],
          },
        },
        { method: 'POST', path: '/Users', bulkId: 'u1', data: user('bulk1@example.com') },
        { method: 'POST', path: '/Users', bulkId: 'u2', data: user('bulk2@example.com') },
      ]),
    );
    expect(response.status).toBe(200);
    expectScimJson(response);
    expect(response.body.schemas).toEqual([BULK_RESPONSE]);
    const ops = response.body.Operations as Json[];
    expect(ops.map((op) => [op.method, op.bulkId, op.status])).toEqual([
      ['POST', 'g1', '201'],
      ['POST', 'u1', '201'],
      ['POST', 'u2', '201'],
    ]);
    for (const op of ops) {
      expect(op.location).toMatch(new RegExp(`^${scim.base}/(Users|Groups)/[^/]+$`));
      expect(op.version).toMatch(/^W\/".+"$/);
    }
    const groupId = ops[0].location.split('/').pop();
    const userIds = ops.slice(1).map((op) => op.location.split('/').pop());
    expect(await memberIds(scim, groupId)).toEqual([...userIds].sort());
    expect(await groupIdsOf(scim, userIds[0])).toEqual([groupId]);
  });

  it('runs PUT, PATCH (with a bulkId reference in the path) and DELETE', async () => {
    const response = await scim.call(
      'POST',
      '/Bulk',
      bulk([
        { method: 'POST', path: '/Users', bulkId: 'p', data: user('bulk-patch@example.com') },
        {
          method: 'PATCH',
          path: '/Users/bulkId:p',
          data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Bulked' }] },
        },
      ]),
    );
    const ops = response.body.Operations as Json[];
    expect(ops.map((op) => op.status)).toEqual(['201', '200']);
    const id = ops[0].location.split('/').pop();
    expect((await scim.call('GET', `/Users/${id}`)).body.title).toBe('Bulked');
    const second = await scim.call(
      'POST',
      '/Bulk',
      bulk([
        { method: 'PUT', path: `/Users/${id}`, data: user('bulk-patch@example.com', { title: 'Put' }) },
        { method: 'DELETE', path: `/Users/${id}` },
      ]),
    );
    expect((second.body.Operations as Json[]).map((op) => op.status)).toEqual(['200', '204']);
    expect((await scim.call('GET', `/Users/${id}`)).status).toBe(404);
  });

  it('rejects circular bulkId references (409 on each operation in the cycle) and runs the rest', async () => {
    const response = await scim.call(
      'POST',
      '/Bulk',
      bulk([
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'a',
          data: { schemas: [GROUP_SCHEMA], displayName: 'Cycle A', members: [{ value: 'bulkId:b' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'b',
          data: { schemas: [GROUP_SCHEMA], displayName: 'Cycle B', members: [{ value: 'bulkId:a' }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'ok', data: user('acyclic@example.com') },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'dangling',
          data: user('dangling@example.com', { title: 'bulkId:nowhere' }),
        },
      ]),
    );
    expect(response.status).toBe(200);
    const byBulkId = Object.fromEntries((response.body.Operations as Json[]).map((op) => [op.bulkId, op]));
    for (const id of ['a', 'b', 'dangling']) {
      expect(byBulkId[id].status).toBe('409');
      expect(byBulkId[id].response).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '409',
      });
    }
    expect(byBulkId.ok.status).toBe('201');
    const groups = await scim.call('GET', `/Groups?filter=${encodeURIComponent('displayName sw "Cycle"')}`);
    expect(groups.body.totalResults).toBe(0);
  });

  it('stops after failOnErrors errors and does not run the operations after', async () => {
    await givenUser(scim, user('taken@example.com'));
    const response = await scim.call(
      'POST',
      '/Bulk',
      bulk(
        [
          { method: 'POST', path: '/Users', bulkId: 'x1', data: { schemas: user('x').schemas } },
          { method: 'POST', path: '/Users', bulkId: 'x2', data: user('taken@example.com') },
          { method: 'POST', path: '/Users', bulkId: 'x3', data: user('never-created@example.com') },
        ],
        { failOnErrors: 2 },
      ),
    );
    expect(response.status).toBe(200);
    const ops = response.body.Operations as Json[];
    expect(ops.map((op) => [op.bulkId, op.status])).toEqual([
      ['x1', '400'],
      ['x2', '409'],
    ]);
    expect(ops[0].response).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(ops[1].response).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const never = await scim.call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "never-created@example.com"')}`,
    );
    expect(never.body.totalResults).toBe(0);
  });

  it('without failOnErrors runs every operation and reports each error in its place', async () => {
    const response = await scim.call(
      'POST',
      '/Bulk',
      bulk([
        { method: 'DELETE', path: '/Users/00000000-0000-4000-8000-000000000000' },
        { method: 'POST', path: '/Users', bulkId: 'y', data: user('after-error@example.com') },
      ]),
    );
    expect((response.body.Operations as Json[]).map((op) => op.status)).toEqual(['404', '201']);
  });

  it('refuses a malformed BulkRequest with a SCIM 400', async () => {
    expectScimError(await scim.call('POST', '/Bulk', { Operations: [] }), 400);
    expectScimError(
      await scim.call('POST', '/Bulk', bulk([{ method: 'POST', path: '/Users', data: user('nobulkid@example.com') }])),
      400,
    );
    expectScimError(await scim.call('POST', '/Bulk', bulk([{ method: 'FETCH', path: '/Users' }])), 400);
  });

  describe('limits (BULK_MAX_OPERATIONS=3, MAX_PAYLOAD_BYTES=4096)', () => {
    const { scim: small } = useScimService({ env: { BULK_MAX_OPERATIONS: '3', MAX_PAYLOAD_BYTES: '4096' } });

    it('advertises exactly those limits', async () => {
      const config = await small.call('GET', '/ServiceProviderConfig');
      expect(config.body.bulk).toMatchObject({ supported: true, maxOperations: 3, maxPayloadSize: 4096 });
    });

    it(
      'accepts maxOperations operations, and answers 413 with a SCIM error to one more ' + '(nothing applied)',
      async () => {
        const ops = (n: number, prefix: string) =>
          Array.from({ length: n }, (_, i) => ({
            method: 'POST',
            path: '/Users',
            bulkId: `${prefix}${i}`,
            data: user(`${prefix}${i}@limits.example`),
          }));
        const ok = await small.call('POST', '/Bulk', bulk(ops(3, 'ok')));
        expect(ok.status).toBe(200);
        expect((ok.body.Operations as Json[]).map((op) => op.status)).toEqual(['201', '201', '201']);
        const tooMany = await small.call('POST', '/Bulk', bulk(ops(4, 'many')));
        expectScimError(tooMany, 413);
        const none = await small.call('GET', `/Users?filter=${encodeURIComponent('userName sw "many"')}`);
        expect(none.body.totalResults).toBe(0);
      },
    );

    it('answers 413 with a SCIM error to a body over maxPayloadSize, on /Bulk and on /Users', async () => {
      const big = 'x'.repeat(5000);
      expectScimError(
        await small.call(
          'POST',
          '/Bulk',
          bulk([{ method: 'POST', path: '/Users', bulkId: 'big', data: user('big@limits.example', { title: big }) }]),
        ),
        413,
      );
      expectScimError(await small.call('POST', '/Users', user('big@limits.example', { title: big })), 413);
      const none = await small.call('GET', `/Users?filter=${encodeURIComponent('userName eq "big@limits.example"')}`);
      expect(none.body.totalResults).toBe(0);
    });
  });
});
