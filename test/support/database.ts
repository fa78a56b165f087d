import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { useBeforeAll } from './hooks';
import { runMigrations } from '../../libs/platform/src/database/run-migrations';

const OBJECT_IN_USE = '55006';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.SCIM_TEST_PG_ADMIN_URL;
  if (!url)
    throw new Error(
      'SCIM_TEST_PG_ADMIN_URL is not set: run integration and e2e tests through jest, ' +
        'whose globalSetup starts PostgreSQL',
    );
  return url;
}

/** A fresh database on the run's PostgreSQL with every migration applied. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl().replace(/\/postgres$/, `/${name}`);
  if (options.migrate !== false) await runMigrations(url);
  return {
    url,
    async drop() {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        // Never WITH (FORCE): terminating a connection that some pool or LISTEN client of the
        // test still holds makes pg emit an 'error' event nobody handles, which fails the suite.
        // A database still in use is left to the throwaway cluster, removed at the end of the run.
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE) throw error;
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh database (all migrations) for the tests of a describe block: created in beforeAll, dropped in afterAll. */
export function useTestDatabase(): TestDatabase {
  return useBeforeAll(createTestDatabase, (db) => db.drop());
}

/**
 * A pool of `max` connections on a database of the block, ended before the database is dropped
 * (hooks.ts). The URL is read when the pool opens, after the hook that made the database.
 */
export function usePool(url: () => string, max: number): Pool {
  return useBeforeAll(
    async () => new Pool({ connectionString: url(), max }),
    (pool) => pool.end(),
  );
}
