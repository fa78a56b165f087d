import { useScimService } from '../../support/scim-harness';
import { ERROR_SCHEMA, PATCH_OP, user } from '../../support/scim';
import { givenUser } from './steps';

describe('SCIM /Users over HTTP', () => {
  const { scim } = useScimService();

  it('creates a user: 201, Location, ETag, complete meta, scim+json', async () => {
    const created = await scim.call(
      'POST',
      '/Users',
      user('ada@example.com', { externalId: 'ext-1', password: 'Secret123!' }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain('application/scim+json');
    const body = created.body as {
      id: string;
      meta: { version: string };
      password?: string;
      userName: string;
      externalId: string;
    };
    expect(body.id).toEqual(expect.any(String));
    expect(created.headers.get('location')).toBe(`${scim.base}/Users/${body.id}`);
    expect(body.meta).toEqual({
      resourceType: 'User',
      created: expect.any(String),
      lastModified: expect.any(String),
      location: `${scim.base}/Users/${body.id}`,
      version: expect.any(String),
    });
    expect(created.headers.get('etag')).toBe(
      body.meta.version.startsWith('W/') ? body.meta.version : `W/"${body.meta.version}"`,
    );
    expect(body.password).toBeUndefined();
    expect(body.userName).toBe('ada@example.com');
    expect(body.externalId).toBe('ext-1');
  });

  it('finds the user right after the create (read-your-writes) by userName, case-insensitively', async () => {
    await givenUser(scim, user('found@example.com'));
    const found = await scim.call('GET', `/Users?filter=${encodeURIComponent('userName eq "FOUND@example.com"')}`);
    expect(found.status).toBe(200);
    expect(found.body.totalResults).toBe(1);
    expect((found.body.Resources as Array<{ userName: string }>)[0].userName).toBe('found@example.com');
  });

  it('answers an unmatched filter with 200 and totalResults 0', async () => {
    const found = await scim.call('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('refuses a duplicate userName with 409 uniqueness', async () => {
    await givenUser(scim, user('twice@example.com'));
    const duplicate = await scim.call('POST', '/Users', user('Twice@Example.com'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
  });

  it('deactivates with an Entra-style PATCH only under a lenient profile; strict RFC refuses "False"', async () => {
    const created = await scim.call('POST', '/Users', user('grace@example.com'));
    const id = created.body.id as string;
    const strict = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(strict.status).toBe(400);
    expect(strict.body.scimType).toBe('invalidValue');
    const patched = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    const read = await scim.call('GET', `/Users/${id}`);
    expect(read.body.active).toBe(false);
  });

  it('honours If-None-Match (304) and If-Match (412)', async () => {
    const created = await scim.call('POST', '/Users', user('etag@example.com'));
    const id = created.body.id as string;
    const etag = created.headers.get('etag')!;
    expect((await scim.call('GET', `/Users/${id}`, undefined, { 'if-none-match': etag })).status).toBe(304);
    const stale = await scim.call('PUT', `/Users/${id}`, user('etag@example.com', { title: 'x' }), {
      'if-match': 'W/"999"',
    });
    expect(stale.status).toBe(412);
    const fresh = await scim.call('PUT', `/Users/${id}`, user('etag@example.com', { title: 'Engineer' }), {
      'if-match': etag,
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.title).toBe('Engineer');
    expect(fresh.headers.get('etag')).not.toBe(etag);
  });

  it('deletes: 204, then 404 on every read, and the userName can be provisioned again', async () => {
    const created = await scim.call('POST', '/Users', user('gone@example.com'));
    const id = created.body.id as string;
    expect((await scim.call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Users/${id}`)).status).toBe(404);
    expect(
      (
        await scim.call('PATCH', `/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'title', value: 'x' }],
        })
      ).status,
    ).toBe(404);
    expect((await scim.call('DELETE', `/Users/${id}`)).status).toBe(404);
    const again = await scim.call('POST', '/Users', user('gone@example.com'));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
  });

  it('answers 401 with a SCIM body to a bad key, and 415 to a non-JSON body', async () => {
    const response = await fetch(`${scim.base}/Users`, { headers: { authorization: 'Bearer scim_nope_nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
    const unsupported = await scim.call('POST', '/Users', 'userName=x', { 'content-type': 'text/plain' });
    expect(unsupported.status).toBe(415);
    expect(unsupported.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '415' });
  });
});
