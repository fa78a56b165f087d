import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { readTopics } from '../../integration/messaging/support';
import { startRestartablePostgres, type RestartablePostgres } from '../../support/restartable-postgres';
import { spawnService, type ServiceProcess } from '../../support/service-process';
import { CreateLoad, followersReach, operatorToken, provisionTenant, type ScimTenant } from './support';

export type Outage = 'stop' | 'kill';

export interface OutageWorld {
  pg: RestartablePostgres;
  pool: Pool;
  service: ServiceProcess;
  tenant: ScimTenant;
  operatorToken: string;
  topics: { userLifecycle: string; roleChanges: string; auditLog: string };
  close(): Promise<void>;
}

/**
 * A PostgreSQL of the test's own (durable settings), the all-in-one service on it in a child process, Kafka of the
 * suite.
 */
export async function startOutageWorld(serviceEnv: Record<string, string> = {}): Promise<OutageWorld> {
  const pg = await startRestartablePostgres();
  const pool = new Pool({ connectionString: pg.url, max: 3 });
  // This pool sees every outage of the test; a dropped idle connection must not end the test process.
  pool.on('error', () => undefined);
  const run = `outage.${randomBytes(4).toString('hex')}`;
  const topics = { userLifecycle: `${run}.lifecycle`, roleChanges: `${run}.roles`, auditLog: `${run}.audit` };
  const token = operatorToken();
  const service = await spawnService('all-in-one', {
    DATABASE_URL: pg.url,
    OPERATOR_TOKEN: token,
    KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS!,
    KAFKA_TOPIC_USER_LIFECYCLE: topics.userLifecycle,
    KAFKA_TOPIC_ROLE_CHANGES: topics.roleChanges,
    KAFKA_TOPIC_AUDIT_LOG: topics.auditLog,
    KAFKA_TOPIC_PARTITIONS: '1',
    READ_YOUR_WRITES_TIMEOUT_MS: '5000',
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
    ...serviceEnv,
  });
  const tenant = await provisionTenant(service.baseUrl, token, 'outage');
  return {
    pg,
    pool,
    service,
    tenant,
    operatorToken: token,
    topics,
    async close() {
      await service.kill('SIGKILL');
      await pool.end().catch(() => undefined);
      await pg.destroy();
    },
  };
}

export interface TrialResult {
  trial: number;
  /** From the database being back (start() returned) to the first acknowledged create sent after that. */
  writesBackMs: number;
  /** Attempts during the trial, by status. */
  statuses: Record<string, number>;
}

/**
 * One outage under a create load: `stop` is a fast shutdown held for 3 s, `kill` a SIGKILL of the
 * postmaster (restarted at once). Then writes must work again within 10 s, and every follower
 * (read model, audit, publisher) must go on past the head of the log as it was after recovery.
 */
export async function outageTrial(
  world: OutageWorld,
  load: CreateLoad,
  outage: Outage,
  trial: number,
): Promise<TrialResult> {
  const began = Date.now();
  // Under load: some acknowledged writes first.
  const before = load.acknowledged.size;
  const deadline = Date.now() + 15_000;
  while (load.acknowledged.size < before + 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (outage === 'stop') {
    await world.pg.stop();
    await new Promise((r) => setTimeout(r, 3000));
  } else {
    await world.pg.kill();
  }
  await world.pg.start();
  const back = Date.now();
  const writesDeadline = back + 10_000;
  while (!load.firstSuccessSentAfter(back) && Date.now() < writesDeadline + 5_000)
    await new Promise((r) => setTimeout(r, 50));
  const first = load.firstSuccessSentAfter(back);
  const writesBackMs = first ? first.answeredAt - back : Number.POSITIVE_INFINITY;
  await followersReach(world.pool, 15_000);
  return { trial, writesBackMs, statuses: load.statuses(began) };
}

/** After the trials: nothing acknowledged is missing from the event log, the read model, the audit model or Kafka. */
export async function missingAcknowledgedWrites(
  world: OutageWorld,
  load: CreateLoad,
): Promise<Record<string, string[]>> {
  const ids = [...load.acknowledged.keys()];
  await followersReach(world.pool, 30_000);
  const present = async (sql: string) =>
    new Set((await world.pool.query<{ id: string }>(sql, [world.tenant.tenantId, ids])).rows.map((r) => r.id));
  const inLog = await present(
    `SELECT data->>'userId' AS id FROM events WHERE type = 'UserProvisioned' AND metadata->>'tenantId' = $1 AND ` +
      `data->>'userId' = ANY($2)`,
  );
  const inReadModel = await present('SELECT id FROM scim_users_v2 WHERE tenant_id = $1 AND id = ANY($2)');
  const inAudit = await present(
    'SELECT DISTINCT user_id AS id FROM audit_user_status_v1 WHERE tenant_id = $1 AND user_id = ANY($2)',
  );
  const all = (m: Array<{ value: string }>) => {
    const seen = provisionedIds(m);
    return ids.every((id) => seen.has(id));
  };
  const messages = await readTopics(process.env.SCIM_TEST_KAFKA_BROKERS!, [world.topics.auditLog], all, 30_000);
  const onKafka = provisionedIds(messages);
  return {
    eventLog: ids.filter((id) => !inLog.has(id)),
    readModel: ids.filter((id) => !inReadModel.has(id)),
    audit: ids.filter((id) => !inAudit.has(id)),
    kafka: ids.filter((id) => !onKafka.has(id)),
  };
}

function provisionedIds(messages: Array<{ value: string }>): Set<string> {
  const ids = new Set<string>();
  for (const m of messages) {
    const body = JSON.parse(m.value) as { data?: { action?: string; resource?: { id?: string } } };
    if (body.data?.action === 'user.provisioned' && body.data.resource?.id) ids.add(body.data.resource.id);
  }
  return ids;
}

/**
 * The fault test of one outage kind, 5 trials under a create load, then the check that no
 * acknowledged write was lost. One spec file per kind, so that jest runs the two in parallel.
 */
export function describeOutageTrials(outage: Outage, title: string, serviceEnv: Record<string, string> = {}): void {
  describe(title, () => {
    let world: OutageWorld;
    let load: CreateLoad;
    const results: TrialResult[] = [];

    beforeAll(async () => {
      world = await startOutageWorld(serviceEnv);
      load = new CreateLoad(world.tenant, 3);
      load.start();
    });
    afterAll(async () => {
      await load?.stop();
      await world?.close();
    });

    it.each([1, 2, 3, 4, 5])(
      "trial %i: writes succeed again within 10 s of the database's return, every follower " +
        'resumes, the process stays up',
      async (trial) => {
        const result = await outageTrial(world, load, outage, trial);
        results.push(result);
        process.stdout.write(
          `[${outage} trial ${trial}] writes back after ${result.writesBackMs} ms; attempts ` +
            `${JSON.stringify(result.statuses)}\n`,
        );
        expect(world.service.exit).toBeNull();
        expect(result.writesBackMs).toBeLessThanOrEqual(10_000);
      },
    );

    it(
      'lost no acknowledged write: each is in the event log, the read model, the audit model ' +
        'and on Kafka; the same process ran throughout',
      async () => {
        await load.stop();
        expect(results).toHaveLength(5);
        expect(load.acknowledged.size).toBeGreaterThan(25);
        expect(await missingAcknowledgedWrites(world, load)).toEqual({
          eventLog: [],
          readModel: [],
          audit: [],
          kafka: [],
        });
        expect(world.service.exit).toBeNull();
        const details = await fetch(`${world.service.baseUrl}/health/details`, {
          headers: { authorization: `Bearer ${world.operatorToken}` },
        });
        const checks = (
          (await details.json()) as { checks: Record<string, { state?: string; parkedTenants?: number }> }
        ).checks;
        const inThreads = serviceEnv.ALL_IN_ONE_FOLLOWERS === 'worker-threads';
        for (const follower of ['projector', 'auditProjection', 'publisher']) {
          expect(checks[follower]).toMatchObject({ status: 'up', state: 'active', parkedTenants: 0 });
          // Checks run in a follower thread say which: the threads were the ones followed here.
          expect('thread' in checks[follower]!).toBe(inThreads);
        }
      },
    );
  });
}
