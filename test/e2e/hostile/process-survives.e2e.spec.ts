import { randomBytes } from 'node:crypto';
import { useBeforeAll } from '../../support/hooks';
import { provisionTenant, user } from '../../support/scim';
import { useServiceProcess } from './service-process';
import { expectResource, expectScimError, filterQuery } from '../scim/expect-scim';

/**
 * Issue 20 §2: one GET killed the process (a COUNT query started before sortBy was checked, never
 * awaited, rejected on the NUL). The real service runs here as a child process, so an exit or an
 * unhandled rejection is seen from outside.
 */
describe('the service process survives the requests that killed it', () => {
  const operatorToken = `op_${randomBytes(24).toString('base64url')}`;
  const service = useServiceProcess(operatorToken);
  const scim = useBeforeAll(() => provisionTenant({ baseUrl: service.baseUrl, operatorToken }, 'generic', 'survivor'));

  it('answers 400 to each probe, does not exit, and counts no unhandled fault', async () => {
    const probes = [
      `/Groups?${filterQuery('displayName co "a\\u0000b"')}&sortBy=nope`,
      `/Groups?${filterQuery('meta.created lt "-271821-04-20T00:00:00Z"')}&sortBy=nope`,

      `/Users?${filterQuery('userName sw "a"')}&sortBy=nope&cursor=`,
      '/Users/a%00b',
    ];
    for (const probe of probes) {
      const response = await scim.call('GET', probe);
      expect([400, 404]).toContain(response.status);
      expectScimError(response, response.status);
    }
    // An abandoned query would reject a moment later: give it the time, then look.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(service.exits).toEqual([]);
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toContain('# TYPE scim_process_faults_total counter');
    expect(metrics).not.toMatch(/^scim_process_faults_total\{/m);
    expectResource(await scim.call('POST', '/Users', user('survivor@example.com')), 201, scim, 'User');
  });
});
