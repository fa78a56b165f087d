import { rowOf } from '../report/row';
import { jobTimeout, pacing, type Context } from './context';

/** 2. GET /Users?filter=userName eq "..." on the loaded users vs the raw indexed SQL lookup. */
export async function filterScenario(ctx: Context, users: number): Promise<void> {
  for (const concurrency of [1, 16]) {
    ctx.log(`2. filter userName eq, ${users} users, concurrency ${concurrency}: SQL baseline...`);
    const sql = await ctx.load.run(
      {
        kind: 'pg-lookup',
        databaseUrl: ctx.databaseUrl,
        tenantId: ctx.tenant.tenantId,
        users,
        pacing: pacing(ctx.options, concurrency),
      },
      jobTimeout(ctx.options),
    );
    ctx.log('   ... GET /Users?filter');
    const scim = await ctx.load.run(
      {
        kind: 'http',
        target: { kind: 'filter-user', base: ctx.tenant.scimBase, apiKey: ctx.tenant.apiKey, users },
        pacing: pacing(ctx.options, concurrency),
      },
      jobTimeout(ctx.options),
    );
    const label = `2 filter (${users.toLocaleString('en-US')} users)`;
    ctx.rows.push(rowOf(label, 'baseline: indexed SELECT (pg)', sql, { concurrency, unit: 'q/s' }));
    ctx.rows.push(
      rowOf(label, 'SCIM GET userName eq', scim, {
        concurrency,
        ratio: scim.throughput / sql.throughput,
        ratioOf: 'throughput ÷ SQL q/s',
      }),
    );
    if (scim.errors > 0) ctx.notes.push(`filter c=${concurrency}: ${scim.errors} errors, e.g. ${scim.errorSamples[0]}`);
  }
}
