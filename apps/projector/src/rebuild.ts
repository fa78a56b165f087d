/**
 * CLI: rebuild the SCIM read models from the whole event log into fresh tables and swap them in
 * (`npm run projections:rebuild`). Safe while the gateway and the projector run.
 */
import 'reflect-metadata';
import { Pool } from 'pg';
import { rebuildReadModels } from '@lib/read-model';
import { createEventStore } from '../../../libs/platform/src/infrastructure/event-store.factory';
import { validateEnvironment } from '../../../libs/platform/src/config/environment';
import { serviceDatabaseUrl } from '../../../libs/platform/src/database/embedded-url-file';
import { runMigrations } from '../../../libs/platform/src/database/run-migrations';

export async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const url = serviceDatabaseUrl(env.DATABASE_URL, env.DATA_DIR);
  await runMigrations(url);
  const pool = new Pool({ connectionString: url, max: 4 });
  const eventStore = createEventStore(env, url, pool);
  try {
    const report = await rebuildReadModels(url, eventStore, { log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(
      `rebuilt ${report.users} users and ${report.groups} groups from ${report.events} events in ` +
        `${report.seconds.toFixed(2)} s ` +
        `(${report.eventsPerSecond} events/s); checkpoint ${report.position}\n`,
    );
  } finally {
    await eventStore.close();
    await pool.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
