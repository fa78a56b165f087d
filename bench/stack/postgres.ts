import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/platform/src/embedded-postgres/embedded-postgres';
import { onCleanup } from './cleanup';

export interface BenchPostgres {
  adminUrl: string;
  /** The database the service and the baselines use. */
  databaseUrl: string;
  version: string;
  settings: Record<string, string>;
  /** The cluster's data directory (postmaster.pid names the server process). */
  dataDir: string;
}

/**
 * A fresh embedded PostgreSQL 17 with its DURABLE settings (fsync on, synchronous_commit on,
 * full_page_writes on: not the tests' ephemeral mode), in a temporary directory removed on stop.
 */
export async function startBenchPostgres(log: (line: string) => void, settings: string[] = []): Promise<BenchPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'scim-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, ephemeral: false, settings });
  onCleanup('PostgreSQL', async () => {
    await pg.stop();
    rmSync(pg.dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });
  const client = new Client({ connectionString: pg.adminUrl });
  await client.connect();
  try {
    await client.query('CREATE DATABASE scim_bench');
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const settings: Record<string, string> = {};
    for (const name of ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers']) {
      settings[name] = (await client.query<{ v: string }>(`SELECT current_setting('${name}') AS v`)).rows[0].v;
    }
    log(
      `PostgreSQL ${version} on port ${pg.port} (${Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
    );
    const databaseUrl = pg.adminUrl.replace(/\/postgres$/, '/scim_bench');
    return { adminUrl: pg.adminUrl, databaseUrl, version, settings, dataDir: pg.dataDir };
  } finally {
    await client.end();
  }
}
