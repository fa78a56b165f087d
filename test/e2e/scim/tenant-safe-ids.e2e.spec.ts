import { patch } from './steps';
import { useTestApp } from '../../support/scim-harness';
import { randomBytes, randomUUID } from 'node:crypto';
import { GROUP_SCHEMA, provisionTenant, user, type ScimTenant } from '../../support/scim';
import { BULK_REQUEST, expectResource, expectScimError } from './expect-scim';

/**
 * Issue 13 §1 over HTTP: tenants whose ids prefix each other (`t`, `t-x`, `t-x-y`). A member value
 * `x-<uuid>` spelled the other tenant's user stream with the previous release's ids; now every
 * member value and URL id must be one of this service's ids before anything is read.
 */
describe('tenant-safe ids over HTTP', () => {
  const app = useTestApp();
  const base = `p${randomBytes(3).toString('hex')}`;
  let acme: ScimTenant;
  let acmeX: ScimTenant;
  let acmeXY: ScimTenant;
  let lenient: ScimTenant;
  let foreignUserId: string;
  beforeAll(async () => {
    acme = await provisionTenant(app, 'generic', base);
    acmeX = await provisionTenant(app, 'generic', `${base}-x`);
    acmeXY = await provisionTenant(app, 'generic', `${base}-x-y`);
    lenient = await provisionTenant(app, 'entra', `${base}-x-y-z`);
    foreignUserId = expectResource(await acmeX.call('POST', '/Users', user(`x@${base}.test`)), 201, acmeX, 'User').id;
  });

  it.each(['generic', 'entra'])(
    'refuses a member value that is not a user id of this service (%s profile), whether or not it names another tenant',
    async (profile) => {
      const tenant = profile === 'entra' ? lenient : acme;
      const group = expectResource(
        await tenant.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Admins ${profile}` }),
        201,
        tenant,
        'Group',
      );
      for (const value of [`x-${foreignUserId}`, `x-${randomUUID()}`, 'a\u0000b', '../Users', '']) {
        expectScimError(
          await tenant.call('PATCH', `/Groups/${group.id}`, patch({ op: 'add', path: 'members', value: [{ value }] })),
          400,
          'invalidValue',
        );
      }
      expectScimError(
        await tenant.call('POST', '/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName: `Bad ${profile}`,
          members: [{ value: `x-${foreignUserId}` }],
        }),
        400,
        'invalidValue',
      );
      expect((await tenant.call('GET', `/Groups/${group.id}`)).body.members ?? []).toEqual([]);
    },
  );

  it(
    'refuses another tenant user id as a member (it is a valid id, but not a user of this ' +
      'tenant), without telling whether it exists',
    async () => {
      const group = expectResource(
        await acme.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Cross' }),
        201,
        acme,
        'Group',
      );
      const existing = await acme.call(
        'PATCH',
        `/Groups/${group.id}`,
        patch({ op: 'add', path: 'members', value: [{ value: foreignUserId }] }),
      );
      const missing = await acme.call(
        'PATCH',
        `/Groups/${group.id}`,
        patch({ op: 'add', path: 'members', value: [{ value: randomUUID() }] }),
      );
      expectScimError(existing, 400, 'invalidValue');
      expectScimError(missing, 400, 'invalidValue');
      expect((existing.body as { detail: string }).detail.replace(foreignUserId, 'ID')).toBe(
        (missing.body as { detail: string }).detail.replace(/[0-9a-f-]{36}/, 'ID'),
      );
    },
  );

  it(
    'answers a plain 404 for an id in a URL that is not of the id form, on every resource ' + 'endpoint and method',
    async () => {
      for (const tenant of [acme, acmeXY]) {
        for (const id of [`x-${foreignUserId}`, 'a%00b', 'not-an-id', `${foreignUserId}x`]) {
          for (const [method, body] of [
            ['GET', undefined],
            ['PUT', user('y@example.com')],
            ['PATCH', patch({ op: 'replace', path: 'title', value: 'x' })],
            ['DELETE', undefined],
          ] as const) {
            expectScimError(await tenant.call(method, `/Users/${id}`, body), 404);
            expectScimError(
              await tenant.call(
                method,
                `/Groups/${id}`,
                method === 'PUT' ? { schemas: [GROUP_SCHEMA], displayName: 'G' } : body,
              ),
              404,
            );
          }
        }
      }
    },
  );

  it('never shows one tenant the resources of a tenant whose id it prefixes, or the other way round', async () => {
    expectScimError(await acme.call('GET', `/Users/${foreignUserId}`), 404);
    expectScimError(await acmeXY.call('GET', `/Users/${foreignUserId}`), 404);
    expect(
      (await acme.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "x@${base}.test"`)}`)).body,
    ).toMatchObject({ totalResults: 0 });
    expect((await acmeX.call('GET', `/Users/${foreignUserId}`)).status).toBe(200);
  });

  it('checks Bulk member values and paths the same way', async () => {
    const response = await acme.call('POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: [GROUP_SCHEMA], displayName: 'Bulk', members: [{ value: `x-${foreignUserId}` }] },
        },
        {
          method: 'PATCH',
          path: `/Groups/x-${foreignUserId}`,
          data: patch({ op: 'add', path: 'members', value: [{ value: foreignUserId }] }),
        },
      ],
    });
    expect(response.status).toBe(200);
    const results = (response.body as { Operations: Array<{ status: string }> }).Operations;
    expect(results.map((r) => r.status)).toEqual(['400', '404']);
  });
});
