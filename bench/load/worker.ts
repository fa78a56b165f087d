/**
 * The load process (a child of bench/main.ts, started with an IPC channel). Receives jobs
 * (protocol.ts), runs them with Node's fetch (undici, keep-alive) or pg, answers with latency
 * statistics. Exits when the orchestrator disconnects, and in any case after 2 hours.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@lib/event-store';
import { runCursorWalk } from './cursor-walk';
import { runDeactivation } from './deactivation';
import { httpSender } from './http-targets';
import { runPool } from './pool';
import { loadedUserName, type Job, type Request, type Response, type Stats } from './protocol';
import { sampleUserIds } from './user-sample';

async function run(job: Job): Promise<Stats> {
  switch (job.kind) {
    case 'http':
      return runPool(
        job.pacing,
        httpSender(job.target, job.target.kind === 'get-user' ? await sampleUserIds(job.target.sample) : []),
      );
    case 'pg-get-by-id': {
      const ids = await sampleUserIds(job.sample);
      const pool = new Pool({ connectionString: job.sample.databaseUrl, max: job.pacing.concurrency });
      try {
        return await runPool(job.pacing, async () => {
          const id = ids[Math.floor(Math.random() * ids.length)]!;
          const result = await pool.query('SELECT resource FROM scim_users_v2 WHERE tenant_id = $1 AND id = $2', [
            job.sample.tenantId,
            id,
          ]);
          if (result.rowCount !== 1) throw new Error(`get ${id}: ${result.rowCount} rows`);
        });
      } finally {
        await pool.end();
      }
    }
    case 'cursor-walk':
      return runCursorWalk(job);
    case 'pg-insert': {
      const pool = new Pool({ connectionString: job.databaseUrl, max: job.pacing.concurrency });
      try {
        return await runPool(job.pacing, async (i) => {
          await pool.query('INSERT INTO bench_raw_insert (payload) VALUES ($1)', [`row-${i}-${'x'.repeat(200)}`]);
        });
      } finally {
        await pool.end();
      }
    }
    case 'event-store-append': {
      // Its own pool, sized like the service's: the group commit needs one connection per flush.
      const store = new PostgresEventStore({ connectionString: job.databaseUrl, maxConnections: 10 });
      try {
        return await runPool(job.pacing, async (i) => {
          const id = randomUUID();
          const metadata = {
            tenantId: 'bench-store',
            actor: { kind: 'system' as const },
            requestId: id,
            correlationId: id,
            causationId: id,
            occurredAt: new Date().toISOString(),
            schemaVersion: 1,
          };
          await store.append(`benchstore-bench:${id}`, 'no_stream', [
            { eventId: id, type: 'BenchAppended', data: { i, payload: 'x'.repeat(200) }, metadata },
          ]);
        });
      } finally {
        await store.close();
      }
    }
    case 'pg-lookup': {
      const pool = new Pool({ connectionString: job.databaseUrl, max: job.pacing.concurrency });
      try {
        return await runPool(job.pacing, async () => {
          const userName = loadedUserName(Math.floor(Math.random() * job.users));
          const result = await pool.query(
            'SELECT resource FROM scim_users_v2 WHERE tenant_id = $1 AND scim_key(user_name_fold) = ' +
              'scim_key(scim_fold($2)) AND user_name_fold = scim_fold($2)',
            [job.tenantId, userName],
          );
          if (result.rowCount !== 1) throw new Error(`lookup ${userName}: ${result.rowCount} rows`);
        });
      } finally {
        await pool.end();
      }
    }
    case 'deactivation':
      return runDeactivation(job);
  }
}

process.on('message', (message: Request) => {
  void run(message.job).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies Response),
    (error: Error) =>
      process.send?.({ id: message.id, ok: false, error: error.stack ?? error.message } satisfies Response),
  );
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(3), 2 * 60 * 60 * 1000).unref();
