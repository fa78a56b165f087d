/**
 * `npm run bench`: starts the real stack (embedded PostgreSQL with durable settings, the local
 * Kafka broker, the all-in-one service built for production), drives it from a separate load
 * process, and prints one table (also written to bench/results/<timestamp>.json).
 *
 *   npm run bench -- [--users 100000] [--duration 10] [--quick] [--concurrency 1,16,64]
 *                    [--deactivation-rate 20] [--deactivation-seconds 15] [--no-peer] [--only encryption]
 *                    [--topology all-in-one|all-in-one-threads|split]
 *
 * See docs/performance.md for a recorded run and what limits each figure.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machineLine } from './report/machine';
import { renderTable, writeJson } from './report/table';
import { bulkLoad } from './scenarios/bulk-load';
import type { Context, Options } from './scenarios/context';
import { runFilterBench } from '../libs/scim/bench/filter.bench';
import { createScenario } from './scenarios/create';
import { encryptionScenario } from './scenarios/encryption';
import { deactivationScenario } from './scenarios/deactivation';
import { cursorPagingScenario } from './scenarios/cursor-paging';
import { filterScenario } from './scenarios/filter';
import { getByIdScenario } from './scenarios/get-by-id';
import { patchScenario } from './scenarios/patch';
import { peerScenario } from './scenarios/peer';
import { catchUpScenario, snapshot } from './scenarios/catch-up';
import { rebuildScenario } from './scenarios/rebuild';
import { loadAverageLine, recordLoadAverage, startContext, startPostgresOnMachine } from './stack/bench-context';
import { runEntryPoint, stopAfter, type Log } from './stack/entry-point';
import { startBenchKafka } from './stack/kafka';
import { startServiceInTopology } from './stack/service';

/** dist/bench/main.js -> the checkout. */
const REPO_ROOT = resolve(__dirname, '..', '..');
/** The whole run's bound: an hour; two from a million users (their bulk load and rebuild alone take ~35 min). */
const maxTotalMs = (users: number) => (users >= 1_000_000 ? 120 : 60) * 60 * 1000;
const USAGE = `npm run bench -- [--users 100000] [--duration 10] [--quick] [--concurrency 1,16,64]
                 [--deactivation-rate 20] [--deactivation-seconds 15] [--no-peer] [--only encryption]
                 [--topology all-in-one|all-in-one-threads|split]
--quick: 10,000 users, 3 s per measurement, 5 s of deactivations. --only encryption: only the
create rate with personal-data encryption on vs off (E). --topology split: the gateway, the
projector and the publisher in three processes, as deploy/k8s runs them; all-in-one-threads: the
all-in-one process with ALL_IN_ONE_FOLLOWERS=worker-threads (default: all-in-one, as npm start).
See docs/performance.md.
`;

export function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
    return v;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer in [${min}, ${max}], got ${raw}`);
    return n;
  };
  const known = new Set([
    'users',
    'duration',
    'quick',
    'concurrency',
    'deactivation-rate',
    'deactivation-seconds',
    'no-peer',
    'only',
    'topology',
    'help',
  ]);
  const only = value('only');
  if (only !== undefined && only !== 'encryption')
    throw new Error(`--only: the one scenario that runs alone is encryption, got ${only}`);
  const topology = value('topology') ?? 'all-in-one';
  if (topology !== 'all-in-one' && topology !== 'all-in-one-threads' && topology !== 'split')
    throw new Error(`--topology: all-in-one, all-in-one-threads or split, got ${topology}`);
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg.slice(2))) throw new Error(`unknown flag ${arg}`);
  const quick = argv.includes('--quick');
  const concurrencies = (value('concurrency') ?? '1,16,64').split(',').map((c) => {
    const n = Number(c);
    if (!Number.isInteger(n) || n < 1 || n > 512) throw new Error(`--concurrency: bad value ${c}`);
    return n;
  });
  return {
    quick,
    users: int('users', quick ? 10_000 : 100_000, 100, 5_000_000),
    duration: int('duration', quick ? 3 : 10, 1, 600),
    concurrencies,
    deactivationRate: int('deactivation-rate', 20, 1, 1000),
    deactivationSeconds: int('deactivation-seconds', quick ? 5 : 15, 1, 600),
    peer: !argv.includes('--no-peer'),
    topology,
    ...(only ? { only } : {}),
  };
}

async function main(argv: string[], log: Log): Promise<number> {
  const options = parseOptions(argv);
  stopAfter(maxTotalMs(options.users), 'benchmark', log);
  const started = Date.now();
  const { machine, postgres } = await startPostgresOnMachine(log);
  const kafka = startBenchKafka(REPO_ROOT, log);
  machine.kafka = kafka.version;
  process.stdout.write(`machine: ${machineLine(machine)}\n`);
  process.stdout.write(`options: ${JSON.stringify(options)}\n`);

  const stack = { databaseUrl: postgres.databaseUrl, brokers: kafka.brokers };
  const service = await startServiceInTopology(REPO_ROOT, stack, log, options.topology);
  const ctx = await startContext({ options, repoRoot: REPO_ROOT, ...stack, log }, service);
  log(`load process pid ${ctx.load.pid}`);
  const { rows, notes } = ctx;
  const timings: Record<string, number> = {};
  const loadAverages: Record<string, number> = {};
  const filterLines: string[] = [];
  const results = () => ({
    startedAt: new Date(started).toISOString(),
    totalSeconds: (Date.now() - started) / 1000,
    machine,
    options,
    rows,
    notes,
    timings,
    loadAverages,
    filterBench: filterLines,
  });
  const resultsDir = join(REPO_ROOT, 'bench/results');
  const partialName = `${new Date(started).toISOString()}-partial`;
  const partialFile = join(resultsDir, `${partialName.replace(/[:.]/g, '-')}.json`);
  const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await step();
    } finally {
      timings[name] = (Date.now() - t0) / 1000;
      recordLoadAverage(loadAverages, name);
      // After every scenario: a run stopped later (its time bound, a failure, Ctrl-C) keeps what it measured.
      writeJson(resultsDir, { ...results(), partial: true }, partialName);
    }
  };

  // The protocol library's own figures (in this process, no I/O): filter parse and evaluate.
  if (options.only === 'encryption') await timed('E encryption', () => encryptionScenario(ctx));
  else await runEveryScenario(ctx, timed, filterLines);

  const totalSeconds = (Date.now() - started) / 1000;
  // The measurements are saved before anything renders them: a long run must never be lost to a report bug.
  const file = writeJson(resultsDir, results());
  rmSync(partialFile, { force: true });
  const table = renderTable(rows);
  process.stdout.write(`\n${table}\n\n${filterLines.join('\n')}\n\n`);
  for (const note of notes) process.stdout.write(`- ${note}\n`);
  process.stdout.write(
    `- scenario times (s): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}; total ${totalSeconds.toFixed(0)} s\n`,
  );
  process.stdout.write(loadAverageLine(loadAverages, machine));
  process.stdout.write(`results: ${file}\n`);
  return 0;
}

type Timed = <T>(name: string, step: () => Promise<T>) => Promise<T>;

async function runEveryScenario(ctx: Context, timed: Timed, filterLines: string[]): Promise<void> {
  const { options, pool, tenant, notes, log } = ctx;
  await timed('1 create', () => createScenario(ctx));
  await timed('E encryption', () => encryptionScenario(ctx));
  const data = await timed('bulk load', () => bulkLoad(pool, tenant, options.users, log));
  notes.push(`data for 2-5: ${data.method}; ${data.events} events appended in ${data.appendSeconds.toFixed(1)} s`);
  const loadEnded = await snapshot(pool);
  await timed('catch-up', () =>
    catchUpScenario(ctx, loadEnded).then(
      (s) => log(`   all followers at the head ${s.toFixed(1)} s after the bulk load`),
      (error: Error) => notes.push(`measurements started before every follower caught up: ${error.message}`),
    ),
  );
  await timed('4 rebuild', () => rebuildScenario(ctx));
  await timed('2 filter', () => filterScenario(ctx, options.users));
  await timed('2b GET by id', () => getByIdScenario(ctx, options.users));
  await timed('2c cursor paging', () => cursorPagingScenario(ctx, options.users));
  await timed('3 patch', () => patchScenario(ctx, data));
  const deactivationUsers = data.userIds.slice(1000, 1000 + options.deactivationRate * options.deactivationSeconds);
  await timed('5 deactivation', () => deactivationScenario(ctx, deactivationUsers));
  if (options.peer) await timed('6 peer', () => peerScenario(ctx, options.users));
  await timed('7 filter parser', async () => void runFilterBench(200, (line) => filterLines.push(line)));
}

if (require.main === module) runEntryPoint('benchmark', main, { usage: USAGE });
