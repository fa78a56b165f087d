/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
import { Pool } from 'pg';
import { ProvisioningLogRecorder, ProvisioningLogRepository, ProvisioningLogRetention } from '@lib/tenancy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { FakeScimController } from './fake-scim.controller';
import { ManualClock, startTenancy, TEST_OPERATOR_TOKEN, type TenancyInstance } from './tenancy-harness';

const OPERATOR = TEST_OPERATOR_TOKEN;
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('tenancy over HTTP: admin API, SCIM guards, rate limit, provisioning log', () => {
  let db: TestDatabase;
  let app: TenancyInstance;

  const admin = async (method: string, path: string, body?: unknown, token = OPERATOR) => {
    const response = await fetch(`${app.baseUrl}/admin/tenants${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const scim = async (
    tenantId: string,
    path: string,
    authorization?: string,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const response = await fetch(`${app.baseUrl}/scim/v2/${tenantId}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/scim+json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  };
  const flushLog = () => app.get(ProvisioningLogRecorder).flush();

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTenancy(db.url, {
      controllers: [FakeScimController],
      env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '20' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses the admin API without the operator token, with a SCIM error body', async () => {
    for (const token of ['', 'wrong-token', `${OPERATOR}x`]) {
      const response = await admin('GET', '', undefined, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="admin"');
      expect(response.body).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });
    }
  });

  it('validates admin input with a clear 400', async () => {
    const missing = await admin('POST', '', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ schemas: [SCIM_ERROR], status: '400', scimType: 'invalidValue' });
    expect(missing.body.detail).toMatch(/name/);
    const unknownField = await admin('POST', '', { name: 'X', colour: 'red' });
    expect(unknownField.body.detail).toMatch(/colour is not a known field/);
    const badId = await admin('POST', '', { name: 'X', id: 'no spaces' });
    expect(badId.body.detail).toMatch(/id must be/);
  });

  it('runs the admin flow and authenticates SCIM requests with the issued key', async () => {
    expect((await admin('POST', '', { name: 'Acme', id: 'acme' })).status).toBe(201);
    expect((await admin('POST', '', { name: 'Acme', id: 'acme' })).status).toBe(409);
    const listed = await admin('GET', '');
    expect(listed.body.tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual(['acme']);

    const badProfile = await admin('PUT', '/acme/scim', { idpProfile: 'myspace' });
    expect(badProfile.status).toBe(400);
    expect(badProfile.body.detail).toMatch(/entra, okta, jumpcloud, google, onelogin, generic/);
    const enabled = await admin('PUT', '/acme/scim', { idpProfile: 'okta' });
    expect(enabled.status).toBe(200);
    expect(enabled.headers.get('cache-control')).toBe('no-store');
    expect(enabled.body).toMatchObject({
      tenantId: 'acme',
      idpProfile: 'okta',
      scimBaseUrl: 'https://scim.example.test/scim/v2/acme',
    });

    const ok = await scim('acme', '/ServiceProviderConfig', `Bearer ${enabled.body.apiKey}`);
    expect(ok.status).toBe(200);
    expect(ok.body.principal).toEqual({ tenantId: 'acme', keyId: enabled.body.keyId, idpProfile: 'okta' });

    expect((await admin('PUT', '/ghost/scim', { idpProfile: 'okta' })).status).toBe(404);
  });

  it('answers every SCIM authentication failure with the same 401 and WWW-Authenticate', async () => {
    await admin('POST', '', { name: 'Beta', id: 'beta' });
    const betaKey = (await admin('PUT', '/beta/scim', { idpProfile: 'generic' })).body.apiKey as string;
    const missing = await scim('acme', '/ServiceProviderConfig');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="SCIM"');
    expect(missing.body).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });

    const wrongTenant = await scim('acme', '/ServiceProviderConfig', `Bearer ${betaKey}`);
    const unknown = await scim('acme', '/ServiceProviderConfig', `Bearer scim_0123456789abcdef_${'x'.repeat(43)}`);
    const malformed = await scim('acme', '/ServiceProviderConfig', 'Bearer hello');
    const noTenant = await scim('nobody', '/ServiceProviderConfig', `Bearer ${betaKey}`);
    for (const response of [wrongTenant, unknown, malformed, noTenant]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="SCIM"');
      expect(response.body).toEqual(wrongTenant.body);
    }
  });

  it('rotates, lists keys without secrets, toggles Basic, and disables over HTTP', async () => {
    const first = (await admin('POST', '/acme/scim/keys/rotate', {})).body;
    const second = await admin('POST', '/acme/scim/keys/rotate', { graceSeconds: 60 });
    expect(second.status).toBe(201);
    expect(second.body.revoked).toEqual([{ keyId: first.keyId, effectiveAt: expect.any(String) }]);
    expect((await scim('acme', '/ServiceProviderConfig', `Bearer ${first.apiKey}`)).status).toBe(200);
    expect((await admin('POST', '/acme/scim/keys/rotate', { graceSeconds: 90000 })).status).toBe(400);

    const keys = await admin('GET', '/acme/scim/keys');
    expect(keys.body.keys.find((k: { keyId: string }) => k.keyId === first.keyId).status).toBe('expiring');
    expect(JSON.stringify(keys.body)).not.toMatch(/sha256|scim_[0-9a-f]{16}_/);

    const basic = `Basic ${Buffer.from(`acme:${second.body.apiKey}`).toString('base64')}`;
    expect((await scim('acme', '/ServiceProviderConfig', basic)).status).toBe(401);
    const on = await admin('PUT', '/acme/scim/basic-auth', { enabled: true });
    expect(on.body).toMatchObject({ basicAuthEnabled: true, warning: expect.stringMatching(/test instances only/) });
    expect((await scim('acme', '/ServiceProviderConfig', basic)).status).toBe(200);
    await admin('PUT', '/acme/scim/basic-auth', { enabled: false });
    expect((await scim('acme', '/ServiceProviderConfig', basic)).status).toBe(401);
    expect((await admin('PUT', '/acme/scim/basic-auth', { enabled: 'yes' })).status).toBe(400);

    await admin('POST', '', { name: 'Gamma', id: 'gamma' });
    const gammaKey = (await admin('PUT', '/gamma/scim', { idpProfile: 'entra' })).body.apiKey;
    expect((await admin('DELETE', '/gamma/scim')).status).toBe(204);
    expect((await scim('gamma', '/ServiceProviderConfig', `Bearer ${gammaKey}`)).status).toBe(401);
    expect(
      (await admin('GET', '')).body.tenants.find((t: { tenantId: string }) => t.tenantId === 'gamma'),
    ).toMatchObject({ scimEnabled: false });
  });

  it('rate-limits per tenant with 429, Retry-After and a SCIM body', async () => {
    await admin('POST', '', { name: 'Busy', id: 'busy' });
    const busyKey = (await admin('PUT', '/busy/scim', { idpProfile: 'generic' })).body.apiKey;
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof scim>> | undefined;
    for (let i = 0; i < 25; i++) {
      const response = await scim('busy', '/ServiceProviderConfig', `Bearer ${busyKey}`);
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(21);
    expect(limited?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(limited?.body).toMatchObject({ schemas: [SCIM_ERROR], status: '429' });
    // Another tenant has its own bucket.
    const acmeKey = (await admin('POST', '/acme/scim/keys/rotate', {})).body.apiKey;
    expect((await scim('acme', '/ServiceProviderConfig', `Bearer ${acmeKey}`)).status).toBe(200);
    await flushLog();
    const logged = await admin('GET', '/busy/provisioning-log?status=429');
    expect(logged.body.count).toBeGreaterThanOrEqual(1);
    expect(logged.body.count).toBeLessThanOrEqual(2); // sampled: one row per second under a flood
  });

  it('explains a failed create in the provisioning log: a duplicate userName is a 409 uniqueness', async () => {
    await admin('POST', '', { name: 'Delta', id: 'delta' });
    const key = (await admin('PUT', '/delta/scim', { idpProfile: 'okta' })).body.apiKey as string;
    const auth = `Bearer ${key}`;
    expect(
      (
        await scim('delta', '/Users', auth, {
          method: 'POST',
          body: { userName: 'alice@example.com', password: 'hunter2' },
        })
      ).status,
    ).toBe(201);
    const duplicate = await scim('delta', '/Users', auth, {
      method: 'POST',
      body: { userName: 'Alice@Example.com', password: 'hunter2' },
    });
    expect(duplicate.status).toBe(409);
    expect((await scim('delta', '/Users/u404', auth)).status).toBe(404);
    expect(
      (await scim('delta', '/ServiceProviderConfig', 'Bearer scim_0123456789abcdef_' + 'y'.repeat(43))).status,
    ).toBe(401);
    await flushLog();

    const conflicts = await admin('GET', '/delta/provisioning-log?status=409');
    expect(conflicts.body.entries).toEqual([
      expect.objectContaining({
        tenantId: 'delta',
        method: 'POST',
        path: '/Users',
        resourceType: 'Users',
        userName: 'Alice@Example.com',
        status: 409,
        scimType: 'uniqueness',
        detail: 'userName "Alice@Example.com" is already in use',
        idpProfile: 'okta',
        keyId: expect.any(String),
        requestId: expect.any(String),
      }),
    ]);
    const alice = await admin('GET', '/delta/provisioning-log?userName=ALICE@example.com');
    expect(alice.body.entries.map((e: { status: number }) => e.status)).toEqual([409, 201]);
    expect(alice.body.entries[1]).toMatchObject({ resourceId: 'u1', scimType: null, detail: null });
    const byResource = await admin('GET', '/delta/provisioning-log?resourceId=u404');
    expect(byResource.body.entries).toEqual([expect.objectContaining({ status: 404, path: '/Users/u404' })]);
    const unauthorized = await admin('GET', '/delta/provisioning-log?status=401');
    expect(unauthorized.body.entries).toEqual([expect.objectContaining({ status: 401, keyId: null })]);

    const everything = await admin('GET', '/delta/provisioning-log?limit=1000');
    expect(everything.body.count).toBe(4);
    expect(JSON.stringify(everything.body)).not.toMatch(/hunter2|scim_[0-9a-f]{16}_|Bearer/);
    const future = await admin(
      'GET',
      `/delta/provisioning-log?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body.count).toBe(0);
    expect((await admin('GET', '/delta/provisioning-log?limit=2')).body.count).toBe(2);
    expect((await admin('GET', '/delta/provisioning-log?status=abc')).status).toBe(400);
    expect((await admin('GET', '/delta/provisioning-log?from=yesterday')).status).toBe(400);
    expect((await admin('GET', '/ghost/provisioning-log')).status).toBe(404);
    // Tenants never see each other's rows.
    expect((await admin('GET', '/acme/provisioning-log?userName=alice@example.com')).body.count).toBe(0);
  });
});

describe('provisioning log: retention and shutdown', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());
  beforeAll(async () => {
    db = await createTestDatabase();
  });

  const row = (tenantId: string, at: string) => ({
    tenantId,
    at,
    method: 'GET',
    path: '/Users',
    resourceType: 'Users',
    resourceId: null,
    userName: null,
    status: 200,
    scimType: null,
    detail: null,
    latencyMs: 3,
    idpProfile: 'generic',
    keyId: 'k',
    requestId: 'r',
  });

  it('deletes rows older than PROVISIONING_LOG_RETENTION_DAYS and keeps the rest', async () => {
    const clock = new ManualClock(new Date('2026-03-31T00:00:00.000Z'));
    const instance = await startTenancy(db.url, { clock, env: { PROVISIONING_LOG_RETENTION_DAYS: '7' } });
    try {
      const repository = instance.get(ProvisioningLogRepository);
      await repository.insert([
        row('r1', '2026-03-01T00:00:00.000Z'),
        row('r1', '2026-03-23T23:59:59.000Z'),
        row('r1', '2026-03-24T00:00:01.000Z'),
        row('r1', '2026-03-30T00:00:00.000Z'),
      ]);
      expect(await instance.get(ProvisioningLogRetention).run()).toBe(2);
      expect((await repository.query({ tenantId: 'r1' })).map((r) => r.at)).toEqual([
        '2026-03-30T00:00:00.000Z',
        '2026-03-24T00:00:01.000Z',
      ]);
    } finally {
      await instance.close();
    }
  });

  it('writes asynchronously in batches and flushes everything on a graceful stop', async () => {
    const instance = await startTenancy(db.url);
    const recorder = instance.get(ProvisioningLogRecorder);
    for (let i = 0; i < 450; i++) recorder.record(row('s1', new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()));
    await instance.close();
    const pool = new Pool({ connectionString: db.url });
    try {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM provisioning_log WHERE tenant_id = 's1'`);
      expect(rows[0].n).toBe(450);
    } finally {
      await pool.end();
    }
  });
});
