import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from './cleanup';
import { freePort, spawnWithTail, stopChild, waitUntil } from './child';

export interface BenchService {
  baseUrl: string;
  operatorToken: string;
  /** Stops it now (otherwise at the end of the run). */
  stop(): Promise<void>;
}

/**
 * One key-encryption key per run: NODE_ENV=production with an external database refuses a generated one
 * (docs/erasure.md).
 */
export const BENCH_KEY_ENCRYPTION_KEY = randomBytes(32).toString('base64');

export interface BenchTenant {
  tenantId: string;
  scimBase: string;
  apiKey: string;
}

export interface BenchServiceOptions {
  /** The app to start, relative to the checkout; default the all-in-one service. */
  script?: string;
  /** Node flags before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Its name in the cleanup list. */
  name?: string;
  /** More environment variables. */
  env?: Record<string, string>;
}

export interface StartedBenchService extends BenchService {
  pid: number;
  stop(): Promise<void>;
}

/** The all-in-one service built for production (`dist/`), as a child process. */
export async function startBenchService(
  repoRoot: string,
  env: { databaseUrl: string; brokers: string; extra?: Record<string, string> },
  log: (line: string) => void,
  options: BenchServiceOptions = {},
): Promise<StartedBenchService> {
  const port = await freePort();
  const operatorToken = randomBytes(24).toString('hex');
  const script = options.script ?? 'dist/apps/all-in-one/src/main.js';
  // BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p": the service's Node options (NODE_OPTIONS refuses some).
  const nodeArgs = options.nodeArgs ?? (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { child, tail } = spawnWithTail(process.execPath, [...nodeArgs, join(repoRoot, script)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: env.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPERATOR_TOKEN: operatorToken,
      KAFKA_BROKERS: env.brokers,
      LOG_LEVEL: 'warn',
      READ_YOUR_WRITES_TIMEOUT_MS: '10000',
      // The benchmark measures the service, not the per-tenant rate limiter.
      RATE_LIMIT_PER_SECOND: '1000000',
      RATE_LIMIT_BURST: '1000000',
      KEY_ENCRYPTION_KEY: BENCH_KEY_ENCRYPTION_KEY,
      // The default, whatever the caller's shell says: --topology all-in-one-threads asks for the threads.
      ALL_IN_ONE_FOLLOWERS: 'main-thread',
      ...env.extra,
      ...options.env,
    },
  });
  const stop = () => stopChild(child, 'SIGTERM', 20_000);
  onCleanup(options.name ?? 'service', stop);
  // BENCH_SERVICE_LOG=<file>: the service's whole output, for diagnosing an error it answered.
  const logFile = process.env.BENCH_SERVICE_LOG;
  if (logFile)
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `service exited (code ${code}, signal ${signal}): ${tail()}`));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil('service /health/ready', 120_000, async () => {
    if (exited) throw new Error(exited);
    return (await fetch(`${baseUrl}/health/ready`)).status === 200;
  }).catch((error: Error) => {
    throw new Error(exited ?? `${error.message}; last output: ${tail()}`);
  });
  log(`service (${script}, pid ${child.pid}) at ${baseUrl}`);
  return { baseUrl, operatorToken, pid: child.pid!, stop };
}

export async function createTenant(service: BenchService, tenantId: string): Promise<BenchTenant> {
  const admin = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${service.baseUrl}/admin/tenants${path}`, {
      method,
      headers: { authorization: `Bearer ${service.operatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} /admin/tenants${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  await admin('POST', '', { name: tenantId, id: tenantId });
  const setup = await admin('PUT', `/${tenantId}/scim`, { idpProfile: 'generic' });
  return { tenantId, scimBase: String(setup.scimBaseUrl), apiKey: String(setup.apiKey) };
}

/**
 * The service under measurement: the all-in-one process, or the three deployables of deploy/k8s (the SCIM gateway
 * alone, the projector with the read-model and audit projections, the publisher), each its own Node process on the
 * same database and broker. The answer is the gateway: SCIM and the admin API.
 */
export async function startServiceInTopology(
  repoRoot: string,
  env: { databaseUrl: string; brokers: string },
  log: (line: string) => void,
  topology: 'all-in-one' | 'all-in-one-threads' | 'split',
): Promise<StartedBenchService> {
  if (topology === 'all-in-one') return startBenchService(repoRoot, env, log);
  if (topology === 'all-in-one-threads')
    return startBenchService(repoRoot, env, log, { env: { ALL_IN_ONE_FOLLOWERS: 'worker-threads' } });
  // Followers first: the gateway's read-your-writes waits for the projector.
  await startBenchService(repoRoot, env, log, { script: 'dist/apps/projector/src/main.js', name: 'projector' });
  await startBenchService(repoRoot, env, log, { script: 'dist/apps/publisher/src/main.js', name: 'publisher' });
  return startBenchService(repoRoot, env, log, { script: 'dist/apps/scim-gateway/src/main.js', name: 'gateway' });
}
