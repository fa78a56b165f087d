import { Pool } from 'pg';
import { startRestartablePostgres, type RestartablePostgres } from '../../support/restartable-postgres';

describe('restartable PostgreSQL for fault tests', () => {
  let pg: RestartablePostgres;
  beforeAll(async () => {
    pg = await startRestartablePostgres({ migrate: false });
  });
  afterAll(async () => pg.destroy());

  it('keeps committed rows across a SIGKILL and a fast stop, on the same URL', async () => {
    const pool = new Pool({ connectionString: pg.url, max: 2 });
    pool.on('error', () => undefined);
    await pool.query('CREATE TABLE kept (n int)');
    await pool.query('INSERT INTO kept VALUES (1)');
    await pg.kill();
    await expect(pool.query('SELECT 1')).rejects.toThrow();
    await pg.start();
    await pool.query('INSERT INTO kept VALUES (2)');
    await pg.stop();
    await pg.start();
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM kept');
    expect(rows[0].n).toBe(2);
    await pool.end();
  });
});
