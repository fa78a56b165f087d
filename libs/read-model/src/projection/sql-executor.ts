/** A result row as pg returns it: columns by name, typed by the caller that reads them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped; each reader maps them.
export type DbRow = Record<string, any>;

/** What the read model needs of a connection: pg's Client, PoolClient and Pool all fit. */
export interface SqlExecutor {
  query<R extends DbRow = DbRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}
