import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { spawnService, type ServiceProcess } from '../../support/service-process';
import { operatorToken, provisionTenant, scim, userBody, type ScimTenant } from '../followers/support';

interface HealthBody {
  status: string;
  info?: Record<string, { status: string }>;
  checks?: Record<string, Record<string, unknown>>;
}

/**
 * The all-in-one service with ALL_IN_ONE_FOLLOWERS=worker-threads, in a child process:
 * a write is answered once the projector thread made it visible, and the threads' health and
 * metrics are served by the main thread under the followers' usual names.
 */
describe('all-in-one e2e: followers in worker threads', () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  let tenant: ScimTenant;
  const token = operatorToken();
  const get = async (path: string, auth?: string) => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      headers: auth ? { authorization: `Bearer ${auth}` } : {},
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const run = `threads.${randomBytes(4).toString('hex')}`;
    service = await spawnService('all-in-one', {
      DATABASE_URL: database.url,
      OPERATOR_TOKEN: token,
      ALL_IN_ONE_FOLLOWERS: 'worker-threads',
      KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS!,
      KAFKA_TOPIC_USER_LIFECYCLE: `${run}.lifecycle`,
      KAFKA_TOPIC_ROLE_CHANGES: `${run}.roles`,
      KAFKA_TOPIC_AUDIT_LOG: `${run}.audit`,
      KAFKA_TOPIC_PARTITIONS: '1',
    });
    tenant = await provisionTenant(service.baseUrl, token, 'threads');
  });
  afterAll(async () => {
    await service?.kill('SIGKILL');
    await database?.drop();
  });

  it('answers a create once the projector thread applied it, and a filter finds it', async () => {
    const created = await scim(tenant, 'POST', '/Users', userBody('thread.user@example.com'));
    expect(created.status).toBe(201);
    const found = await scim(
      tenant,
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "thread.user@example.com"')}`,
    );
    expect(found.body.totalResults).toBe(1);
    expect((found.body.Resources as Array<{ id: string }>)[0].id).toBe(created.body.id);
  });

  it('serves each thread follower readiness and details under its usual name, marked with its thread', async () => {
    const ready = JSON.parse((await get('/health/ready')).text) as HealthBody;
    expect(ready.status).toBe('ok');
    expect(Object.keys(ready.info!).sort()).toEqual(
      ['auditProjection', 'database', 'eventStore', 'kafka', 'projector', 'publisher'].sort(),
    );
    const details = JSON.parse((await get('/health/details', token)).text) as HealthBody;
    const checks = details.checks!;
    expect(checks.projector).toMatchObject({ status: 'up', thread: 'projections', state: 'active' });
    expect(checks.auditProjection).toMatchObject({ status: 'up', thread: 'projections', state: 'active' });
    expect(checks.publisher).toMatchObject({ status: 'up', thread: 'publisher', state: 'active' });
    expect(checks.kafka).toMatchObject({ status: 'up', thread: 'publisher' });
    expect(checks.projector.position).toBeGreaterThan(0);
    const live = JSON.parse((await get('/health/live')).text) as HealthBody;
    expect(Object.keys(live.info!).sort()).toEqual(['auditProjection', 'process', 'projector', 'publisher']);
  });

  it('serves the thread followers metrics in one valid exposition (each metric declared once)', async () => {
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    for (const follower of ['scim_read_model_v2', 'audit-v1', 'scim-integration-events'])
      expect(text).toMatch(new RegExp(`^scim_follower_position\\{follower="${follower}"\\} \\d+$`, 'm'));
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^scim_follower_thread_restarts_total\{thread="projections"\} 0$/m);
    const declared = text.split('\n').filter((line) => line.startsWith('# TYPE '));
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('stops on SIGTERM with exit code 0, its threads stopped first', async () => {
    const other = await spawnService('all-in-one', {
      DATABASE_URL: database.url,
      OPERATOR_TOKEN: token,
      ALL_IN_ONE_FOLLOWERS: 'worker-threads',
    });
    await other.kill('SIGTERM');
    expect(other.exit).toEqual({ code: 0, signal: null });
  });
});
