/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { type TestApp } from '../../support/app';
import { useTestApp } from '../../support/scim-harness';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** Runs the admin CLI as an operator would, against the running test app. */
function cli(app: TestApp, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--require', './test/support/register-ts.js', 'apps/admin-cli/main.ts', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, SCIM_ADMIN_URL: app.baseUrl, OPERATOR_TOKEN: app.operatorToken },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('tenancy e2e: admin API and CLI against the all-in-one service', () => {
  const app = useTestApp({
    RATE_LIMIT_PER_SECOND: '1',
    RATE_LIMIT_BURST: '60',
    PROVISIONING_LOG_RETENTION_DAYS: '30',
  });

  const scim = async (
    tenantId: string,
    path: string,
    authorization: string | undefined,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const response = await fetch(`${app.baseUrl}/scim/v2/${tenantId}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(authorization ? { authorization } : {}),
        'content-type': 'application/scim+json',
        accept: 'application/scim+json',
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.baseUrl}/admin/tenants${path}`, {
      method,
      headers: { authorization: `Bearer ${app.operatorToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const createUser = (tenantId: string, key: string, userName: string) =>
    scim(tenantId, '/Users', `Bearer ${key}`, {
      method: 'POST',
      body: { schemas: [USER_SCHEMA], userName, password: 'Secr3t!-not-logged' },
    });
  /** The provisioning log is written off the request path, in batches every half second. */
  const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('refuses the admin API without the operator token', async () => {
    const response = await fetch(`${app.baseUrl}/admin/tenants`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: '401' });
  });

  it('runs the whole admin flow with the CLI: create, enable, provision, rotate, keys, Basic, disable', async () => {
    const created = await cli(app, 'tenant', 'create', 'Acme Corp', '--id', 'acme');
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('Created tenant acme (Acme Corp).') });
    const listed = await cli(app, 'tenant', 'list');
    expect(listed.stdout).toMatch(/acme\s+Acme Corp\s+off/);

    const enabled = await cli(app, 'scim', 'enable', 'acme', '--idp', 'okta', '--json');
    expect(enabled.code).toBe(0);
    const setup = JSON.parse(enabled.stdout);
    expect(setup.scimBaseUrl).toBe(`${app.baseUrl}/scim/v2/acme`);
    expect(setup.apiKey).toMatch(/^scim_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

    expect((await createUser('acme', setup.apiKey, 'alice@acme.test')).status).toBe(201);
    expect(
      (await scim('acme', '/Users?filter=userName%20eq%20%22alice@acme.test%22', `Bearer ${setup.apiKey}`)).body
        .totalResults,
    ).toBe(1);

    // Rotation with grace: both keys work until the grace ends.
    const graced = await cli(app, 'scim', 'rotate', 'acme', '--grace', '300');
    expect(graced.code).toBe(0);
    expect(graced.stdout).toContain(`Old key ${setup.keyId} stops at`);
    const second = /API key:\s+(\S+)/.exec(graced.stdout)![1]!;
    expect((await scim('acme', '/Users', `Bearer ${setup.apiKey}`)).status).toBe(200);
    expect((await scim('acme', '/Users', `Bearer ${second}`)).status).toBe(200);

    const keys = await cli(app, 'scim', 'keys', 'acme');
    expect(keys.stdout).toMatch(new RegExp(`${setup.keyId}\\s+expiring`));
    expect(keys.stdout).not.toContain('scim_');

    // Rotation without grace: every older key stops at once.
    const third = /API key:\s+(\S+)/.exec((await cli(app, 'scim', 'rotate', 'acme')).stdout)![1]!;
    for (const old of [setup.apiKey, second]) {
      const refused = await scim('acme', '/Users', `Bearer ${old}`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="SCIM"');
      expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    }
    expect((await scim('acme', '/Users', `Bearer ${third}`)).status).toBe(200);

    // HTTP Basic only while enabled.
    const basic = `Basic ${Buffer.from(`acme:${third}`).toString('base64')}`;
    expect((await scim('acme', '/Users', basic)).status).toBe(401);
    const on = await cli(app, 'scim', 'basic-auth', 'acme', 'on');
    expect(on.stdout).toContain('Warning: HTTP Basic is for test instances only');
    expect((await scim('acme', '/Users', basic)).status).toBe(200);
    await cli(app, 'scim', 'basic-auth', 'acme', 'off');
    expect((await scim('acme', '/Users', basic)).status).toBe(401);

    // Delete the setup: keys stop; users stay for when SCIM comes back.
    expect((await cli(app, 'scim', 'disable', 'acme')).code).toBe(0);
    expect((await scim('acme', '/Users', `Bearer ${third}`)).status).toBe(401);
    const back = JSON.parse((await cli(app, 'scim', 'enable', 'acme', '--idp', 'entra', '--json')).stdout);
    expect((await scim('acme', '/Users', `Bearer ${back.apiKey}`)).body.totalResults).toBe(1);
  });

  it('never lets one tenant key reach another tenant, and says nothing about which tenants exist', async () => {
    await admin('POST', '', { name: 'Beta', id: 'beta' });
    const betaKey = (await admin('PUT', '/beta/scim', { idpProfile: 'generic' })).body.apiKey;
    const wrongTenant = await scim('acme', '/Users', `Bearer ${betaKey}`);
    const noTenant = await scim('does-not-exist', '/Users', `Bearer ${betaKey}`);
    const garbage = await scim('acme', '/Users', 'Bearer garbage');
    expect([wrongTenant.status, noTenant.status, garbage.status]).toEqual([401, 401, 401]);
    expect(noTenant.body).toEqual(wrongTenant.body);
    expect(garbage.body).toEqual(wrongTenant.body);
  });

  it(
    'explains a failed create in the provisioning log (CLI and API): duplicate userName is ' + '409 uniqueness',
    async () => {
      await admin('POST', '', { name: 'Gamma', id: 'gamma' });
      const key = (await admin('PUT', '/gamma/scim', { idpProfile: 'okta' })).body.apiKey;
      expect((await createUser('gamma', key, 'bob@gamma.test')).status).toBe(201);
      const duplicate = await createUser('gamma', key, 'BOB@gamma.test');
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.scimType).toBe('uniqueness');

      const log = await eventually(
        () => admin('GET', '/gamma/provisioning-log?status=409&userName=bob@gamma.test'),
        (r) => r.body.count > 0,
      );
      expect(log.body.entries).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/Users',
          status: 409,
          scimType: 'uniqueness',
          userName: 'BOB@gamma.test',
          idpProfile: 'okta',
          detail: expect.any(String),
        }),
      ]);
      const all = await admin('GET', '/gamma/provisioning-log?userName=bob@gamma.test');
      expect(all.body.entries.map((e: any) => e.status)).toEqual([409, 201]);
      expect(all.body.entries[1].resourceId).toEqual(expect.any(String));
      expect(JSON.stringify(all.body)).not.toMatch(/Secr3t|scim_[0-9a-f]{16}_/);

      const viaCli = await cli(app, 'log', 'gamma', '--status', '409', '--user', 'bob@gamma.test');
      expect(viaCli.code).toBe(0);
      expect(viaCli.stdout).toMatch(/POST\s+\/Users\s+409\s+uniqueness\s+BOB@gamma\.test/);
    },
  );

  it('answers 429 with Retry-After once a tenant exhausts its bucket, without touching other tenants', async () => {
    await admin('POST', '', { name: 'Busy', id: 'busy' });
    const key = (await admin('PUT', '/busy/scim', { idpProfile: 'generic' })).body.apiKey;
    const responses = [];
    for (let i = 0; i < 70; i++) responses.push(await scim('busy', '/ServiceProviderConfig', `Bearer ${key}`));
    const limited = responses.find((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(60);
    expect(limited).toBeDefined();
    expect(limited!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited!.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    const beta = (await admin('POST', '/beta/scim/keys/rotate', {})).body.apiKey;
    expect((await scim('beta', '/ServiceProviderConfig', `Bearer ${beta}`)).status).toBe(200);
  });

  it('fails clearly with a non-zero exit code', async () => {
    const unknown = await cli(app, 'scim', 'enable', 'ghost', '--idp', 'okta');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Error 404: tenant ghost not found/);
    const badProfile = await cli(app, 'scim', 'enable', 'acme', '--idp', 'myspace');
    expect(badProfile.code).toBe(1);
    expect(badProfile.stderr).toMatch(/Error 400: .*idpProfile must be one of/);
    const usage = await cli(app, 'scim', 'frobnicate');
    expect(usage.code).toBe(2);
  });
});
