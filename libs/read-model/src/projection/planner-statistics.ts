import type { Pool } from 'pg';
import type { QualifiedTables } from '../schema/table-names';

export interface PlannerStatisticsOptions {
  /** Look at the tables' counters after this many applied events. */
  checkEveryEvents?: number;
  /** A table is analyzed once it has this many pages and twice the pages it had at its last ANALYZE or VACUUM. */
  minPages?: number;
}

/**
 * The read-model tables whose size on disk now is at least max($2, twice the pages at their last ANALYZE or VACUUM).
 * The file's size, not pg_stat's modification counters: those reach other sessions only when the writer flushes
 * them (up to 10 s later), the size at once.
 */
const GROWN_TABLES_SQL = `SELECT c.oid::regclass::text AS name FROM pg_class c
 WHERE c.oid = ANY($1::regclass[])
   AND pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest($2::int, 2 * c.relpages)`;

/**
 * Keeps the planner's statistics up with read-model tables that grow fast, as a fresh deployment's
 * first sync does. The gateway's reads are prepared statements, and a plan made while a table was
 * nearly empty (no statistics: "one row per tenant") stays cached until the table is analyzed, so
 * `WHERE tenant_id = $1 AND id = $2` then scans the whole tenant through another (tenant_id, …)
 * index and filters on id, ~1 ms per read at 2,500 users, growing with each user, until autovacuum's
 * next round (autovacuum_naptime, 1 min by default). The projector knows when it wrote enough to
 * matter: it analyzes a table each time its size has doubled (from minPages on), off the batch's
 * transaction; ANALYZE invalidates the cached plans of every connection. ~10 ANALYZEs up to 100k users.
 */
export class PlannerStatistics {
  private readonly checkEveryEvents: number;
  private readonly minPages: number;
  private readonly tableNames: string[];
  private eventsSinceCheck = 0;
  private running: Promise<string[]> | undefined;

  constructor(
    private readonly pool: Pool,
    tables: QualifiedTables,
    options: PlannerStatisticsOptions = {},
  ) {
    this.checkEveryEvents = options.checkEveryEvents ?? 500;
    this.minPages = options.minPages ?? 8;
    this.tableNames = Object.values(tables);
  }

  /** Counts a committed batch; now and then starts a check in the background (never more than one). */
  recordApplied(events: number): void {
    this.eventsSinceCheck += events;
    if (this.running || this.eventsSinceCheck < this.checkEveryEvents) return;
    this.eventsSinceCheck = 0;
    this.running = this.refresh()
      // Best effort: a failed check or ANALYZE (an outage, a lock timeout) leaves it to the next check or autovacuum.
      .catch(() => [])
      .finally(() => (this.running = undefined));
  }

  /** Analyzes the tables that grew past the rule; returns their names. */
  async refresh(): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(GROWN_TABLES_SQL, [this.tableNames, this.minPages]);
    for (const { name } of rows) await this.pool.query(`ANALYZE ${name}`);
    return rows.map((row) => row.name);
  }

  /** Resolves when no check is running (tests, shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }
}
