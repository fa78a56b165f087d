/**
 * `npm run bench:read-path`: the read path alone, on the real stack without Kafka. A fresh durable
 * embedded PostgreSQL; the all-in-one service (built for production, child process) creates the
 * tenant and the template events, N users are bulk-loaded as events and the read model rebuilt;
 * then the gateway alone (dist/apps/scim-gateway: no followers, which would only be catching up
 * on the bulk load) serves, against same-run baselines:
 * `userName eq` filters and GET by id at concurrency 1 and 16 (vs the same SQL), cursor paging
 * through every user (first/middle/last page), the in-memory peer's filter, and with
 * `--profile <dir>` a CPU profile of a gateway process serving the filter at concurrency 16.
 *
 *   npm run bench:read-path -- [--users 100000] [--duration 10] [--profile <dir>] [--no-peer] [--no-paging]
 *                              [--service-root <another checkout, built>]
 *
 * `--service-root` runs the service (and the profiled gateway) of another built checkout against
 * this bench, e.g. the code before a change, for a before/after on the same machine.
 *
 * See docs/performance.md ("The read path").
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCpuProfile, summarizeCpuProfile } from './report/cpu-profile';
import { machineLine } from './report/machine';
import { renderTable, writeJson } from './report/table';
import { bulkLoad } from './scenarios/bulk-load';
import { jobTimeout, pacing, type Context, type Options } from './scenarios/context';
import { cursorPagingScenario } from './scenarios/cursor-paging';
import { filterScenario } from './scenarios/filter';
import { getByIdScenario } from './scenarios/get-by-id';
import { peerScenario } from './scenarios/peer';
import { rebuildScenario } from './scenarios/rebuild';
import { loadAverageLine, recordLoadAverage, startContext, startPostgresOnMachine } from './stack/bench-context';
import { runEntryPoint, stopAfter, type Log } from './stack/entry-point';
import { waitUntil } from './stack/child';
import { startBenchService } from './stack/service';

const REPO_ROOT = resolve(__dirname, '..', '..');
const MAX_TOTAL_MS = 90 * 60 * 1000;

interface ReadPathOptions extends Options {
  profile?: string;
  paging: boolean;
  serviceRoot: string;
}

function parse(argv: string[]): ReadPathOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const known = new Set(['users', 'duration', 'profile', 'no-peer', 'no-paging', 'service-root']);
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg.slice(2))) throw new Error(`unknown flag ${arg}`);
  const users = Number(value('users') ?? 100_000);
  const duration = Number(value('duration') ?? 10);
  if (!Number.isInteger(users) || users < 100) throw new Error('--users takes a whole number ≥ 100');
  if (!Number.isInteger(duration) || duration < 1) throw new Error('--duration takes whole seconds ≥ 1');
  const profile = value('profile');
  return {
    users,
    duration,
    concurrencies: [1, 16],
    deactivationRate: 0,
    deactivationSeconds: 0,
    peer: !argv.includes('--no-peer'),
    quick: false,
    // The gateway alone: no followers run (the read model is rebuilt before it starts).
    topology: 'split',
    paging: !argv.includes('--no-paging'),
    profile: profile === undefined ? undefined : resolve(profile),
    serviceRoot: resolve(value('service-root') ?? REPO_ROOT),
  };
}

async function main(argv: string[], log: Log): Promise<void> {
  const options = parse(argv);
  stopAfter(MAX_TOTAL_MS, 'bench:read-path', log);
  const started = Date.now();
  const { machine, postgres } = await startPostgresOnMachine(log);
  process.stdout.write(`machine: ${machineLine(machine)}\noptions: ${JSON.stringify(options)}\n`);
  const stack = { databaseUrl: postgres.databaseUrl, brokers: '' };
  const setup = await startBenchService(options.serviceRoot, stack, log);
  const ctx = await startContext({ options, repoRoot: REPO_ROOT, ...stack, log }, setup);
  const { pool, tenant, rows, notes } = ctx;
  const loadAverages: Record<string, number> = {};
  const step = async (name: string, run: () => Promise<unknown>) => {
    await run();
    recordLoadAverage(loadAverages, name);
  };

  await step('bulk load', () => bulkLoad(pool, tenant, options.users, log));
  await setup.stop();
  const profilePath = options.profile ? profileFile(options.profile) : undefined;
  await step('rebuild', () => rebuildScenario(ctx));
  const gateway = await startBenchService(options.serviceRoot, stack, log, {
    script: 'dist/apps/scim-gateway/src/main.js',
    nodeArgs: profilePath ? ['--require', join(__dirname, 'stack', 'profile-hook.js')] : [],
    env: profilePath ? { BENCH_PROFILE_FILE: profilePath } : {},
    name: 'gateway',
  });
  ctx.tenant = { ...tenant, scimBase: `${gateway.baseUrl}/scim/v2/${tenant.tenantId}` };
  await step('filter', () => filterScenario(ctx, options.users));
  await step('GET by id', () => getByIdScenario(ctx, options.users));
  if (options.paging) await step('cursor paging', () => cursorPagingScenario(ctx, options.users));
  if (options.peer) await step('peer', () => peerScenario(ctx, options.users, { create: false }));
  const profileText = profilePath
    ? await profileFilter(ctx, gateway.pid, profilePath).catch((error: Error) => `profile failed: ${error.message}`)
    : undefined;

  process.stdout.write(`\n${renderTable(rows)}\n\n`);
  for (const note of notes) process.stdout.write(`- ${note}\n`);
  process.stdout.write(loadAverageLine(loadAverages, machine));
  process.stdout.write(`- total ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  if (profileText) process.stdout.write(`\n${profileText}\n`);
  const file = writeJson(join(REPO_ROOT, 'bench/results'), {
    kind: 'read-path',
    startedAt: new Date(started).toISOString(),
    machine,
    options,
    rows,
    notes,
    loadAverages,
    profile: profileText,
  });
  process.stdout.write(`results: ${file}\n`);
}

function profileFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return join(dir, `filter-c16-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
}

/**
 * The gateway serves the filter at concurrency 16, profiled for the measurement's duration only
 * (bench/stack/profile-hook.ts: SIGUSR2 starts and stops V8's profiler); it was warmed up by the
 * scenarios before.
 */
async function profileFilter(ctx: Context, pid: number, file: string): Promise<string> {
  ctx.log(`profiling the gateway (filter, concurrency 16) into ${file}...`);
  const target = {
    kind: 'filter-user' as const,
    base: ctx.tenant.scimBase,
    apiKey: ctx.tenant.apiKey,
    users: ctx.options.users,
  };
  process.kill(pid, 'SIGUSR2');
  const stats = await ctx.load.run(
    { kind: 'http', target, pacing: { ...pacing(ctx.options, 16), warmup: 0 } },
    jobTimeout(ctx.options),
  );
  process.kill(pid, 'SIGUSR2');
  await waitUntil(
    'CPU profile written',
    60_000,
    async () => existsSync(file) && statSync(file).size > 0 && (await settled(file)),
  );
  return (
    `${file} (filter at concurrency 16 while profiled: ${stats.throughput.toFixed(0)} req/s, p50 ` +
    `${stats.p50.toFixed(2)} ms, p99 ${stats.p99.toFixed(2)} ` +
    `ms)\n${cpuTimeLine(file, stats.count)}${renderCpuProfile(summarizeCpuProfile(file), stats.count)}`
  );
}

/**
 * The gateway's CPU time per request while profiled (profile-hook's `<file>.cpu.json`): unlike the
 * profile's busy time, it does not grow when the process waits for a core on a loaded machine.
 */
function cpuTimeLine(file: string, requests: number): string {
  const sidecar = `${file}.cpu.json`;
  if (!existsSync(sidecar) || requests === 0) return '';
  const cpu = JSON.parse(readFileSync(sidecar, 'utf8')) as { userMicros: number; systemMicros: number; wallMs: number };
  const perRequest = (micros: number) => (micros / requests).toFixed(0);
  return (
    `gateway CPU time (process.cpuUsage): ${perRequest(cpu.userMicros + cpu.systemMicros)} µs/req (user ` +
    `${perRequest(cpu.userMicros)}, system ${perRequest(cpu.systemMicros)}) over ${requests} requests, ` +
    `${((cpu.userMicros + cpu.systemMicros) / 1000 / cpu.wallMs).toFixed(2)} cores busy on average\n`
  );
}

/** The profile file has stopped growing (written in one call, but checked anyway). */
async function settled(file: string): Promise<boolean> {
  const size = statSync(file).size;
  await new Promise((resolve) => setTimeout(resolve, 200));
  return statSync(file).size === size;
}

if (require.main === module) runEntryPoint('bench:read-path', main);
