/**
 * `npm run bench:read-model -- --users 1000000`: the read model alone at scale, without the HTTP
 * stack. Loads N users into the event store of a fresh durable embedded PostgreSQL, rebuilds the
 * read models from the log (events/s), then measures `userName eq` through UserQueries (the
 * gateway's query path: filter AST → parameterised SQL → rows). Default 1,000,000 users, ~3 min.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runReadModelBench } from '../libs/read-model/bench/read-model.bench';
import { startEmbeddedPostgres } from '../libs/platform/src/embedded-postgres/embedded-postgres';
import { runMigrations } from '../libs/platform/src/database/run-migrations';

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--users');
  const users = flag > 0 ? Number(process.argv[flag + 1]) : 1_000_000;
  if (!Number.isInteger(users) || users < 1) throw new Error('--users takes a positive whole number');
  const dataDir = mkdtempSync(join(tmpdir(), 'scim-bench-read-model-'));
  const postgres = await startEmbeddedPostgres({ dataDir, ephemeral: false });
  try {
    const admin = new Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_read_model');
    await admin.end();
    const url = postgres.adminUrl.replace(/\/postgres$/, '/bench_read_model');
    await runMigrations(url);
    const result = await runReadModelBench({
      databaseUrl: url,
      users,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:read-model failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
