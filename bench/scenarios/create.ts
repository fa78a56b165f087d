import { rowOf } from '../report/row';
import { jobTimeout, pacing, type Context } from './context';

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
    const raw = await ctx.load.run(
      { kind: 'pg-insert', databaseUrl: ctx.databaseUrl, pacing: pacing(ctx.options, concurrency) },
      jobTimeout(ctx.options),
    );
    ctx.log(`   ... event store appends`);
    const appends = await ctx.load.run(
      { kind: 'event-store-append', databaseUrl: ctx.databaseUrl, pacing: pacing(ctx.options, concurrency) },
      jobTimeout(ctx.options),
    );
    ctx.log(`   ... POST /Users`);
    const scim = await ctx.load.run(
      {
        kind: 'http',
        target: {
          kind: 'create-user',
          base: ctx.tenant.scimBase,
          apiKey: ctx.tenant.apiKey,
          prefix: `c${concurrency}`,
        },
        pacing: pacing(ctx.options, concurrency),
      },
      jobTimeout(ctx.options),
    );
    ctx.rows.push(rowOf('1 create user', 'baseline: INSERT commit (pg)', raw, { concurrency, unit: 'commits/s' }));
    ctx.rows.push(
      rowOf('1 create user', 'event store append (1 event, new stream)', appends, {
        concurrency,
        unit: 'appends/s',
        ratio: appends.throughput / raw.throughput,
        ratioOf: 'throughput ÷ INSERT commits/s',
      }),
    );
    if (appends.errors > 0)
      ctx.notes.push(`event store appends c=${concurrency}: ${appends.errors} errors, e.g. ${appends.errorSamples[0]}`);
    ctx.rows.push(
      rowOf('1 create user', 'SCIM POST /Users (RYW)', scim, {
        concurrency,
        unit: 'users/s',
        ratio: scim.throughput / raw.throughput,
        ratioOf: 'throughput ÷ INSERT commits/s',
      }),
    );
    if (scim.errors > 0) ctx.notes.push(`create c=${concurrency}: ${scim.errors} errors, e.g. ${scim.errorSamples[0]}`);
  }
}
