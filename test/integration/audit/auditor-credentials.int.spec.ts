import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  AuditorCredentials,
  AuditorEventTypes,
  AuditTables,
  auditorStream,
  generateAuditorSecret,
  hashAuditorSecret,
} from '@lib/audit';
import { PostgresEventStore, type EventStore } from '@lib/event-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** The store, except that appends fail (the database refusing them, or a lost connection). */
function failingAppends(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append' || property === 'appendMany') return () => Promise.reject(new Error('append failed'));
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * Issue 20 §5: issuing or revoking an auditor credential wrote the table row and appended the
 * event separately, so a failed append left a working credential with no audit record. A
 * credential is now its events (like a SCIM API key): one append, nothing else.
 */
describe('auditor credentials are their events', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let credentials: AuditorCredentials;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    store = new PostgresEventStore({ pool });
    credentials = new AuditorCredentials(pool, store);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it(
    'issuing appends one event carrying the hash; the credential works for its tenant only, and no table row ' +
      'is written',
    async () => {
      const issued = await credentials.issue('acme');
      const events = await store.readStream(auditorStream('acme'));
      expect(events.map((e) => [e.type, e.data.credentialId, e.data.secretHash])).toEqual([
        [AuditorEventTypes.issued, issued.id, hashAuditorSecret(issued.secret)],
      ]);
      expect(JSON.stringify(events)).not.toContain(issued.secret);
      expect(await credentials.verify(issued.secret, 'acme')).toEqual({ tenantId: 'acme', credentialId: issued.id });
      expect(await credentials.verify(issued.secret, 'other')).toBeUndefined();
      expect(await credentials.verify(`${issued.secret.slice(0, -1)}x`, 'acme')).toBeUndefined();
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${AuditTables.credentials}`)).rows[0].n).toBe(0);
      expect(await credentials.list('acme')).toEqual([
        { id: issued.id, tenantId: 'acme', createdAt: issued.createdAt, revokedAt: null },
      ]);
    },
  );

  it('revoking appends one event; the credential stops at once; a second revoke finds nothing', async () => {
    const issued = await credentials.issue('revoking');
    expect(await credentials.revoke('revoking', issued.id)).toBe(true);
    expect(await credentials.verify(issued.secret, 'revoking')).toBeUndefined();
    expect(await credentials.revoke('revoking', issued.id)).toBe(false);
    expect(await credentials.revoke('revoking', 'no-such-id')).toBe(false);
    expect((await store.readStream(auditorStream('revoking'))).map((e) => e.type)).toEqual([
      AuditorEventTypes.issued,
      AuditorEventTypes.revoked,
    ]);
    expect((await credentials.list('revoking'))[0].revokedAt).toEqual(expect.any(String));
  });

  it('two concurrent revokes record one revocation', async () => {
    const issued = await credentials.issue('race');
    const outcomes = await Promise.all([credentials.revoke('race', issued.id), credentials.revoke('race', issued.id)]);
    expect(outcomes.sort()).toEqual([false, true]);
    expect(
      (await store.readStream(auditorStream('race'))).filter((e) => e.type === AuditorEventTypes.revoked),
    ).toHaveLength(1);
  });

  it(
    'a failed append leaves nothing behind: no credential on issue, an unchanged (recorded) credential on ' + 'revoke',
    async () => {
      const broken = new AuditorCredentials(pool, failingAppends(store));
      await expect(broken.issue('failing')).rejects.toThrow('append failed');
      expect(await credentials.list('failing')).toEqual([]);
      expect(
        (await pool.query(`SELECT count(*)::int AS n FROM ${AuditTables.credentials} WHERE tenant_id = 'failing'`))
          .rows[0].n,
      ).toBe(0);

      const issued = await credentials.issue('failing');
      await expect(broken.revoke('failing', issued.id)).rejects.toThrow('append failed');
      // Not revoked, and its issue is on record: the log and the behaviour agree.
      expect(await credentials.verify(issued.secret, 'failing')).toEqual({
        tenantId: 'failing',
        credentialId: issued.id,
      });
      expect((await store.readStream(auditorStream('failing'))).map((e) => e.type)).toEqual([AuditorEventTypes.issued]);
    },
  );

  it('a credential issued before the hash moved into the event still works from its row, until revoked', async () => {
    const legacy = generateAuditorSecret();
    const createdAt = new Date().toISOString();
    await pool.query(
      `INSERT INTO ${AuditTables.credentials} (id, tenant_id, secret_hash, created_at) VALUES ($1, 'legacy', $2, $3)`,
      [legacy.id, legacy.secretHash, createdAt],
    );
    const requestId = randomUUID();
    await store.append(auditorStream('legacy'), 'any', [
      {
        eventId: randomUUID(),
        type: AuditorEventTypes.issued,
        data: { tenantId: 'legacy', credentialId: legacy.id, createdAt },
        metadata: {
          tenantId: 'legacy',
          actor: { kind: 'operator' },
          requestId,
          correlationId: requestId,
          causationId: requestId,
          occurredAt: createdAt,
          schemaVersion: 1,
        },
      },
    ]);
    expect(await credentials.verify(legacy.secret, 'legacy')).toEqual({ tenantId: 'legacy', credentialId: legacy.id });
    expect(await credentials.revoke('legacy', legacy.id)).toBe(true);
    expect(await credentials.verify(legacy.secret, 'legacy')).toBeUndefined();
  });
});
