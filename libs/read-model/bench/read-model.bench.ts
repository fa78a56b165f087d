/**
 * Read-model benchmark: loads N users through the event store, rebuilds the read models from
 * the log (events/s), then measures `userName eq` latency (p50/p95/p99) through UserQueries.
 *
 *   runReadModelBench({ databaseUrl })            100,000 users (default)
 *   runReadModelBench({ databaseUrl, users: 1e6 }) or --users=1000000 / --million on the CLI
 *
 * Needs an empty, migrated database (the lead's `npm run bench` creates one).
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { userStream } from '@lib/domain';
import { PostgresEventStore, type EventToAppend } from '@lib/event-store';
import { parseFilter } from '@lib/scim';
import { rebuildReadModels } from '../src/rebuild/rebuild-read-models';
import { UserQueries } from '../src/queries/user-queries';

export interface ReadModelBenchOptions {
  databaseUrl: string;
  users?: number;
  queries?: number;
  log?: (line: string) => void;
}

export interface ReadModelBenchResult {
  users: number;
  rebuildEventsPerSecond: number;
  userNameEq: { p50: number; p95: number; p99: number };
}

export async function runReadModelBench(options: ReadModelBenchOptions): Promise<ReadModelBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const userCount = options.users ?? 100_000;
  const queryCount = options.queries ?? 2000;
  const tenantId = 'bench-tenant';
  const pool = new Pool({ connectionString: options.databaseUrl, max: 8 });
  // The CLI stops the server right after the run: an idle client's "terminating connection" is expected then.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool });
  try {
    const loadStarted = Date.now();
    const chunk = 1000;
    for (let start = 0; start < userCount; start += chunk) {
      const requests = [];
      for (let i = start; i < Math.min(start + chunk, userCount); i++) {
        const userId = `bench-${i}`;
        const userName = `user${i}@bench.example.com`;
        const event: EventToAppend = {
          eventId: randomUUID(),
          type: 'UserProvisioned',
          data: {
            tenantId,
            userId,
            userName,
            externalId: `ext-${i}`,
            active: true,
            resource: {
              userName,
              displayName: `User ${i}`,
              emails: [{ value: userName, type: 'work', primary: true }],
              name: { givenName: 'U', familyName: `${i}` },
            },
          },
          metadata: {
            tenantId,
            actor: { kind: 'system' },
            requestId: 'bench',
            correlationId: 'bench',
            causationId: 'bench',
            occurredAt: new Date(Date.UTC(2025, 0, 1) + i).toISOString(),
            schemaVersion: 1,
          },
        };
        requests.push({
          streamId: userStream(tenantId, userId),
          expectedRevision: 'no_stream' as const,
          events: [event],
        });
      }
      await store.appendMany(requests);
    }
    log(`loaded ${userCount} users into the event store in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

    const report = await rebuildReadModels(options.databaseUrl, store, { log: (line) => log(`  rebuild: ${line}`) });
    log(`rebuild: ${report.events} events in ${report.seconds.toFixed(2)} s = ${report.eventsPerSecond} events/s`);

    const users = new UserQueries(pool);
    const latencies: number[] = [];
    for (let q = 0; q < queryCount; q++) {
      const i = Math.floor(Math.random() * userCount);
      const started = process.hrtime.bigint();
      const result = await users.list(tenantId, {
        filter: parseFilter(`userName eq "USER${i}@bench.example.com"`),
        count: 100,
      });
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.totalResults !== 1) throw new Error(`userName eq found ${result.totalResults} for user ${i}`);
    }
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2));
    const userNameEq = { p50: at(50), p95: at(95), p99: at(99) };
    log(
      `userName eq over ${userCount} users (${queryCount} queries): p50 ${userNameEq.p50} ms, p95 ${userNameEq.p95} ` +
        `ms, p99 ${userNameEq.p99} ms`,
    );
    return { users: userCount, rebuildEventsPerSecond: report.eventsPerSecond, userNameEq };
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write('DATABASE_URL (an empty, migrated database) is required\n');
    process.exit(1);
  }
  const flag = process.argv.find((arg) => arg.startsWith('--users='));
  const users = process.argv.includes('--million')
    ? 1_000_000
    : flag
      ? Number(flag.slice('--users='.length))
      : undefined;
  runReadModelBench({ databaseUrl, users }).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
