import type { Stats } from '../load/protocol';
import { rowOf, type Row } from '../report/row';
import { noteErrors, runHttp, runPaced, type Context } from './context';

/**
 * 1. POST /Users at each concurrency (read-your-writes on: answered once the read model shows
 * the user), against the physical limit: autocommit single-row INSERTs into the same PostgreSQL.
 * Between the two, the event store's append alone (one event per append, a new stream each), so
 * the gap between the database and the service splits into the store's part and the rest.
 */
export async function createScenario(ctx: Context): Promise<void> {
  await ctx.pool.query('CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, payload text NOT NULL)');
  for (const concurrency of ctx.options.concurrencies) {
    ctx.log(`1. create users, concurrency ${concurrency}: raw INSERT baseline...`);
    const raw = await runPaced(ctx, concurrency, { kind: 'pg-insert', databaseUrl: ctx.databaseUrl });
    ctx.log(`   ... event store appends`);
    const appends = await runPaced(ctx, concurrency, { kind: 'event-store-append', databaseUrl: ctx.databaseUrl });
    ctx.log(`   ... POST /Users`);
    const { scimBase: base, apiKey } = ctx.tenant;
    const scim = await runHttp(ctx, concurrency, { kind: 'create-user', base, apiKey, prefix: `c${concurrency}` });
    const againstInsert = (subject: string, stats: Stats, unit: string): Row =>
      rowOf('1 create user', subject, stats, {
        concurrency,
        unit,
        ratio: stats.throughput / raw.throughput,
        ratioOf: 'throughput ÷ INSERT commits/s',
      });
    ctx.rows.push(rowOf('1 create user', 'baseline: INSERT commit (pg)', raw, { concurrency, unit: 'commits/s' }));
    ctx.rows.push(againstInsert('event store append (1 event, new stream)', appends, 'appends/s'));
    noteErrors(ctx, `event store appends c=${concurrency}`, appends);
    ctx.rows.push(againstInsert('SCIM POST /Users (RYW)', scim, 'users/s'));
    noteErrors(ctx, `create c=${concurrency}`, scim);
  }
}
