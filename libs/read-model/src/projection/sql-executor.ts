/** What the read model needs of a connection: pg's Client, PoolClient and Pool all fit. */
export interface SqlExecutor {
  query<R extends Record<string, any> = any>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}
