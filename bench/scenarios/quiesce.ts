import type { Pool } from 'pg';

export interface Positions {
  head: number;
  /** name -> position, for every projector, publisher and audit checkpoint. */
  consumers: Record<string, number>;
}

export async function positions(pool: Pool): Promise<Positions> {
  const head = Number(
    (await pool.query<{ p: string }>('SELECT last_position AS p FROM event_store_position WHERE id = 1')).rows[0].p,
  );
  const consumers: Record<string, number> = {};
  for (const table of ['projector_checkpoints', 'publisher_checkpoints', 'audit_checkpoints_v1']) {
    const exists = (await pool.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table])).rows[0].t;
    if (!exists) continue;
    for (const row of (await pool.query<{ name: string; position: string }>(`SELECT name, position FROM ${table}`))
      .rows) {
      consumers[`${table}:${row.name}`] = Number(row.position);
    }
  }
  return { head, consumers };
}

/**
 * Waits until every checkpoint (read-model projector, publisher, audit) has reached the head of
 * the log, so that a measurement does not share the CPU with a background catch-up.
 * Bounded by `timeoutMs`; returns the seconds it took, or throws naming who lags.
 */
export async function waitForConsumers(
  pool: Pool,
  timeoutMs: number,
  only?: (name: string) => boolean,
): Promise<number> {
  const started = Date.now();
  let last: Positions | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await positions(pool);
    const lagging = Object.entries(last.consumers).filter(
      ([name, position]) => (!only || only(name)) && position < last!.head,
    );
    if (lagging.length === 0) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  const behind = Object.entries(last?.consumers ?? {})
    .map(([name, position]) => `${name}=${position}`)
    .join(', ');
  throw new Error(`consumers did not reach head ${last?.head} within ${Math.round(timeoutMs / 1000)} s: ${behind}`);
}
