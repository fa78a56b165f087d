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
import { createTestDatabase } from '../../support/database';
import { useBeforeAll } from '../../support/hooks';

/** The store, except that appends fail (the database refusing them, or a lost connection). */
function failingAppends(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append' || property === 'appendMany') return () => Promise.reject(new Error('append failed'));
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A migrated database of its own, its event store and the credentials service on them. */
async function openCredentials() {
  const db = await createTestDatabase();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const store = new PostgresEventStore({ pool });
  return { db, pool, store, credentials: new AuditorCredentials(pool, store) };
}

async function closeCredentials({ db, pool, store }: Awaited<ReturnType<typeof openCredentials>>): Promise<void> {
  await store.close();
  await pool.end();
  await db.drop();
}

/**
 * Issue 20 §5: issuing or revoking an auditor credential wrote the table row and appended the
 * event separately, so a failed append left a working credential with no audit record. A
 * credential is now its events (like a SCIM API key): one append, nothing else.
 */
describe('auditor credentials are their events', () => {
  const fixture = useBeforeAll(openCredentials, closeCredentials);

  it(
    'issuing appends one event carrying the hash; the credential works for its tenant only, and no table row ' +
      'is written',
    async () => {
      const issued = await fixture.credentials.issue('acme');
      const events = await fixture.store.readStream(auditorStream('acme'));
      expect(events.map((e) => [e.type, e.data.credentialId, e.data.secretHash])).toEqual([
        [AuditorEventTypes.issued, issued.id, hashAuditorSecret(issued.secret)],
      ]);
      expect(JSON.stringify(events)).not.toContain(issued.secret);
      expect(await fixture.credentials.verify(issued.secret, 'acme')).toEqual({
        tenantId: 'acme',
        credentialId: issued.id,
      });
      expect(await fixture.credentials.verify(issued.secret, 'other')).toBeUndefined();
      expect(await fixture.credentials.verify(`${issued.secret.slice(0, -1)}x`, 'acme')).toBeUndefined();
      expect((await fixture.pool.query(`SELECT count(*)::int AS n FROM ${AuditTables.credentials}`)).rows[0].n).toBe(0);
      expect(await fixture.credentials.list('acme')).toEqual([
        { id: issued.id, tenantId: 'acme', createdAt: issued.createdAt, revokedAt: null },
      ]);
    },
  );

  it('revoking appends one event; the credential stops at once; a second revoke finds nothing', async () => {
    const issued = await fixture.credentials.issue('revoking');
    expect(await fixture.credentials.revoke('revoking', issued.id)).toBe(true);
    expect(await fixture.credentials.verify(issued.secret, 'revoking')).toBeUndefined();
    expect(await fixture.credentials.revoke('revoking', issued.id)).toBe(false);
    expect(await fixture.credentials.revoke('revoking', 'no-such-id')).toBe(false);
    expect((await fixture.store.readStream(auditorStream('revoking'))).map((e) => e.type)).toEqual([
      AuditorEventTypes.issued,
      AuditorEventTypes.revoked,
    ]);
    expect((await fixture.credentials.list('revoking'))[0].revokedAt).toEqual(expect.any(String));
  });

  it('two concurrent revokes record one revocation', async () => {
    const issued = await fixture.credentials.issue('race');
    const outcomes = await Promise.all([
      fixture.credentials.revoke('race', issued.id),
      fixture.credentials.revoke('race', issued.id),
    ]);
    expect(outcomes.sort()).toEqual([false, true]);
    expect(
      (await fixture.store.readStream(auditorStream('race'))).filter((e) => e.type === AuditorEventTypes.revoked),
    ).toHaveLength(1);
  });

  it(
    'a failed append leaves nothing behind: no credential on issue, an unchanged (recorded) credential on ' + 'revoke',
    async () => {
      const broken = new AuditorCredentials(fixture.pool, failingAppends(fixture.store));
      await expect(broken.issue('failing')).rejects.toThrow('append failed');
      expect(await fixture.credentials.list('failing')).toEqual([]);
      expect(
        (
          await fixture.pool.query(
            `SELECT count(*)::int AS n FROM ${AuditTables.credentials} WHERE tenant_id = 'failing'`,
          )
        ).rows[0].n,
      ).toBe(0);

      const issued = await fixture.credentials.issue('failing');
      await expect(broken.revoke('failing', issued.id)).rejects.toThrow('append failed');
      // Not revoked, and its issue is on record: the log and the behaviour agree.
      expect(await fixture.credentials.verify(issued.secret, 'failing')).toEqual({
        tenantId: 'failing',
        credentialId: issued.id,
      });
      expect((await fixture.store.readStream(auditorStream('failing'))).map((e) => e.type)).toEqual([
        AuditorEventTypes.issued,
      ]);
    },
  );

  it('a credential issued before the hash moved into the event still works from its row, until revoked', async () => {
    const legacy = generateAuditorSecret();
    const createdAt = new Date().toISOString();
    await fixture.pool.query(
      `INSERT INTO ${AuditTables.credentials} (id, tenant_id, secret_hash, created_at) VALUES ($1, 'legacy', $2, $3)`,
      [legacy.id, legacy.secretHash, createdAt],
    );
    const requestId = randomUUID();
    await fixture.store.append(auditorStream('legacy'), 'any', [
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
    expect(await fixture.credentials.verify(legacy.secret, 'legacy')).toEqual({
      tenantId: 'legacy',
      credentialId: legacy.id,
    });
    expect(await fixture.credentials.revoke('legacy', legacy.id)).toBe(true);
    expect(await fixture.credentials.verify(legacy.secret, 'legacy')).toBeUndefined();
  });
});
