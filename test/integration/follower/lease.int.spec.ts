import { Pool } from 'pg';
import { LeaseLostError, PgFollowerStore, PgLeaderLease, type LeaseSession } from '@lib/follower';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { eventually } from '../../support/service-process';

describe('PgLeaderLease and the fenced commit (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  const sessions: LeaseSession[] = [];
  const leases: PgLeaderLease[] = [];
  const lease = (instance: string) => {
    const l = new PgLeaderLease({
      connection: pool.options,
      follower: 'lease-test',
      instance,
      heartbeatMs: 200,
      heartbeatTimeoutMs: 1000,
    });
    leases.push(l);
    return l;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    for (const s of sessions) await s.release();
    for (const l of leases) await l.close();
    await pool.end();
    await db.drop();
  });

  it(
    'one holder at a time; a lost lock connection lets a standby take over with a higher ' +
      'epoch, and the old epoch can no longer commit',
    async () => {
      const first = lease('first');
      const second = lease('second');
      const leader = (await first.tryAcquire())!;
      sessions.push(leader);
      expect(leader.epoch).toBe(1);
      expect(await second.tryAcquire()).toBeNull();

      const store = new PgFollowerStore(pool);
      expect(
        await store.transaction(
          'lease-test',
          leader.epoch,
          async (client) => (await client.query('SELECT 1 AS ok')).rows[0].ok,
        ),
      ).toBe(1);

      // The leader's lock connection is cut by the server (as a restart or a network cut would).
      await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = ` +
          `(SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(await leader.lost).toMatch(/lock connection|terminat/i);
      // The server releases the lock as the terminated backend exits: a standby's next try gets it.
      const next = await eventually('the standby to take the lease', () => second.tryAcquire(), 5000, 50);
      sessions.push(next);
      expect(next.epoch).toBe(2);
      expect(
        (await pool.query('SELECT holder FROM follower_leases WHERE name = $1', ['lease-test'])).rows[0].holder,
      ).toBe('second');

      // The deposed leader's commit is refused and leaves nothing behind.
      await pool.query('CREATE TABLE fenced_effects (n int)');
      await expect(
        store.transaction('lease-test', leader.epoch, (client) =>
          client.query('INSERT INTO fenced_effects VALUES (1)'),
        ),
      ).rejects.toBeInstanceOf(LeaseLostError);
      await store.transaction('lease-test', next.epoch, (client) =>
        client.query('INSERT INTO fenced_effects VALUES (2)'),
      );
      expect((await pool.query('SELECT n FROM fenced_effects')).rows).toEqual([{ n: 2 }]);
    },
  );

  it(
    'a commit of the old leader in flight when a new leader bumps the epoch finishes first; ' + 'the bump waits for it',
    async () => {
      for (const s of sessions.splice(0)) await s.release();
      const old = lease('old');
      const holder = await eventually('a leader', () => old.tryAcquire(), 5000, 50);
      sessions.push(holder);
      const store = new PgFollowerStore(pool);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const inFlight = store.transaction('lease-test', holder.epoch, async (client) => {
        await client.query('INSERT INTO fenced_effects VALUES (3)');
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      await holder.release();
      const taker = lease('taker');
      const taking = eventually('the next leader', () => taker.tryAcquire(), 5000, 50);
      await new Promise((r) => setTimeout(r, 300));
      // The epoch bump waits behind the old leader's open commit (its FOR SHARE on the lease row).
      expect(
        (await pool.query('SELECT epoch FROM follower_leases WHERE name = $1', ['lease-test'])).rows[0].epoch,
      ).toBe(String(holder.epoch));
      release();
      await inFlight;
      const next = await taking;
      sessions.push(next);
      expect(next.epoch).toBe(holder.epoch + 1);
      expect((await pool.query('SELECT n FROM fenced_effects ORDER BY n')).rows.map((r) => r.n)).toEqual([2, 3]);
    },
  );
});
