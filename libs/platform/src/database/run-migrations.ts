import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { allMigrations } from './migrations';

/** An arbitrary constant: the advisory lock that serialises migration runs of several processes. */
const MIGRATION_LOCK = 7_143_001;

/**
 * Applies pending migrations; safe to call from several processes at once. `migrations` (tests of
 * an upgrade) runs a prefix of the list instead of all of them.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function runMigrations(url: string, migrations: Function[] = allMigrations): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      migrations,
      migrationsTableName: 'schema_migrations',
      migrationsTransactionMode: 'each',
      logging: false,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
