import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@lib/event-store';
import type { TestApp } from '../../support/app';
import { provisionTenant } from '../../support/scim';
import { startAuditApp } from './audit-app';

jest.setTimeout(120_000);

const at = (day: number, hour = 9) => new Date(Date.UTC(2025, 2, day, hour)).toISOString();

describe('audit API over HTTP', () => {
  let app: TestApp;
  let store: PostgresEventStore;
  let pool: Pool;
  /** The auditor credential of the read-only tenant acme, issued once its history is in. */
  let secret: string;
  const tenant = 'acme';

  const operator = (path: string, init: RequestInit = {}) =>
    fetch(`${app.baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${app.operatorToken}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  const auditor = (path: string, token: string = secret) =>
    fetch(`${app.baseUrl}/audit/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const json = async (path: string) => {
    const response = await auditor(path);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const append = (
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    occurredAt: string,
    requestId: string,
  ) =>
    store.append(streamId, 'any', [
      {
        eventId: randomUUID(),
        type,
        data: { tenantId: tenant, ...data },
        metadata: {
          tenantId: tenant,
          actor: { kind: 'scim-key', keyId: 'okta-key', idpProfile: 'okta' },
          requestId,
          correlationId: requestId,
          causationId: requestId,
          occurredAt,
          schemaVersion: 1,
        },
      },
    ]);
  const issueCredential = async (tenantId: string) => {
    const response = await operator(`/admin/tenants/${tenantId}/auditors`, { method: 'POST' });
    expect(response.status).toBe(201);
    return { response, ...((await response.json()) as { id: string; secret: string; tenantId: string }) };
  };
  /**
   * given: a tenant of its own (SCIM enabled, okta) with an auditor credential, for a case that
   * writes: acme's history stays as every other case reads it.
   */
  const givenTenant = async () => {
    const scim = await provisionTenant(app, 'okta');
    const credential = await issueCredential(scim.tenantId);
    return { scim, ...credential };
  };
  const waitForRecords = async (count: number) => {
    for (let i = 0; i < 200; i++) {
      const { body } = await json(`/${tenant}/verify`);
      if (body.records >= count) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`audit log did not reach ${count} records`);
  };

  beforeAll(async () => {
    app = await startAuditApp();
    pool = new Pool({ connectionString: app.databaseUrl });
    pool.on('error', () => undefined);
    // A history of March 2025, imported with its own times (the store's metadata time source),
    // before anything happens now: event time never goes back along the log.
    store = new PostgresEventStore({ pool, timeSource: 'metadata' });
    await store.append(`tenant-${tenant}`, 'any', [
      {
        eventId: randomUUID(),
        type: 'TenantCreated',
        data: { tenantId: tenant, name: 'Acme' },
        metadata: {
          tenantId: tenant,
          actor: { kind: 'operator' },
          requestId: 'r0',
          correlationId: 'r0',
          causationId: 'r0',
          occurredAt: at(1),
          schemaVersion: 1,
        },
      },
    ]);
    await append(
      'user-acme-ada',
      'UserProvisioned',
      {
        userId: 'ada',
        userName: 'ada@acme.test',
        externalId: null,
        active: true,
        resource: { userName: 'ada@acme.test', title: 'Engineer' },
      },
      at(1),
      'req-1',
    );
    await append(
      'user-acme-bob',
      'UserProvisioned',
      {
        userId: 'bob',
        userName: 'bob@acme.test',
        externalId: null,
        active: true,
        resource: { userName: 'bob@acme.test' },
      },
      at(1),
      'req-2',
    );
    await append(
      'group-acme-admins',
      'GroupCreated',
      { groupId: 'admins', displayName: 'Admins', externalId: null, resource: { displayName: 'Admins' } },
      at(2),
      'req-3',
    );
    await append(
      'membership-acme-admins-ada',
      'GroupMembersAdded',
      { groupId: 'admins', memberIds: ['ada'] },
      at(3),
      'req-4',
    );
    await append(
      'membership-acme-admins-bob',
      'GroupMembersAdded',
      { groupId: 'admins', memberIds: ['bob'] },
      at(10),
      'req-5',
    );
    await append(
      'user-acme-ada',
      'UserUpdated',
      {
        userId: 'ada',
        userName: 'ada@acme.test',
        changes: [{ path: 'title', before: 'Engineer', after: '=CTO' }],
        resource: {},
      },
      at(12),
      'req-6',
    );
    await append(
      'membership-acme-admins-bob',
      'GroupMembersRemoved',
      { groupId: 'admins', memberIds: ['bob'] },
      at(20),
      'req-7',
    );
    await append('user-acme-ada', 'UserDeactivated', { userId: 'ada', userName: 'ada@acme.test' }, at(25), 'req-8');
    ({ secret } = await issueCredential(tenant));
    await waitForRecords(9); // + the AuditorCredentialIssued record
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await app?.close();
  });

  it('lets only the operator issue an auditor credential, shown once', async () => {
    expect((await fetch(`${app.baseUrl}/admin/tenants/${tenant}/auditors`, { method: 'POST' })).status).toBe(401);
    expect((await operator('/admin/tenants/no-such-tenant/auditors', { method: 'POST' })).status).toBe(404);
    const { scim, response, ...body } = await givenTenant();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.secret).toMatch(/^aud_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(body.tenantId).toBe(scim.tenantId);
    const list = (await (await operator(`/admin/tenants/${scim.tenantId}/auditors`)).json()) as {
      auditors: Array<{ id: string }>;
    };
    expect(list.auditors).toEqual([expect.objectContaining({ id: body.id, revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(body.secret.slice(21));
  });

  it('refuses every other credential with the same 401, and never leaks another tenant', async () => {
    const refusals = await Promise.all([
      fetch(`${app.baseUrl}/audit/v1/${tenant}/verify`),
      auditor(`/${tenant}/verify`, app.operatorToken),
      auditor(`/${tenant}/verify`, `aud_0123456789abcdef_${'A'.repeat(43)}`),
      auditor(`/other-tenant/verify`),
      auditor(`/other-tenant/access?at=${at(1)}`),
    ]);
    const bodies = await Promise.all(refusals.map((r) => r.json()));
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({ error: { status: 401, code: 'unauthorized', message: expect.any(String) } });
  });

  it('answers the three questions of an auditor', async () => {
    // 1. Who had access on 14 March, and as what?
    const march14 = await json(`/${tenant}/access?at=2025-03-14T12:00:00Z`);
    expect(march14.status).toBe(200);
    expect(march14.body).toMatchObject({ at: '2025-03-14T12:00:00.000Z', totalResults: 2, startIndex: 1 });
    expect(march14.body.Resources).toEqual([
      {
        userId: 'ada',
        userName: 'ada@acme.test',
        activeSince: at(1),
        roles: [{ groupId: 'admins', displayName: 'Admins', grantedAt: at(3) }],
      },
      {
        userId: 'bob',
        userName: 'bob@acme.test',
        activeSince: at(1),
        roles: [{ groupId: 'admins', displayName: 'Admins', grantedAt: at(10) }],
      },
    ]);
    expect((await json(`/${tenant}/access?at=2025-03-26&role=admins`)).body.Resources).toEqual([]);
    expect(
      (await json(`/${tenant}/access?at=2025-03-14T12:00:00Z&user=bob&count=1`)).body.Resources.map(
        (u: { userId: string }) => u.userId,
      ),
    ).toEqual(['bob']);

    // 2. What happened to this person's access, and who did it?
    const timeline = await json(`/${tenant}/users/ada/timeline`);
    expect(timeline.body.Resources.map((e: { action: string }) => e.action)).toEqual([
      'user.provisioned',
      'role.granted',
      'user.updated',
      'user.deactivated',
    ]);
    expect(timeline.body.Resources[1]).toMatchObject({
      at: at(3),
      requestId: 'req-4',
      actor: { kind: 'scim-key', keyId: 'okta-key' },
      changes: [{ path: 'roles', before: null, after: { groupId: 'admins', displayName: 'Admins' } }],
    });

    // 3. Who held role X during Q1?
    const q1 = await json(`/${tenant}/roles/admins/history?from=2025-01-01T00:00:00Z&to=2025-03-31T23:59:59Z`);
    expect(q1.body.Resources).toEqual([
      expect.objectContaining({ userId: 'ada', grantedAt: at(3), revokedAt: null, grantedRequestId: 'req-4' }),
      expect.objectContaining({
        userId: 'bob',
        grantedAt: at(10),
        revokedAt: at(20),
        revokedRequestId: 'req-7',
        revokeReason: 'removed',
      }),
    ]);
  });

  it('exports CSV and JSON, with formulas neutralised', async () => {
    const csv = await auditor(`/${tenant}/exports/users/ada/timeline.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'at,action,reason,eventId,actorKind,actorKeyId,actorIdpProfile,requestId,correlationId,groupId,path,before,after',
    );
    expect(text).toContain(`,title,"""Engineer""","""=CTO"""`);
    const access = await auditor(`/${tenant}/access?at=2025-03-14T12:00:00Z&format=csv`);
    expect((await access.text()).split('\r\n').filter(Boolean)).toHaveLength(3);
    const history = await auditor(`/${tenant}/exports/roles/admins/history.json`);
    expect(((await history.json()) as { Resources: unknown[] }).Resources).toHaveLength(2);
  });

  it('answers bad input with a 400 and unknown subjects with a 404, as JSON', async () => {
    for (const path of [
      `/${tenant}/access?at=14-03-2025`,
      `/${tenant}/roles/admins/history?from=2025-04-01&to=2025-01-01`,
      `/${tenant}/access?format=xlsx`,
      `/${tenant}/exports/access.xml`,
    ]) {
      const { status, body } = await json(path);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(body.error).toEqual({
        status: 400,
        code: expect.stringMatching(/^invalid_/),
        message: expect.any(String),
      });
    }
    expect((await json(`/${tenant}/users/nobody/timeline`)).status).toBe(404);
    expect((await json(`/${tenant}/roles/nothing/history`)).status).toBe(404);
    expect((await json(`/${tenant}/access?at=2025-03-14&role=nothing`)).body.Resources).toEqual([]);
  });

  it('verifies the hash chain and points at a row tampered with SQL (put back afterwards)', async () => {
    expect((await json(`/${tenant}/verify`)).body).toEqual({ tenantId: tenant, valid: true, records: 9 });
    const record = `FROM audit_records_v1 WHERE tenant_id = $1 AND seq = 3`;
    const [{ request_id: original }] = (await pool.query(`SELECT request_id ${record}`, [tenant])).rows;
    await pool.query(`UPDATE audit_records_v1 SET request_id = 'forged' WHERE tenant_id = $1 AND seq = 3`, [tenant]);
    try {
      expect((await json(`/${tenant}/verify`)).body).toMatchObject({
        valid: false,
        firstBrokenRecord: { seq: 3, reason: 'hash_mismatch' },
      });
    } finally {
      await pool.query(`UPDATE audit_records_v1 SET request_id = $2 WHERE tenant_id = $1 AND seq = 3`, [
        tenant,
        original,
      ]);
    }
    expect((await json(`/${tenant}/verify`)).body).toMatchObject({ valid: true });
  });

  it('records provisioning through SCIM with the IdP key as actor', async () => {
    const { scim, secret: own } = await givenTenant();
    const created = await scim.call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'carol@acme.test',
      active: true,
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    for (let i = 0; i < 100; i++) {
      const response = await auditor(`/${scim.tenantId}/users/${id}/timeline`, own);
      if (response.status === 200) {
        const body = (await response.json()) as { Resources: Array<{ action: string; actor: { kind: string } }> };
        expect(body.Resources[0]).toMatchObject({ action: 'user.provisioned', actor: { kind: 'scim-key' } });
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the SCIM-provisioned user never reached the audit log');
  });

  it('stops accepting a revoked credential', async () => {
    const { scim, id, secret: revoked } = await givenTenant();
    expect((await auditor(`/${scim.tenantId}/verify`, revoked)).status).toBe(200);
    const revoke = () => operator(`/admin/tenants/${scim.tenantId}/auditors/${id}`, { method: 'DELETE' });
    expect((await revoke()).status).toBe(204);
    expect((await revoke()).status).toBe(404);
    expect((await auditor(`/${scim.tenantId}/verify`, revoked)).status).toBe(401);
  });
});
