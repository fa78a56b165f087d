import { useScimService } from '../../support/scim-harness';
import { randomUUID } from 'node:crypto';
import { ERROR_SCHEMA, provisionTenant, user } from '../../support/scim';

/**
 * The operator's erasure endpoint, POST /admin/tenants/{t}/users/{id}/erasure (issue 18): only
 * an operator may call it; an unknown user is a SCIM 404; the erased user's SCIM resource is gone;
 * the userName is free again and a re-provisioning creates a new person; a second call changes
 * nothing; a user deleted earlier can be erased too.
 */
describe('POST /admin/tenants/{t}/users/{id}/erasure', () => {
  const { app, scim } = useScimService();

  const erase = (userId: string, token = app.operatorToken, tenantId = scim.tenantId) =>
    fetch(`${app.baseUrl}/admin/tenants/${tenantId}/users/${userId}/erasure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });

  it('answers 404 with a SCIM error for a user that never existed (and for a malformed id)', async () => {
    for (const userId of [randomUUID(), 'not-a-uuid']) {
      const response = await erase(userId);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    }
  });

  it('refuses a caller without the operator token: the tenant SCIM key is not enough', async () => {
    const created = await scim.call<{ id: string }>('POST', '/Users', user('guarded@erasure.example'));
    expect(created.status).toBe(201);
    expect((await erase(created.body.id, scim.apiKey)).status).toBe(401);
    expect((await scim.call('GET', `/Users/${created.body.id}`)).status).toBe(200);
  });

  it(
    'erases a provisioned user: its SCIM resource is 404 and its userName free; ' + 're-provisioning creates a new id',
    async () => {
      const userName = 'Erin.Erasable@Erasure.Example';
      const created = await scim.call<{ id: string }>(
        'POST',
        '/Users',
        user(userName, { name: { givenName: 'Erin', familyName: 'Erasable' } }),
      );
      expect(created.status).toBe(201);
      const response = await erase(created.body.id);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ tenantId: scim.tenantId, userId: created.body.id, erased: true });

      expect((await scim.call('GET', `/Users/${created.body.id}`)).status).toBe(404);
      const listed = await scim.call<{ totalResults: number }>(
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
      );
      expect(listed.body.totalResults).toBe(0);

      const again = await scim.call<{ id: string; userName: string }>('POST', '/Users', user(userName.toLowerCase()));
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(created.body.id);
      expect((await scim.call('GET', `/Users/${again.body.id}`)).status).toBe(200);

      // A second erasure of the same person changes nothing; the new person is untouched.
      const repeated = await erase(created.body.id);
      expect(repeated.status).toBe(200);
      expect(await repeated.json()).toMatchObject({ userId: created.body.id, erased: false });
      expect((await scim.call('GET', `/Users/${again.body.id}`)).status).toBe(200);
    },
  );

  it('erases a user deleted earlier', async () => {
    const created = await scim.call<{ id: string }>('POST', '/Users', user('deleted.first@erasure.example'));
    expect((await scim.call('DELETE', `/Users/${created.body.id}`)).status).toBe(204);
    const response = await erase(created.body.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: created.body.id, erased: true });
  });

  it('answers 404 for an unknown tenant, and for a user of another tenant', async () => {
    const created = await scim.call<{ id: string }>('POST', '/Users', user('elsewhere@erasure.example'));
    expect((await erase(created.body.id, app.operatorToken, 't-unknown-tenant')).status).toBe(404);
    const other = await provisionTenant(app);
    expect((await erase(created.body.id, app.operatorToken, other.tenantId)).status).toBe(404);
    expect((await scim.call('GET', `/Users/${created.body.id}`)).status).toBe(200);
  });
});
