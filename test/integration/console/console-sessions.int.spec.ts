import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { AuditorCredentials } from '@lib/audit';
import { PostgresEventStore } from '@lib/event-store';
import { ConsoleSessions } from '../../../libs/console/src/session/console-sessions';
import { SessionPolicy } from '../../../libs/console/src/session/console-session';
import { SessionStore } from '../../../libs/console/src/session/session-store';
import { SignInLimiter, SignInLimits } from '../../../libs/console/src/sign-in/sign-in-limiter';
import { sha256 } from '../../../libs/console/src/shared/secrets';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** A clock the test moves; shared by the "replicas" of one test. */
class MovableClock {
  constructor(private at = new Date('2025-03-14T09:00:00Z')) {}
  now = () => this.at;
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

describe('console sessions and sign-in limits in PostgreSQL', () => {
  let db: TestDatabase;
  const pools: Pool[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await db?.drop();
  });
  const replica = (clock: MovableClock) => {
    const pool = new Pool({ connectionString: db.url, max: 2 });
    pools.push(pool);
    return {
      pool,
      sessions: new ConsoleSessions(new SessionStore(pool), clock),
      limiter: new SignInLimiter(pool, clock),
    };
  };
  const always = async () => true;

  it(
    'a session opened by one replica is known to another, stored only as the hash of its id, and gone ' +
      'everywhere after sign-out',
    async () => {
      const clock = new MovableClock();
      const a = replica(clock);
      const b = replica(clock);
      const { id } = await a.sessions.open({ role: 'operator', tenantId: null, credentialRef: 'fingerprint' });
      expect(await b.sessions.resolve(id, always)).toMatchObject({ role: 'operator', tenantId: null });
      const { rows } = await a.pool.query('SELECT id_hash FROM console_sessions_v1');
      expect(rows.map((r) => r.id_hash)).toContain(sha256(id));
      expect(JSON.stringify(rows)).not.toContain(id);
      await b.sessions.end(id);
      expect(await a.sessions.resolve(id, always)).toBeUndefined();
    },
  );

  it('ends a session idle for 30 minutes, and any session 8 hours after sign-in, deleting its row', async () => {
    const clock = new MovableClock();
    const { sessions, pool } = replica(clock);
    const idle = await sessions.open({ role: 'operator', tenantId: null, credentialRef: 'fingerprint' });
    const busy = await sessions.open({ role: 'operator', tenantId: null, credentialRef: 'fingerprint' });
    for (let minutes = 0; minutes < SessionPolicy.maxLifetimeMs / 60_000 - 20; minutes += 20) {
      clock.advance(20 * 60_000);
      expect(await sessions.resolve(busy.id, always)).toBeDefined();
    }
    expect(await sessions.resolve(idle.id, always)).toBeUndefined();
    clock.advance(20 * 60_000);
    expect(await sessions.resolve(busy.id, always)).toBeUndefined();
    const left = await pool.query('SELECT 1 FROM console_sessions_v1 WHERE id_hash = ANY($1)', [
      [sha256(idle.id), sha256(busy.id)],
    ]);
    expect(left.rowCount).toBe(0);
  });

  it(
    "ends an auditor's session when the credential it was granted on is revoked, and an operator's when the " +
      'grant no longer holds',
    async () => {
      const clock = new MovableClock();
      const { sessions, pool } = replica(clock);
      const store = new PostgresEventStore({ pool });
      const credentials = new AuditorCredentials(pool, store);
      const issued = await credentials.issue('acme');
      const stillActive = async (s: { tenantId: string | null; credentialRef: string }) =>
        s.tenantId !== null && (await credentials.isActive(s.tenantId, s.credentialRef));
      const auditor = await sessions.open({ role: 'auditor', tenantId: 'acme', credentialRef: issued.id });
      expect(await sessions.resolve(auditor.id, stillActive)).toMatchObject({ role: 'auditor', tenantId: 'acme' });
      expect(await credentials.isActive('acme-x', issued.id)).toBe(false);
      expect(await credentials.revoke('acme', issued.id)).toBe(true);
      expect(await sessions.resolve(auditor.id, stillActive)).toBeUndefined();

      const operator = await sessions.open({
        role: 'operator',
        tenantId: null,
        credentialRef: 'old-token-fingerprint',
      });
      expect(
        await sessions.resolve(operator.id, async (s) => s.credentialRef === 'new-token-fingerprint'),
      ).toBeUndefined();
      expect(await sessions.resolve(operator.id, always)).toBeUndefined(); // deleted, not just refused once
    },
  );

  it(
    'refuses a credential after 10 failures and an address after 30 until the window ends; a success clears ' +
      'only the credential',
    async () => {
      const clock = new MovableClock();
      const { limiter } = replica(clock);
      const address = `192.0.2.${randomBytes(1)[0]}`;
      const credential = { address, credentialId: randomBytes(8).toString('hex') };
      for (let i = 0; i < SignInLimits.failuresPerCredential; i++) {
        expect(await limiter.retryAfterSeconds(credential)).toBe(0);
        await limiter.recordFailure(credential);
      }
      expect(await limiter.retryAfterSeconds(credential)).toBe(SignInLimits.windowMs / 1000);
      expect(
        await limiter.retryAfterSeconds({ address: '198.51.100.1', credentialId: credential.credentialId }),
      ).toBeGreaterThan(0);
      expect(await limiter.retryAfterSeconds({ address, credentialId: 'another' })).toBe(0);
      clock.advance(SignInLimits.windowMs);
      expect(await limiter.retryAfterSeconds(credential)).toBe(0);

      for (let i = 0; i < SignInLimits.failuresPerAddress; i++)
        await limiter.recordFailure({ address, credentialId: undefined });
      expect(await limiter.retryAfterSeconds({ address, credentialId: 'any' })).toBeGreaterThan(0);
      await limiter.recordSuccess(credential);
      expect(await limiter.retryAfterSeconds({ address, credentialId: 'any' })).toBeGreaterThan(0);
      clock.advance(SignInLimits.windowMs);
      expect(await limiter.retryAfterSeconds({ address, credentialId: 'any' })).toBe(0);
      expect(await limiter.deleteStale()).toBeGreaterThan(0);
    },
  );
});
