import { parseFilter } from '@lib/scim';
import { UserQueries } from '@lib/read-model';
import { createTestDatabase } from '../../../support/database';
import { Pool } from 'pg';
it('probe', async () => {
  const db = await createTestDatabase();
  const pool = new Pool({ connectionString: db.url });
  let t = Date.now();
  await pool.query(`INSERT INTO scim_users_v1 (tenant_id, id, user_name, active, resource, version, stream_revision, created, last_modified)
       SELECT 'tenant-big', 'x' || i, 'person' || i || '@example.com', true, '{}', 'W/"0"', 0, now(), now() FROM generate_series(1, 100000) i`);
  console.log('users', Date.now() - t); t = Date.now();
  await pool.query(`INSERT INTO scim_user_emails_v1 (tenant_id, user_id, ordinal, value) SELECT 'tenant-big', 'x' || i, 0, 'p' || i || '@example.com' FROM generate_series(1, 100000) i`);
  console.log('emails', Date.now() - t); t = Date.now();
  await pool.query('ANALYZE scim_users_v1, scim_user_emails_v1');
  const capture = { query: async (text: string, values?: unknown[]) => {
    if (text.startsWith('SELECT count(*)')) console.log((await pool.query(`EXPLAIN ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    return pool.query(text, values);
  } };
  const probe = new UserQueries(capture as never);
  for (const filter of ['userName co "son1234@"', 'emails.value co "1234@ex"']) {
    t = Date.now();
    await probe.list('tenant-big', { filter: parseFilter(filter), count: 0 });
    console.log(filter, Date.now() - t);
  }
  await pool.end(); await db.drop();
}, 120000);
