import type { Context } from './context';
import { sqlVersusScim } from './sql-versus-scim';

/** 2. GET /Users?filter=userName eq "..." on the loaded users vs the raw indexed SQL lookup. */
export async function filterScenario(ctx: Context, users: number): Promise<void> {
  const { scimBase: base, apiKey, tenantId } = ctx.tenant;
  await sqlVersusScim(ctx, users, {
    title: '2. filter userName eq',
    label: `2 filter (${users.toLocaleString('en-US')} users)`,
    sql: {
      job: { kind: 'pg-lookup', databaseUrl: ctx.databaseUrl, tenantId, users },
      subject: 'baseline: indexed SELECT (pg)',
    },
    scim: {
      target: { kind: 'filter-user', base, apiKey, users },
      subject: 'SCIM GET userName eq',
      request: 'GET /Users?filter',
    },
    errorName: 'filter',
  });
}
