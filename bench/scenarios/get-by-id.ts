import type { Context } from './context';
import { sqlVersusScim } from './sql-versus-scim';

/** Users sampled for GET by id (the load process reads them from the read model). */
const SAMPLE_SIZE = 20_000;

/** GET /Users/{id} of random loaded users vs the read model's primary-key lookup as SQL. */
export async function getByIdScenario(ctx: Context, users: number): Promise<void> {
  const { scimBase: base, apiKey, tenantId } = ctx.tenant;
  const sample = { databaseUrl: ctx.databaseUrl, tenantId, size: SAMPLE_SIZE };
  await sqlVersusScim(ctx, users, {
    title: 'GET by id',
    label: `2b GET by id (${users.toLocaleString('en-US')} users)`,
    sql: { job: { kind: 'pg-get-by-id', sample }, subject: 'baseline: SELECT by primary key (pg)' },
    scim: {
      target: { kind: 'get-user', base, apiKey, sample },
      subject: 'SCIM GET /Users/{id}',
      request: 'GET /Users/{id}',
    },
    errorName: 'GET by id',
  });
}
