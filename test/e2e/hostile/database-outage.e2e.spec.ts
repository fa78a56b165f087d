import { randomBytes } from 'node:crypto';
import { startService, validateEnvironment, type RunningService } from '@lib/platform';
import { allInOneDefinition } from '../../../apps/all-in-one/src/all-in-one.definition';
import { testKeyEncryptionKey } from '../../support/key-encryption-key';
import { startRestartablePostgres, type RestartablePostgres } from '../../support/restartable-postgres';
import { scimClient, user, type ScimTenant } from '../../support/scim';
import { expectResource } from '../scim/expect-scim';

interface Answer {
  api: 'scim' | 'admin' | 'audit';
  status: number;
  retryAfter: string | null;
  body: string;
  at: number;
}

/**
 * Issue 20 §2b: during a database outage every gateway answered hundreds of 500s (ECONNREFUSED
 * from the tenant lookup). An unavailable database is a 503 with Retry-After and an error body,
 * on the SCIM API, the admin API and the audit API; once it is back, answers are 2xx again.
 */
describe('a PostgreSQL outage of about 3 s under requests', () => {
  let postgres: RestartablePostgres;
  let service: RunningService;
  let scim: ScimTenant;
  let userId: string;
  let auditorSecret: string;
  const operatorToken = `op_${randomBytes(24).toString('base64url')}`;

  beforeAll(async () => {
    postgres = await startRestartablePostgres();
    const env = validateEnvironment({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      OPERATOR_TOKEN: operatorToken,
      DATABASE_URL: postgres.url,
      READ_YOUR_WRITES_TIMEOUT_MS: '10000',
      KEY_ENCRYPTION_KEY: testKeyEncryptionKey(),
    });
    service = await startService(allInOneDefinition, env);
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${service.baseUrl}/admin/tenants${path}`, {
        method,
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await admin('POST', '', { name: 'outage', id: 'outage' })).status).toBe(201);
    const setup = (await (await admin('PUT', '/outage/scim', { idpProfile: 'generic' })).json()) as {
      scimBaseUrl: string;
      apiKey: string;
    };
    scim = scimClient('outage', setup.scimBaseUrl, setup.apiKey);
    userId = expectResource(await scim.call('POST', '/Users', user('outage@example.com')), 201, scim, 'User').id;
    auditorSecret = ((await (await admin('POST', '/outage/auditors')).json()) as { secret: string }).secret;
  });
  afterAll(async () => {
    await service?.stop();
    await postgres?.destroy();
  });

  it(
    'answers 503 with Retry-After (never a 500) on SCIM, admin and audit while it is down, ' +
      'and 2xx once it is back',
    async () => {
      const requests: Record<Answer['api'], () => Promise<Response>> = {
        scim: () => fetch(`${scim.base}/Users/${userId}`, { headers: { authorization: `Bearer ${scim.apiKey}` } }),
        admin: () =>
          fetch(`${service.baseUrl}/admin/tenants/outage`, { headers: { authorization: `Bearer ${operatorToken}` } }),
        audit: () =>
          fetch(`${service.baseUrl}/audit/v1/outage/access?at=${new Date().toISOString()}`, {
            headers: { authorization: `Bearer ${auditorSecret}` },
          }),
      };
      const answers: Answer[] = [];
      let running = true;
      const load = async (api: Answer['api']) => {
        while (running) {
          const response = await requests[api]().catch(() => undefined);
          if (response)
            answers.push({
              api,
              status: response.status,
              retryAfter: response.headers.get('retry-after'),
              body: await response.text(),
              at: Date.now(),
            });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const loads = (['scim', 'admin', 'audit'] as const).flatMap((api) => [load(api), load(api)]);

      await new Promise((resolve) => setTimeout(resolve, 500));
      const downAt = Date.now();
      await postgres.stop();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await postgres.start();
      const upAt = Date.now();
      // Each API answers 2xx again within a generous bound (pools reconnect on their next query).
      const deadline = Date.now() + 60_000;
      const recovered = (api: Answer['api']) =>
        answers.some((a) => a.api === api && a.at > upAt && a.status >= 200 && a.status < 300);
      while (!(['scim', 'admin', 'audit'] as const).every(recovered) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      running = false;
      await Promise.all(loads);

      const statuses = (api: Answer['api']) =>
        [...new Set(answers.filter((a) => a.api === api).map((a) => a.status))].sort();
      for (const api of ['scim', 'admin', 'audit'] as const) {
        expect({ api, statuses: statuses(api) }).toEqual({ api, statuses: [200, 503] });
        expect({ api, recovered: recovered(api) }).toEqual({ api, recovered: true });
        const unavailable = answers.filter((a) => a.api === api && a.status === 503);
        expect(unavailable.every((a) => a.at >= downAt)).toBe(true);
        for (const answer of unavailable) {
          expect(Number(answer.retryAfter)).toBeGreaterThan(0);
          const body = JSON.parse(answer.body);
          if (api === 'audit')
            expect(body).toEqual({ error: { status: 503, code: 'unavailable', message: expect.any(String) } });
          else expect(body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });
        }
      }
      expectResource(await scim.call('POST', '/Users', user('after-outage@example.com')), 201, scim, 'User');
    },
  );
});
