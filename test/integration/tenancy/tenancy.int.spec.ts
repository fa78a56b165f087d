import { tenantStream } from '@lib/domain';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { requestContext } from '@lib/platform';
import { ApiKeyHasher, ScimAuthenticator, TenantAdminService, type ScimPrincipal } from '@lib/tenancy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { ManualClock, startTenancy, type TenancyInstance } from './tenancy-harness';

const bearer = (key: string) => `Bearer ${key}`;
const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

describe('tenancy: tenant SCIM settings, keys and authentication (PostgreSQL)', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let a: TenancyInstance;
  let b: TenancyInstance;
  let service: TenantAdminService;
  let auth: ScimAuthenticator;
  let authB: ScimAuthenticator;

  beforeAll(async () => {
    db = await createTestDatabase();
    clock = new ManualClock();
    // Two "processes": separate pools, separate event store adapters, one database.
    a = await startTenancy(db.url, { clock });
    b = await startTenancy(db.url, { clock });
    service = a.get(TenantAdminService);
    auth = a.get(ScimAuthenticator);
    authB = b.get(ScimAuthenticator);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  const principal = async (
    authenticator: ScimAuthenticator,
    tenantId: string,
    header: string | undefined,
  ): Promise<ScimPrincipal | undefined> => {
    const outcome = await authenticator.authenticate(tenantId, header);
    return outcome.ok ? outcome.principal : undefined;
  };

  /**
   * The other process hears a change when it commits (LISTEN/NOTIFY): within 1 s is the promise.
   * Polls B until it accepts (or refuses) the credential, and fails if that takes longer.
   */
  const inOtherProcess = async (
    tenantId: string,
    header: string,
    accepted: boolean,
  ): Promise<ScimPrincipal | undefined> => {
    const deadline = Date.now() + 1000;
    for (;;) {
      const found = await principal(authB, tenantId, header);
      if ((found !== undefined) === accepted) return found;
      if (Date.now() > deadline)
        throw new Error(`process B still ${accepted ? 'refuses' : 'accepts'} the credential 1 s after the change`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('bootstraps the first tenant once, then never again', async () => {
    const first = await service.bootstrapFirstTenant();
    expect(first).toEqual({
      tenantId: 'default',
      scimBaseUrl: 'https://scim.example.test/scim/v2/default',
      apiKey: expect.stringMatching(/^scim_/),
    });
    expect(await principal(auth, 'default', bearer(first!.apiKey))).toMatchObject({
      tenantId: 'default',
      idpProfile: 'generic',
    });
    expect(await service.bootstrapFirstTenant()).toBeUndefined();
    expect(await b.get(TenantAdminService).bootstrapFirstTenant()).toBeUndefined();
  });

  it(
    'runs the whole flow: create, enable, authenticate, list keys, with the operator and request id on every ' +
      'event',
    async () => {
      const tenant = await requestContext.run({ requestId: 'req-create-acme' }, () =>
        service.createTenant('Acme', 'acme'),
      );
      expect(tenant).toMatchObject({
        tenantId: 'acme',
        name: 'Acme',
        scimEnabled: false,
        scimBaseUrl: 'https://scim.example.test/scim/v2/acme',
      });
      const setup = await requestContext.run({ requestId: 'req-enable-acme' }, () =>
        service.enableScim('acme', 'okta'),
      );
      expect(setup).toEqual({
        tenantId: 'acme',
        idpProfile: 'okta',
        scimBaseUrl: 'https://scim.example.test/scim/v2/acme',
        apiKey: expect.stringMatching(/^scim_[0-9a-f]{16}_/),
        keyId: expect.any(String),
      });

      expect(await principal(auth, 'acme', bearer(setup.apiKey!))).toEqual({
        tenantId: 'acme',
        keyId: setup.keyId,
        idpProfile: 'okta',
      });
      // A new key works in the other process as soon as it hears of the change.
      expect(await inOtherProcess('acme', bearer(setup.apiKey!), true)).toBeDefined();

      const events = await a.get<EventStore>(EVENT_STORE as never).readStream(tenantStream('acme'));
      expect(events.map((e) => e.type)).toEqual(['TenantCreated', 'ScimEnabled', 'ScimApiKeyIssued']);
      for (const event of events) expect(event.metadata.actor).toEqual({ kind: 'operator' });
      expect(events.map((e) => e.metadata.requestId)).toEqual([
        'req-create-acme',
        'req-enable-acme',
        'req-enable-acme',
      ]);
      expect(JSON.stringify(events)).not.toContain(setup.apiKey!.slice(22));

      const tenants = await service.listTenants();
      expect(tenants.map((t) => t.tenantId)).toEqual(expect.arrayContaining(['default', 'acme']));
      expect(tenants.find((t) => t.tenantId === 'acme')).toMatchObject({
        scimEnabled: true,
        idpProfile: 'okta',
        basicAuthEnabled: false,
      });

      await new Promise((resolve) => setTimeout(resolve, 200)); // last-used is written off the request path
      const keys = await service.listKeys('acme');
      expect(keys).toEqual([
        {
          keyId: setup.keyId,
          createdAt: clock.now().toISOString(),
          lastUsedAt: clock.now().toISOString(),
          status: 'active',
          revokedAt: null,
        },
      ]);
      expect(JSON.stringify(keys)).not.toMatch(/sha256|scim_/);
    },
  );

  it('changing the IdP profile keeps the key and issues none', async () => {
    const before = await service.listKeys('acme');
    const setup = await service.enableScim('acme', 'entra');
    expect(setup.apiKey).toBeUndefined();
    expect(await service.listKeys('acme')).toHaveLength(before.length);
    await service.enableScim('acme', 'okta');
  });

  it('refuses a key on another tenant URL exactly like an unknown key (no existence leak)', async () => {
    const other = await service.createTenant('Other', 'other');
    const otherKey = (await service.enableScim(other.tenantId, 'generic')).apiKey!;
    const wrongTenant = await auth.authenticate('acme', bearer(otherKey));
    const unknownKey = await auth.authenticate('acme', bearer('scim_0123456789abcdef_' + 'A'.repeat(43)));
    expect(wrongTenant).toEqual(unknownKey);
    expect(wrongTenant.ok).toBe(false);
    expect(await auth.authenticate('no-such-tenant', bearer(otherKey))).toMatchObject({ ok: false, missing: false });
    expect(await auth.authenticate('acme', undefined)).toMatchObject({ ok: false, missing: true });
    expect(await auth.authenticate('../etc', bearer(otherKey))).toMatchObject({ ok: false });
  });

  it('rotates without grace: the old key stops at once in this process and within 1 s in every other', async () => {
    const old = await service.rotateKey('acme');
    expect(await inOtherProcess('acme', bearer(old.apiKey), true)).toBeDefined();
    const rotated = await service.rotateKey('acme');
    expect(rotated.revoked.map((r) => r.keyId)).toContain(old.keyId);
    expect(await principal(auth, 'acme', bearer(old.apiKey))).toBeUndefined();
    expect(await inOtherProcess('acme', bearer(old.apiKey), false)).toBeUndefined();
    expect(await inOtherProcess('acme', bearer(rotated.apiKey), true)).toMatchObject({ keyId: rotated.keyId });
    const statuses = Object.fromEntries((await service.listKeys('acme')).map((k) => [k.keyId, k.status]));
    expect(statuses[old.keyId]).toBe('revoked');
    expect(statuses[rotated.keyId]).toBe('active');
  });

  it('rotates with a grace period: the old key works until it ends, then stops', async () => {
    const old = await service.rotateKey('acme');
    const rotated = await service.rotateKey('acme', { graceSeconds: 300 });
    expect(rotated.revoked).toEqual([
      { keyId: old.keyId, effectiveAt: new Date(clock.now().getTime() + 300_000).toISOString() },
    ]);
    expect(await inOtherProcess('acme', bearer(rotated.apiKey), true)).toBeDefined();
    expect(await principal(authB, 'acme', bearer(old.apiKey))).toBeDefined();
    expect((await service.listKeys('acme')).find((k) => k.keyId === old.keyId)?.status).toBe('expiring');
    clock.advance(299_000);
    expect(await principal(auth, 'acme', bearer(old.apiKey))).toBeDefined();
    clock.advance(1_000);
    expect(await principal(auth, 'acme', bearer(old.apiKey))).toBeUndefined();
    expect(await principal(authB, 'acme', bearer(old.apiKey))).toBeUndefined();
    expect(await principal(auth, 'acme', bearer(rotated.apiKey))).toBeDefined();
  });

  it('bounds the grace period to 24 hours', async () => {
    await expect(service.rotateKey('acme', { graceSeconds: 24 * 3600 + 1 })).rejects.toMatchObject({
      code: 'invalid_value',
    });
    await expect(service.rotateKey('acme', { graceSeconds: -1 })).rejects.toMatchObject({ code: 'invalid_value' });
  });

  it('revokes a single key: at once in this process, within 1 s in the other', async () => {
    const key = await service.rotateKey('acme');
    expect(await inOtherProcess('acme', bearer(key.apiKey), true)).toBeDefined();
    await service.revokeKey('acme', key.keyId);
    expect(await principal(auth, 'acme', bearer(key.apiKey))).toBeUndefined();
    expect(await inOtherProcess('acme', bearer(key.apiKey), false)).toBeUndefined();
  });

  it('accepts HTTP Basic only while the tenant enables it, with the tenant id as user name', async () => {
    const key = await service.rotateKey('acme');
    expect(await principal(auth, 'acme', basic('acme', key.apiKey))).toBeUndefined();
    await expect(service.setBasicAuth('acme', true)).resolves.toEqual({ tenantId: 'acme', basicAuthEnabled: true });
    expect(await inOtherProcess('acme', basic('acme', key.apiKey), true)).toMatchObject({
      tenantId: 'acme',
      keyId: key.keyId,
    });
    expect(await principal(authB, 'acme', basic('other', key.apiKey))).toBeUndefined();
    expect(await principal(authB, 'acme', basic('acme', 'wrong'))).toBeUndefined();
    await service.setBasicAuth('acme', false);
    expect(await inOtherProcess('acme', basic('acme', key.apiKey), false)).toBeUndefined();
    expect(await principal(authB, 'acme', bearer(key.apiKey))).toBeDefined();
  });

  it(
    'disables SCIM: every key stops, the tenant and its history stay, ' + 'and enabling again issues a new key',
    async () => {
      const key = await service.rotateKey('acme');
      await service.disableScim('acme');
      expect(await principal(auth, 'acme', bearer(key.apiKey))).toBeUndefined();
      expect(await inOtherProcess('acme', bearer(key.apiKey), false)).toBeUndefined();
      expect((await service.listKeys('acme')).every((k) => k.status === 'revoked')).toBe(true);
      expect(await service.getTenant('acme')).toMatchObject({ scimEnabled: false });
      await expect(service.rotateKey('acme')).rejects.toMatchObject({ code: 'conflict' });

      const again = await service.enableScim('acme', 'jumpcloud');
      expect(again.apiKey).toBeDefined();
      expect(await inOtherProcess('acme', bearer(again.apiKey!), true)).toMatchObject({ idpProfile: 'jumpcloud' });
      expect(await principal(authB, 'acme', bearer(key.apiKey))).toBeUndefined();
    },
  );

  it('reports unknown tenants and bad input as domain errors the gateway maps (404, 409, 400)', async () => {
    await expect(service.enableScim('ghost', 'okta')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.listKeys('ghost')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.createTenant('Acme again', 'acme')).rejects.toMatchObject({ code: 'conflict' });
    await expect(service.createTenant('Bad', 'has space')).rejects.toMatchObject({ code: 'invalid_value' });
    await expect(service.enableScim('acme', 'nope' as never)).rejects.toMatchObject({ code: 'invalid_value' });
  });

  const rejectionCases = (key: string, other: string): Array<[string, string]> => [
    ['acme', bearer(key)], // valid
    ['acme', bearer(other)], // another tenant's key
    ['acme', bearer('scim_0123456789abcdef_' + 'B'.repeat(43))], // unknown key id
    ['acme', bearer('not-a-key')], // malformed
    ['acme', bearer(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))], // right id, wrong secret
    ['ghost', bearer(key)], // unknown tenant
    ['acme', 'Digest whatever'], // unknown scheme
    ['acme', basic('acme', key)], // basic while off
  ];

  /** Counts what authentication costs in `instance`: hashes, constant-time compares, tenant stream reads. */
  const spyOnAuthentication = (instance: TenancyInstance) => {
    const hasher = instance.get(ApiKeyHasher);
    return {
      digest: jest.spyOn(hasher, 'digest'),
      compare: jest.spyOn(hasher, 'compare'),
      reads: jest.spyOn(instance.get<EventStore>(EVENT_STORE as never), 'readStream'),
    };
  };

  it('without the cache: one stream read, one hash and one constant-time compare on every path', async () => {
    const key = await service.rotateKey('acme');
    const other = await service.rotateKey('other');
    const uncached = await startTenancy(db.url, { clock, env: { AUTH_CACHE_TTL_MS: '0' } });
    const authenticator = uncached.get(ScimAuthenticator);
    const { digest, compare, reads } = spyOnAuthentication(uncached);
    const cases = rejectionCases(key.apiKey, other.apiKey);
    try {
      for (const [tenantId, header] of cases) await authenticator.authenticate(tenantId, header);
      expect(digest).toHaveBeenCalledTimes(cases.length);
      expect(compare).toHaveBeenCalledTimes(cases.length);
      expect(reads).toHaveBeenCalledTimes(cases.length);
    } finally {
      await uncached.close();
    }
  });

  it(
    'with the cache: no read at all once a tenant was seen, whether it exists or not, and still one hash and ' +
      'one compare',
    async () => {
      const key = await service.rotateKey('acme');
      const other = await service.rotateKey('other');
      const { digest, compare, reads } = spyOnAuthentication(a);
      const cases = rejectionCases(key.apiKey, other.apiKey);
      try {
        // The rotations' own notifications may still arrive and drop a tenant once: pass until a round reads nothing.
        const deadline = Date.now() + 5000;
        let rounds = 0;
        for (;;) {
          reads.mockClear();
          digest.mockClear();
          compare.mockClear();
          for (const [tenantId, header] of cases) await auth.authenticate(tenantId, header);
          rounds++;
          expect(digest).toHaveBeenCalledTimes(cases.length);
          expect(compare).toHaveBeenCalledTimes(cases.length);
          if (reads.mock.calls.length === 0) break;
          if (Date.now() > deadline) throw new Error(`still reading tenant streams after ${rounds} rounds`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(await principal(auth, 'acme', bearer(key.apiKey))).toMatchObject({ keyId: key.keyId });
      } finally {
        digest.mockRestore();
        compare.mockRestore();
        reads.mockRestore();
      }
    },
  );
});
