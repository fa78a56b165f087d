import { rowOf } from '../report/row';
import { jobTimeout, pacing, type Context } from './context';

/** Users sampled for GET by id (the load process reads them from the read model). */
const SAMPLE_SIZE = 20_000;

/** GET /Users/{id} of random loaded users vs the read model's primary-key lookup as SQL. */
export async function getByIdScenario(ctx: Context, users: number): Promise<void> {
  const sample = { databaseUrl: ctx.databaseUrl, tenantId: ctx.tenant.tenantId, size: SAMPLE_SIZE };
  for (const concurrency of [1, 16]) {
    ctx.log(`GET by id, ${users} users, concurrency ${concurrency}: SQL baseline...`);
    const sql = await ctx.load.run(
      { kind: 'pg-get-by-id', sample, pacing: pacing(ctx.options, concurrency) },
      jobTimeout(ctx.options),
    );
    ctx.log('   ... GET /Users/{id}');
    const scim = await ctx.load.run(
      {
        kind: 'http',
        target: { kind: 'get-user', base: ctx.tenant.scimBase, apiKey: ctx.tenant.apiKey, sample },
        pacing: pacing(ctx.options, concurrency),
      },
      jobTimeout(ctx.options),
    );
    const label = `2b GET by id (${users.toLocaleString('en-US')} users)`;
    ctx.rows.push(rowOf(label, 'baseline: SELECT by primary key (pg)', sql, { concurrency, unit: 'q/s' }));
    ctx.rows.push(
      rowOf(label, 'SCIM GET /Users/{id}', scim, {
        concurrency,
        ratio: scim.throughput / sql.throughput,
        ratioOf: 'throughput ÷ SQL q/s',
      }),
    );
    if (scim.errors > 0)
      ctx.notes.push(`GET by id c=${concurrency}: ${scim.errors} errors, e.g. ${scim.errorSamples[0]}`);
  }
}
