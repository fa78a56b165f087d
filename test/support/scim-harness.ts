import { useBeforeAll } from './hooks';
import { startTestApp, type TestApp } from './app';
import { provisionTenant, type ScimTenant } from './scim';

export interface ScimServiceOptions {
  /** The IdP profile of the tenant `scim` (and of `tenant()` unless it says otherwise). */
  profile?: string;
  /** Environment of the service beyond the defaults of startTestApp (SCIM_MAX_RESULTS, KAFKA_*, …). */
  env?: Record<string, string>;
}

export interface ScimService {
  /** The running all-in-one service. */
  app: TestApp;
  /** A tenant with SCIM enabled under the profile, shared by the tests of the block. */
  scim: ScimTenant;
  /** A fresh tenant of its own, for a test that must not meet what other tests wrote. */
  tenant(profile?: string, tenantId?: string): Promise<ScimTenant>;
}

/**
 * The all-in-one service of a describe block (startTestApp on a fresh database): started in
 * beforeAll, stopped and its database dropped in afterAll (hooks.ts).
 */
export function useTestApp(env: Record<string, string> = {}): TestApp {
  return useBeforeAll(
    () => startTestApp(env),
    (app) => app.close(),
  );
}

/**
 * The service of an e2e block with one tenant: useTestApp, then a beforeAll that provisions the
 * tenant. `app` and `scim` stand for what the hooks made, so they can be named at the top:
 *
 *   const { app, scim, tenant } = useScimService({ profile: 'okta' });
 *   it('…', async () => { await scim.call('GET', '/Users'); const own = await tenant(); … });
 */
export function useScimService(options: ScimServiceOptions = {}): ScimService {
  const profile = options.profile ?? 'generic';
  const app = useTestApp(options.env);
  const scim = useBeforeAll(() => provisionTenant(app, profile));
  return { app, scim, tenant: (tenantProfile = profile, tenantId) => provisionTenant(app, tenantProfile, tenantId) };
}
