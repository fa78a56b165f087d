import type { HttpTarget } from '../load/protocol';
import { rowOf } from '../report/row';
import { noteErrors, runHttp, runPaced, type Context, type UnpacedJob } from './context';

/** One read measured as raw SQL (the baseline) and through SCIM: what each side runs and is called. */
export interface SqlVersusScim {
  /** The log line's name, e.g. `2. filter userName eq`. */
  title: string;
  /** The rows' scenario. */
  label: string;
  sql: { job: UnpacedJob; subject: string };
  scim: { target: HttpTarget; subject: string; request: string };
  /** What an error note calls the SCIM side, e.g. `filter`. */
  errorName: string;
}

/** The baseline then the SCIM read at concurrency 1 and 16; the SCIM row's ratio is to the SQL q/s. */
export async function sqlVersusScim(ctx: Context, users: number, read: SqlVersusScim): Promise<void> {
  for (const concurrency of [1, 16]) {
    ctx.log(`${read.title}, ${users} users, concurrency ${concurrency}: SQL baseline...`);
    const sql = await runPaced(ctx, concurrency, read.sql.job);
    ctx.log(`   ... ${read.scim.request}`);
    const scim = await runHttp(ctx, concurrency, read.scim.target);
    ctx.rows.push(rowOf(read.label, read.sql.subject, sql, { concurrency, unit: 'q/s' }));
    ctx.rows.push(
      rowOf(read.label, read.scim.subject, scim, {
        concurrency,
        ratio: scim.throughput / sql.throughput,
        ratioOf: 'throughput ÷ SQL q/s',
      }),
    );
    noteErrors(ctx, `${read.errorName} c=${concurrency}`, scim);
  }
}
