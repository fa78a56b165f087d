/** The slice of pg's Pool / PoolClient the audit code needs, so tests can pass either. */
export interface SqlExecutor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

/** An event the audit projection cannot apply: the projection stops on it rather than skip it. */
export class AuditProjectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditProjectionError';
  }
}
