/**
 * `npm run bench:profile-create -- [--duration 15] [--concurrency 1,64]`: where a SCIM create's
 * cost goes. Starts the bench stack (durable PostgreSQL, the local broker, the all-in-one service
 * under `--cpu-prof`), runs `POST /Users` (read-your-writes on) at each concurrency and reports,
 * per create: Node CPU of the service, PostgreSQL CPU, transactions committed; then the service's
 * CPU profile over the whole run, self time by area (pg driver, kafkajs, Nest/Express, our libs...).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { LoadProcess } from './load/load-process';
import type { Stats } from './load/protocol';
import { pidCpuSeconds, postgresCpuSeconds } from './report/cpu';
import { runEntryPoint, type Log } from './stack/entry-point';
import { startBenchKafka } from './stack/kafka';
import { startBenchPostgres } from './stack/postgres';
import { createTenant, startBenchService } from './stack/service';
import { summarizeProfile } from './report/profile-areas';
import { resetStatementStatistics, STATEMENT_STATISTICS_SETTINGS, topStatements } from './report/statements';

const REPO_ROOT = resolve(__dirname, '..', '..');

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

async function commits(pool: Pool): Promise<number> {
  const row = (
    await pool.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')
  ).rows[0];
  return Number(row.n);
}

async function main(argv: string[], log: Log): Promise<number> {
  const durationMs = Number(option(argv, 'duration', '15')) * 1000;
  const concurrencies = option(argv, 'concurrency', '1,64').split(',').map(Number);
  const profileDir = mkdtempSync(join(tmpdir(), 'scim-create-profile-'));

  const postgres = await startBenchPostgres(log, STATEMENT_STATISTICS_SETTINGS);
  const kafka = startBenchKafka(REPO_ROOT, log);
  const service = await startBenchService(
    REPO_ROOT,
    { databaseUrl: postgres.databaseUrl, brokers: kafka.brokers },
    log,
    { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] },
  );
  const pool = new Pool({ connectionString: postgres.databaseUrl, max: 2 });
  const load = LoadProcess.start();
  const tenant = await createTenant(service, 'profile');
  const lines: string[] = [];
  for (const concurrency of concurrencies) {
    const nodeBefore = pidCpuSeconds(service.pid);
    const pgBefore = postgresCpuSeconds(postgres.dataDir);
    const commitsBefore = await commits(pool);
    await resetStatementStatistics(pool);
    const stats = await load.run<Stats>(
      {
        kind: 'http',
        target: { kind: 'create-user', base: tenant.scimBase, apiKey: tenant.apiKey, prefix: `p${concurrency}` },
        pacing: { concurrency, durationMs, maxRequests: 1_000_000, warmup: 0 },
      },
      durationMs + 120_000,
    );
    const created = stats.count;
    const node = pidCpuSeconds(service.pid) - nodeBefore;
    const pg = postgresCpuSeconds(postgres.dataDir) - pgBefore;
    const xacts = (await commits(pool)) - commitsBefore;
    const statements = await topStatements(pool, created, 'create');
    lines.push(
      `c=${concurrency}: ${created} creates, ${stats.throughput.toFixed(1)}/s, p50 ${stats.p50.toFixed(1)} ms; per ` +
        `create: service CPU ${((node / created) * 1000).toFixed(2)} ms, PostgreSQL CPU ` +
        `${((pg / created) * 1000).toFixed(2)} ms, ${(xacts / created).toFixed(1)} transactions`,
    );
    lines.push(...statements);
  }
  await pool.end();
  await service.stop(); // a graceful exit: what writes the --cpu-prof profile
  const profile = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  if (profile)
    process.stdout.write(
      `${summarizeProfile(JSON.parse(readFileSync(join(profileDir, profile), 'utf8')))}\nprofile: ` +
        `${join(profileDir, profile)}\n`,
    );
  else process.stdout.write('no CPU profile was written (the service did not exit cleanly)\n');
  return 0;
}

if (require.main === module) runEntryPoint('profile', main);
