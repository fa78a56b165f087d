/**
 * `npm run bench:adapters`: issue 16's question "Fastify or Express?", measured on the part an adapter can change.
 * Both adapters serve the same Nest app (adapter-server.ts: guard, interceptor, a lookup answered from memory) in
 * their own processes, started together; the measurements alternate (express, fastify, fastify, express, ...) at
 * each concurrency so that a machine that slows down during the run slows both alike. Per measurement: requests/s,
 * latency, and the server's CPU per request (from /proc), the figure other jobs on the machine disturb least.
 *
 *   npm run bench:adapters -- [--duration 5] [--rounds 2] [--concurrency 1,16]
 */
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { httpRequest, isOk } from '../load/http-client';
import { runPool } from '../load/pool';
import { loadedUserName } from '../load/protocol';
import { pidCpuSeconds } from '../report/cpu';
import type { Row } from '../report/row';
import { rowOf } from '../report/row';
import { renderTable, writeJson } from '../report/table';
import { onCleanup } from '../stack/cleanup';
import { spawnWithTail, stopChild, waitUntil } from '../stack/child';
import { runEntryPoint, stopAfter, type Log } from '../stack/entry-point';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const ADAPTERS = ['express', 'fastify'] as const;
type Adapter = (typeof ADAPTERS)[number];
const USAGE = 'npm run bench:adapters -- [--duration 5] [--rounds 2] [--concurrency 1,16]\n';

async function startServer(adapter: Adapter, log: Log): Promise<{ url: string; pid: number }> {
  const script = join(REPO_ROOT, 'dist/bench/adapters/adapter-server.js');
  const { child, tail } = spawnWithTail(process.execPath, [script, '--adapter', adapter], { cwd: REPO_ROOT });
  onCleanup(`${adapter} server`, () => stopChild(child, 'SIGTERM', 5000));
  let url: string | undefined;
  await waitUntil(`${adapter} server`, 60_000, async () => {
    if (child.exitCode !== null) throw new Error(`${adapter} server exited: ${tail()}`);
    url = /ADAPTER_URL=(\S+)/.exec(tail())?.[1]?.replace('[::1]', '127.0.0.1');
    return url !== undefined;
  });
  log(`${adapter}: ${url} (pid ${child.pid})`);
  return { url: url!, pid: child.pid! };
}

function lookup(url: string): () => Promise<void> {
  return async () => {
    const userName = loadedUserName(randomInt(10_000));
    const filter = encodeURIComponent(`userName eq "${userName}"`);
    const { status, text } = await httpRequest(`${url}/scim/v2/Users?filter=${filter}`, {
      headers: { authorization: 'Bearer adapter-bench', accept: 'application/scim+json' },
      timeoutMs: 10_000,
    });
    if (!isOk(status) || !text.includes('"totalResults":1')) throw new Error(`${status} ${text.slice(0, 200)}`);
  };
}

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
}

async function main(argv: string[], log: Log): Promise<number> {
  stopAfter(20 * 60_000, 'bench:adapters', log);
  const durationMs = Number(option(argv, 'duration', '5')) * 1000;
  const rounds = Number(option(argv, 'rounds', '2'));
  const concurrencies = option(argv, 'concurrency', '1,16').split(',').map(Number);
  const servers = { express: await startServer('express', log), fastify: await startServer('fastify', log) };
  const rows: Row[] = [];
  const totals = new Map<string, { requests: number; seconds: number; cpu: number }>();
  for (const concurrency of concurrencies) {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ADAPTERS : [...ADAPTERS].reverse();
      for (const adapter of order) {
        const { url, pid } = servers[adapter];
        await runPool({ concurrency, durationMs: 1000, maxRequests: 500 }, lookup(url)); // warm, not measured
        const cpuBefore = pidCpuSeconds(pid);
        const stats = await runPool({ concurrency, durationMs, maxRequests: 1e7 }, lookup(url));
        const cpu = pidCpuSeconds(pid) - cpuBefore;
        const key = `${adapter} ${concurrency}`;
        const total = totals.get(key) ?? { requests: 0, seconds: 0, cpu: 0 };
        totals.set(key, {
          requests: total.requests + stats.count,
          seconds: total.seconds + stats.seconds,
          cpu: total.cpu + cpu,
        });
        const cpuPerRequest = (cpu / Math.max(1, stats.count)) * 1e6;
        log(
          `${adapter} c=${concurrency} round ${round + 1}: ${stats.throughput.toFixed(0)} req/s, ` +
            `${cpuPerRequest.toFixed(0)} µs CPU/req`,
        );
        rows.push(rowOf('adapter', `${adapter} round ${round + 1}`, stats, { concurrency }));
      }
    }
    const rate = (adapter: Adapter) => {
      const t = totals.get(`${adapter} ${concurrency}`)!;
      return { perSecond: t.requests / t.seconds, cpuMicros: (t.cpu / t.requests) * 1e6 };
    };
    const express = rate('express');
    const fastify = rate('fastify');
    rows.push({
      scenario: 'adapter',
      subject:
        `fastify ÷ express, all rounds (server CPU/req: fastify ${fastify.cpuMicros.toFixed(0)} µs, ` +
        `express ${express.cpuMicros.toFixed(0)} µs)`,
      concurrency,
      throughput: fastify.perSecond,
      unit: 'req/s',
      ratio: fastify.perSecond / express.perSecond,
      ratioOf: 'fastify req/s ÷ express req/s',
    });
  }
  const file = writeJson(join(REPO_ROOT, 'bench/results'), {
    kind: 'adapters',
    rows,
    startedAt: new Date().toISOString(),
  });
  process.stdout.write(`\n${renderTable(rows)}\n\nresults: ${file}\n`);
  return 0;
}

if (require.main === module) runEntryPoint('bench:adapters', main, { usage: USAGE });
