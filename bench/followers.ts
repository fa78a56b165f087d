/**
 * `npm run bench:followers -- [--users 100000] [--only read-model,audit,publisher,all]`: each
 * follower of the log alone, then all three together, catching up on the same bulk-loaded log
 * (N users with their userName reservations, each a member of one large group: 3N+1 events) on
 * a durable embedded PostgreSQL and the local Kafka broker. Prints events/s per follower. Run
 * it with `--profile <dir>` for a CPU profile of each run (open it in Chrome DevTools), and with
 * `--statements` for the PostgreSQL statements that cost most per event (pg_stat_statements).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { groupStream, membershipStream, tenantStream, userNameReservationStream, userStream } from '@lib/domain';
import { PostgresEventStore, requestMetadata, type AppendToStream, type EventToAppend } from '@lib/event-store';
import type { FollowerRuntime } from '@lib/follower';
import { KafkaJsProducer } from '@lib/messaging';
import { runMigrations } from '@lib/platform';
import { AuditProjector } from '@lib/audit';
import { Projector } from '../apps/projector/src/projector';
import { Publisher } from '../apps/publisher/src/publisher';
import { postgresCpuSeconds, processCpuSeconds } from './report/cpu';
import { resetStatementStatistics, STATEMENT_STATISTICS_SETTINGS, topStatements } from './report/statements';
import { runEntryPoint, type Log } from './stack/entry-point';
import { startBenchKafka } from './stack/kafka';
import { startBenchPostgres } from './stack/postgres';

const REPO_ROOT = resolve(__dirname, '..', '..');
type Mode = 'read-model' | 'audit' | 'publisher' | 'all';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function event(tenantId: string, type: string, data: Record<string, unknown>, at: number): EventToAppend {
  const actor = { kind: 'scim-key' as const, keyId: 'bench', idpProfile: 'generic' };
  return {
    eventId: randomUUID(),
    type,
    data: { tenantId, ...data },
    metadata: requestMetadata(tenantId, actor, new Date(at).toISOString()),
  };
}

/** The log the benchmark follows: a group, then per user its reservation and provisioning, then one membership each. */
async function load(url: string, users: number, log: (line: string) => void): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 2 });
  const store = new PostgresEventStore({ pool });
  const tenantId = 'bench';
  const groupId = randomUUID();
  let at = Date.UTC(2025, 0, 1);
  const started = Date.now();
  await store.append(tenantStream(tenantId), 'no_stream', [event(tenantId, 'TenantCreated', { name: 'bench' }, at)]);
  await store.append(groupStream(tenantId, groupId), 'no_stream', [
    event(
      tenantId,
      'GroupCreated',
      { groupId, displayName: 'everyone', externalId: null, resource: { displayName: 'everyone' } },
      at,
    ),
  ]);
  const ids: string[] = [];
  for (let from = 0; from < users; from += 2000) {
    const requests: AppendToStream[] = [];
    for (let i = from; i < Math.min(users, from + 2000); i++) {
      const userId = randomUUID();
      const userName = `u${i}@followers.bench`;
      ids.push(userId);
      at += 10;
      const resource = {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName: 'Ada', familyName: `Bench${i}` },
        emails: [{ value: userName, type: 'work', primary: true }],
        active: true,
      };
      requests.push({
        streamId: userNameReservationStream(tenantId, userName),
        expectedRevision: 'no_stream',
        events: [event(tenantId, 'UserNameReserved', { userId, userName }, at)],
      });
      requests.push({
        streamId: userStream(tenantId, userId),
        expectedRevision: 'no_stream',
        events: [
          event(tenantId, 'UserProvisioned', { userId, userName, externalId: null, active: true, resource }, at),
        ],
      });
    }
    await store.appendMany(requests);
  }
  for (let from = 0; from < ids.length; from += 5000) {
    at += 10;
    await store.appendMany(
      ids.slice(from, from + 5000).map((userId) => ({
        streamId: membershipStream(tenantId, groupId, userId),
        expectedRevision: 'no_stream',
        events: [event(tenantId, 'GroupMembersAdded', { groupId, memberIds: [userId] }, at)],
      })),
    );
  }
  const head = await store.headPosition();
  log(`loaded ${head} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await pool.end();
  return head;
}

async function follow(
  url: string,
  brokers: string,
  mode: Mode,
  head: number,
  dataDir: string,
  log: (line: string) => void,
  profile?: string,
  statements = false,
): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (statements) await resetStatementStatistics(pool);
  const store = new PostgresEventStore({ pool });
  const producer = new KafkaJsProducer({ brokers, clientId: 'bench-followers', logLevel: 'nothing' });
  const run = `followers.${Date.now().toString(36)}`;
  const runtimes: FollowerRuntime[] = [];
  if (mode === 'read-model' || mode === 'all') runtimes.push(new Projector(pool, store, { batchSize: 1000 }).runtime);
  if (mode === 'audit' || mode === 'all') runtimes.push(new AuditProjector(pool, store, { batchSize: 1000 }).runtime);
  if (mode === 'publisher' || mode === 'all') {
    const topics = { userLifecycle: `${run}.lifecycle`, roleChanges: `${run}.roles`, auditLog: `${run}.audit` };
    runtimes.push(new Publisher(pool, store, producer, { topics, partitions: 6, batchSize: 1000 }).runtime);
  }
  const profiler = profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const started = Date.now();
  const cpu = { node: processCpuSeconds(), postgres: postgresCpuSeconds(dataDir) };
  const done = runtimes.map((runtime) =>
    runtime.waitFor(head, 900_000).then(() => {
      const seconds = (Date.now() - started) / 1000;
      log(
        `  ${mode.padEnd(10)} ${runtime.name.padEnd(24)} ${head} events in ${seconds.toFixed(1)} s: ` +
          `${Math.round(head / seconds).toLocaleString('en-US')} events/s`,
      );
    }),
  );
  for (const runtime of runtimes) runtime.start();
  await Promise.all(done);
  if (runtimes.length > 1) log(`  all three at the head after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const seconds = (Date.now() - started) / 1000;
  if (profiler) {
    const { profile: result } = await profiler.post('Profiler.stop');
    writeFileSync(`${profile}/${mode}.cpuprofile`, JSON.stringify(result));
    profiler.disconnect();
  }
  log(
    `  CPU while following: this Node process ${(processCpuSeconds() - cpu.node).toFixed(1)} s, PostgreSQL ` +
      `${(postgresCpuSeconds(dataDir) - cpu.postgres).toFixed(1)} s, in ${seconds.toFixed(1)} s of wall time`,
  );
  await Promise.all(runtimes.map((r) => r.stop()));
  if (statements) for (const line of await topStatements(pool, head, 'event')) log(line);
  await producer.close();
  await store.close();
  await pool.end();
}

async function main(argv: string[], log: Log): Promise<void> {
  const users = Number(option(argv, 'users') ?? 100_000);
  const modes = (option(argv, 'only') ?? 'read-model,audit,publisher,all').split(',') as Mode[];
  const statements = argv.includes('--statements');
  const postgres = await startBenchPostgres(log, statements ? STATEMENT_STATISTICS_SETTINGS : []);
  const kafka = startBenchKafka(REPO_ROOT, log);
  await runMigrations(postgres.databaseUrl);
  const head = await load(postgres.databaseUrl, users, log);
  const admin = new Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    for (const mode of modes) {
      // Every run starts from the same loaded log, in a copy of the database.
      const copy = `followers_${mode.replace(/-/g, '_')}`;
      await admin.query(`CREATE DATABASE ${copy} TEMPLATE scim_bench`);
      await follow(
        postgres.databaseUrl.replace(/\/scim_bench$/, `/${copy}`),
        kafka.brokers,
        mode,
        head,
        postgres.dataDir,
        log,
        option(argv, 'profile'),
        statements,
      );
      await admin.query(`DROP DATABASE ${copy}`);
    }
  } finally {
    await admin.end();
  }
}

if (require.main === module) runEntryPoint('bench:followers', main, { logTo: process.stdout });
