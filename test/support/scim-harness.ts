import { beforeAllClosing } from './hooks';
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
  readonly app: TestApp;
  /** A tenant with SCIM enabled under the profile, shared by the tests of the block. */
  readonly scim: ScimTenant;
  /** A fresh tenant of its own, for a test that must not meet what other tests wrote. */
  tenant(profile?: string, tenantId?: string): Promise<ScimTenant>;
}

/**
 * The service of an e2e block: registers its own beforeAll (start the service on a fresh
 * database, provision one tenant) and afterAll (stop it, drop the database).
 *
 *   const service = useScimService({ profile: 'okta' });
 *   it('…', async () => { const scim = await service.tenant(); … });
 */
export function useScimService(options: ScimServiceOptions = {}): ScimService {
  const profile = options.profile ?? 'generic';
  const started = beforeAllClosing(
    async () => {
      const app = await startTestApp(options.env);
      try {
        return { app, scim: await provisionTenant(app, profile) };
      } catch (error) {
        await app.close();
        throw error;
      }
    },
    ({ app }) => app.close(),
  );
  return {
    get app() {
      return started().app;
    },
    get scim() {
      return started().scim;
    },
    tenant: (tenantProfile = profile, tenantId?: string) => provisionTenant(started().app, tenantProfile, tenantId),
  };
}
