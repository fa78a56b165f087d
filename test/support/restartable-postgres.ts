import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../libs/platform/src/embedded-postgres/embedded-postgres';
import { findFreePort } from '../../libs/platform/src/net/free-port';
import { runMigrations } from '../../libs/platform/src/database/run-migrations';

/**
 * A PostgreSQL of a fault test's own (never the suite's shared server): durable settings (fsync
 * and synchronous_commit on), a fixed port and data directory, so it can be stopped, SIGKILLed
 * and started again under load while clients keep the same URL.
 */
export interface RestartablePostgres {
  /** Superuser URL of the migrated `scim` database. */
  url: string;
  adminUrl: string;
  /** Fast shutdown (SIGINT): open transactions roll back, clients see 57P01 then ECONNREFUSED. */
  stop(): Promise<void>;
  /** A crash: SIGKILL to the postmaster; its backends die with it, nothing is flushed. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server if running and removes its data. */
  destroy(): Promise<void>;
}

export async function startRestartablePostgres(options: { migrate?: boolean } = {}): Promise<RestartablePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'scim-fault-pg-'));
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'postgres');
  const port = await findFreePort();
  let running: RunningPostgres | null = await startEmbeddedPostgres({ dataDir, port, durable: true });
  const adminUrl = running.adminUrl;
  const url = adminUrl.replace(/\/postgres$/, '/scim');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE scim');
  await admin.end();
  if (options.migrate !== false) await runMigrations(url);

  const start = async () => {
    if (running) return;
    // After a SIGKILL the old backends notice their postmaster is gone within a moment; the
    // new postmaster refuses to start while they still hold shared memory, so try a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        running = await startEmbeddedPostgres({ dataDir, port, durable: true });
        return;
      } catch (error) {
        if (attempt >= 60) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  return {
    url,
    adminUrl,
    start,
    async stop() {
      await running?.stop();
      running = null;
    },
    async kill() {
      await running?.kill('SIGKILL');
      running = null;
    },
    async destroy() {
      await running?.stop();
      running = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
