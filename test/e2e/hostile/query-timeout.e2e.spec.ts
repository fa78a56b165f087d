import { useScimService } from '../../support/scim-harness';
import { Client } from 'pg';
import { AuditTables } from '@lib/audit';
import { LIVE_TABLES } from '@lib/read-model';
import { user } from '../../support/scim';
import { expectList, expectResource, expectScimError } from '../scim/expect-scim';

/**
 * Issue 20 §5: read-model and audit queries run with statement_timeout (QUERY_TIMEOUT_MS), and a
 * query the server cancels for it is a 503 with Retry-After, not a 500. The slow query is made
 * here by holding a lock on the table it reads.
 */
describe('statement_timeout on the queries that answer clients', () => {
  const { app, scim } = useScimService({ env: { QUERY_TIMEOUT_MS: '1000' } });
  let auditor: string;
  beforeAll(async () => {
    expectResource(await scim.call('POST', '/Users', user('timeout@example.com')), 201, scim, 'User');
    const issued = await fetch(`${app.baseUrl}/admin/tenants/${scim.tenantId}/auditors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.operatorToken}` },
    });
    auditor = ((await issued.json()) as { secret: string }).secret;
  });

  const withLock = async (table: string, run: () => Promise<void>) => {
    const locker = new Client({ connectionString: app.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      await run();
      await locker.query('ROLLBACK');
    } finally {
      await locker.end();
    }
  };

  it('a SCIM list that outlives the timeout is a 503 with Retry-After, and 200 once the table is free', async () => {
    await withLock(LIVE_TABLES.users, async () => {
      const started = Date.now();
      const response = await scim.call('GET', '/Users?count=5');
      expectScimError(response, 503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
    expectList(await scim.call('GET', '/Users?count=5'), scim, 'User', 1);
  });

  it('an audit query that outlives the timeout is a 503 with Retry-After, and 200 once the table is free', async () => {
    const access = () =>
      fetch(`${app.baseUrl}/audit/v1/${scim.tenantId}/access?at=${new Date().toISOString()}`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
    await withLock(AuditTables.userStatus, async () => {
      const response = await access();
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await response.json()).toEqual({
        error: { status: 503, code: 'unavailable', message: expect.any(String) },
      });
    });
    expect((await access()).status).toBe(200);
  });
});
