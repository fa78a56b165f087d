/**
 * `npm run fuzz`: the project's own fuzzer over the HTTP API. Starts a fresh embedded PostgreSQL
 * and the all-in-one service built for production as a child process (its exits and memory are
 * watched from here), creates a fuzzed tenant and a control tenant, sends malformed and edge-case
 * SCIM requests from a seeded generator, then checks that the read model and the provisioning log
 * still serve the control tenant. Exits non-zero on any violation.
 *
 *   npm run fuzz -- [--seed 42] [--requests 20000] [--concurrency 8]
 *
 * FUZZ_SEED sets the seed too; without either a new seed is drawn and printed. See docs/limits.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onCleanup } from '../stack/cleanup';
import { runEntryPoint, type Log } from '../stack/entry-point';
import { startBenchPostgres } from '../stack/postgres';
import { newSeed } from './random';
import { DEFAULT_FUZZ_OPTIONS, formatReport, runFuzz } from './run-fuzz';
import { ServiceProcess } from './target';

/** dist/bench/fuzz/main.js -> the checkout. */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const USAGE = `npm run fuzz -- [--seed <n>] [--requests <n>] [--concurrency <n>] [--service <main.js>]
--service: fuzz another build of the all-in-one service (default: this checkout's dist/apps/all-in-one/src/main.js).
`;

function parseArgs(argv: string[]): { seed: number; requests: number; concurrency: number; service?: string } {
  const known = new Set(['seed', 'requests', 'concurrency', 'service', 'help']);
  for (const arg of argv)
    if (arg.startsWith('--') && !known.has(arg.slice(2))) throw new Error(`unknown flag ${arg}\n${USAGE}`);
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const at = argv.indexOf(`--${name}`);
    const raw = at >= 0 ? argv[at + 1] : undefined;
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer in [${min}, ${max}], got ${raw}`);
    return n;
  };
  const envSeed =
    process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== '' ? Number(process.env.FUZZ_SEED) : undefined;
  return {
    seed: int('seed', envSeed ?? newSeed(), 0, 2 ** 32 - 1),
    requests: int('requests', 20_000, 1, 10_000_000),
    concurrency: int('concurrency', DEFAULT_FUZZ_OPTIONS.concurrency, 1, 256),
    service: argv.includes('--service') ? resolve(argv[argv.indexOf('--service') + 1]) : undefined,
  };
}

async function main(argv: string[], log: Log): Promise<number> {
  const args = parseArgs(argv);
  log(
    `fuzz: seed ${args.seed} (replay with --seed ${args.seed}), ${args.requests} requests, concurrency ` +
      `${args.concurrency}`,
  );
  const postgres = await startBenchPostgres(log);
  const operatorToken = `op_${randomBytes(24).toString('base64url')}`;
  const service = new ServiceProcess({
    repoRoot: REPO_ROOT,
    databaseUrl: postgres.databaseUrl,
    entry: args.service ? { main: args.service } : 'dist',
    operatorToken,
    log,
  });
  onCleanup('service', () => service.stop());
  await service.start();
  log(`service (${args.service ?? 'dist/apps/all-in-one'}, pid ${service.pid}) at ${service.baseUrl}`);
  const { service: _service, ...fuzzArgs } = args;
  const report = await runFuzz(service, operatorToken, { ...DEFAULT_FUZZ_OPTIONS, ...fuzzArgs, log });
  process.stdout.write(`${formatReport(report)}\n`);
  const results = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const file = join(results, `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}-seed-${args.seed}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  log(`report written to ${file}`);
  return report.violations.length ? 1 : 0;
}

runEntryPoint('fuzz', main, { usage: USAGE, failureCode: 2 });
