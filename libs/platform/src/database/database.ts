import { join, resolve } from 'node:path';
import type { Environment } from '../config/environment';
import { startEmbeddedPostgres } from '../embedded-postgres/embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Where the embedded server keeps its data (it may move out of DATA_DIR, see embedded-postgres.ts). */
  dataDir?: string;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'scim';

/** DATABASE_URL when set; otherwise a real PostgreSQL started from node_modules, data under DATA_DIR. */
export async function resolveDatabase(
  env: Environment,
  log: (line: string) => void = () => undefined,
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ dataDir: join(resolve(env.DATA_DIR), 'postgres'), log });
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: server.adminUrl.replace(/\/postgres$/, `/${EMBEDDED_DATABASE}`),
    embedded: true,
    dataDir: server.dataDir,
    stop: server.stop,
  };
}
