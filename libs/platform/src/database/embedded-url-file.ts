import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * While `npm start` runs on the embedded PostgreSQL (a new port each start), its URL is kept in
 * DATA_DIR/database-url (mode 600) so that CLIs such as `npm run projections:rebuild` can reach
 * the same database without configuration.
 */
export function embeddedUrlFile(dataDir: string): string {
  return join(resolve(dataDir), 'database-url');
}

export function publishEmbeddedUrl(dataDir: string, url: string): () => void {
  const file = embeddedUrlFile(dataDir);
  writeFileSync(file, `${url}\n`, { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** DATABASE_URL, else the URL of a running embedded quickstart, else a clear error. */
export function serviceDatabaseUrl(databaseUrl: string | undefined, dataDir: string): string {
  if (databaseUrl) return databaseUrl;
  const file = embeddedUrlFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(
    `set DATABASE_URL, or start the service first (npm start) so that ${file} names its embedded database`,
  );
}
