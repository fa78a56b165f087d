import { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@lib/platform';
import { ProvisioningLogRecorder, type ProvisioningLogEntry } from '@lib/tenancy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startRestartablePostgres, type RestartablePostgres } from '../../support/restartable-postgres';
import { startTenancy } from './tenancy-harness';

const entry = (
  tenantId: string,
  second: number,
  overrides: Partial<ProvisioningLogEntry> = {},
): ProvisioningLogEntry => ({
  tenantId,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  method: 'POST',
  path: '/Users',
  resourceType: 'Users',
  resourceId: null,
  userName: `user${second}@example.com`,
  status: 201,
  scimType: null,
  detail: null,
  latencyMs: 3,
  idpProfile: 'generic',
  keyId: 'k',
  requestId: `req-${tenantId}-${second}`,
  ...overrides,
});

async function countRows(url: string): Promise<Record<string, number>> {
  const pool = new Pool({ connectionString: url });
  pool.on('error', () => undefined); // a test server stopping under an idle connection
  try {
    const { rows } = await pool.query<{ tenant_id: string; n: number }>(
      'SELECT tenant_id, count(*)::int AS n FROM provisioning_log GROUP BY tenant_id ORDER BY tenant_id',
    );
    return Object.fromEntries(rows.map((r) => [r.tenant_id, r.n]));
  } finally {
    await pool.end();
  }
}

/**
 * Issue 20 §2: one row the database refuses made the provisioning log retry its batch forever
 * (twice a second) and lose every later entry of every tenant. A refused row is dropped alone,
 * with one error line and a metric; an unavailable database still means "keep and retry".
 */
describe('the provisioning log with a row the database refuses', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('drops only the refused rows, writes every other row of every tenant, and counts the drops', async () => {
    const instance = await startTenancy(db.url);
    try {
      const recorder = instance.get(ProvisioningLogRecorder);
      for (let i = 0; i < 450; i++) {
        const tenant = `p${i % 3}`;
        // Two rows PostgreSQL can never take: a timestamp that is not one (22007), a status beyond smallint (22003).
        const poison = i === 10 ? { at: 'not a time' } : i === 300 ? { status: 70_000 } : {};
        recorder.record(entry(tenant, i, poison));
      }
      await recorder.flush();
      expect(recorder.pending).toBe(0);
      expect(recorder.dropped).toBe(2);
      expect(await countRows(db.url)).toEqual({ p0: 149, p1: 149, p2: 150 });
      // Later entries are not held back by the dropped ones.
      recorder.record(entry('p1', 999));
      await recorder.flush();
      expect((await countRows(db.url)).p1).toBe(150);
      const metrics = await instance.get<Registry>(METRICS_REGISTRY as never).metrics();
      expect(metrics).toContain('scim_provisioning_log_dropped_rows_total{reason="unwritable"} 2');
    } finally {
      await instance.close();
    }
  });
});

describe('the provisioning log while its database is down', () => {
  let postgres: RestartablePostgres;
  beforeAll(async () => {
    postgres = await startRestartablePostgres();
  });
  afterAll(() => postgres?.destroy());

  it('keeps the rows and writes them once the database is back, dropping none', async () => {
    const instance = await startTenancy(postgres.url);
    instance.pool.on('error', () => undefined);
    try {
      const recorder = instance.get(ProvisioningLogRecorder);
      await postgres.stop();
      for (let i = 0; i < 250; i++) recorder.record(entry('down', i));
      await recorder.flush();
      expect(recorder.pending).toBe(250);
      expect(recorder.dropped).toBe(0);
      await postgres.start();
      const deadline = Date.now() + 30_000;
      while (recorder.pending > 0 && Date.now() < deadline) await recorder.flush();
      expect(recorder.dropped).toBe(0);
      expect(await countRows(postgres.url)).toEqual({ down: 250 });
    } finally {
      await instance.close();
    }
  });
});
