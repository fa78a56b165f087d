import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/database';

describe('embedded PostgreSQL started by the test run', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is a real PostgreSQL 17 server with the migrations table', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const version = await client.query<{ server_version: string }>('SHOW server_version');
      expect(version.rows[0].server_version).toMatch(/^17\./);
      const table = await client.query("SELECT to_regclass('public.schema_migrations') AS t");
      expect(table.rows[0].t).toBe('schema_migrations');
    } finally {
      await client.end();
    }
  });
});
