import type { Pool } from 'pg';

/** The server settings that make `pg_stat_statements` count every statement, nested ones too. */
export const STATEMENT_STATISTICS_SETTINGS = [
  'shared_preload_libraries=pg_stat_statements',
  'pg_stat_statements.track=all',
];

interface StatementRow {
  calls: string;
  rows: string;
  ms: string;
  query: string;
}

/** Starts counting from zero (creates the extension in the pool's database the first time). */
export async function resetStatementStatistics(pool: Pool): Promise<void> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await pool.query('SELECT pg_stat_statements_reset()');
}

/**
 * The statements that cost most time, then those that ran most often, since the last reset, per
 * `unit` (a create, an event): calls, rows and milliseconds of execution divided by `units`.
 */
export async function topStatements(pool: Pool, units: number, unit: string): Promise<string[]> {
  const select = (order: string) =>
    pool.query<StatementRow>(
      `SELECT calls, rows, round(total_exec_time::numeric, 1) AS ms, regexp_replace(left(query, 110), '\\s+', ' ',
      'g') AS query
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY ${order} DESC LIMIT 12`,
    );
  const total = (
    await pool.query<{ calls: string; ms: string }>(
      `SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time), 0) AS ms
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'`,
    )
  ).rows[0];
  const byTime = (await select('total_exec_time')).rows;
  const byCalls = (await select('calls')).rows;
  return [
    `    by time (all statements: ${(Number(total.ms) / units).toFixed(3)} ms per ${unit}):`,
    ...lines(byTime, units),
    `    by calls (all statements: ${(Number(total.calls) / units).toFixed(1)} per ${unit}):`,
    ...lines(byCalls, units),
  ];
}

function lines(rows: StatementRow[], units: number): string[] {
  return rows.map(
    (r) =>
      `    ${(Number(r.calls) / units).toFixed(2).padStart(6)} calls ` +
      `${(Number(r.rows) / units).toFixed(1).padStart(6)} rows ` +
      `${(Number(r.ms) / units).toFixed(3).padStart(7)} ms  ${r.query}`,
  );
}
