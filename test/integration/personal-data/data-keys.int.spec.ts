import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresEventStore, type EventToAppend } from '@lib/event-store';
import {
  ERASED,
  EncryptingEventStore,
  LocalKeyEncryptionKeys,
  PersonalDataCodec,
  PgDataKeys,
  subjectKey,
} from '@lib/personal-data';
import { userStream } from '@lib/domain';
import { usePool, useTestDatabase } from '../../support/database';

jest.setTimeout(60_000);

describe('data keys in PostgreSQL, wrapped by the key-encryption key', () => {
  const db = useTestDatabase();
  const pool = usePool(() => db.url, 6);
  const kekBytes = randomBytes(32);
  const kek = new LocalKeyEncryptionKeys(kekBytes);

  const subject = () => ({ tenantId: 'acme', userId: randomUUID() });

  it('creates one key per person however many processes ask at once, and stores it only wrapped', async () => {
    const someone = subject();
    const instances = Array.from({ length: 4 }, () => new PgDataKeys(pool, kek));
    const keys = await Promise.all(
      instances.flatMap((keys) => [keys.forWriting([someone]), keys.forWriting([someone, subject()])]),
    );
    const values = keys.map((map) => map.get(subjectKey(someone)) as Buffer);
    for (const value of values) expect(value.equals(values[0]!)).toBe(true);
    const { rows } = await pool.query(
      'SELECT wrapped_key, kek_id FROM personal_data_keys WHERE tenant_id = $1 AND user_id = $2',
      [someone.tenantId, someone.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].kek_id).toBe(kek.currentKeyId);
    expect((rows[0].wrapped_key as Buffer).includes(values[0]!)).toBe(false);
  });

  it(
    'keyCommit flushed-with-the-events (the service on PostgreSQL): keys created in one ' +
      'batch are stored and read back alike by another process',
    async () => {
      const people = Array.from({ length: 50 }, subject);
      const session = await pool.connect();
      try {
        const setting = async () =>
          (await session.query("SELECT current_setting('synchronous_commit') AS value")).rows[0].value as string;
        await session.query("SET synchronous_commit = 'remote_write'");
        const written = await new PgDataKeys(session, kek, { keyCommit: 'flushed-with-the-events' }).forWriting(people);
        // The relaxed commit is local to the key insert: the session's own setting is untouched.
        expect(await setting()).toBe('remote_write');
        const read = await new PgDataKeys(pool, kek).forReading(people);
        for (const person of people)
          expect((read.get(subjectKey(person)) as Buffer).equals(written.get(subjectKey(person)) as Buffer)).toBe(true);
      } finally {
        await session.query('RESET synchronous_commit');
        session.release();
      }
    },
  );

  it(
    'a destroyed key reads as erased here at once, in another process once its cache entry ' +
      'expires, and is never recreated',
    async () => {
      const someone = subject();
      const here = new PgDataKeys(pool, kek);
      const there = new PgDataKeys(pool, kek, { cacheTtlMs: 50 });
      await here.forWriting([someone]);
      expect((await there.forReading([someone])).get(subjectKey(someone))).toBeInstanceOf(Buffer);
      await here.destroy(someone);
      expect((await here.forReading([someone])).get(subjectKey(someone))).toBe(ERASED);
      await new Promise((r) => setTimeout(r, 60));
      expect((await there.forReading([someone])).get(subjectKey(someone))).toBe(ERASED);
      expect((await new PgDataKeys(pool, kek).forWriting([someone])).get(subjectKey(someone))).toBe(ERASED);
      const { rows } = await pool.query(
        'SELECT kek_id, wrapped_key, erased_at FROM personal_data_keys WHERE tenant_id = $1 AND user_id = $2',
        [someone.tenantId, someone.userId],
      );
      expect(rows[0]).toMatchObject({ kek_id: null, wrapped_key: null, erased_at: expect.any(Date) });
    },
  );

  it('rotation: after a rewrap every key is wrapped by the new KEK and the old one is no longer needed', async () => {
    const people = Array.from({ length: 7 }, subject);
    const before = new PgDataKeys(pool, kek);
    const original = await before.forWriting(people);
    const nextBytes = randomBytes(32);
    const next = new LocalKeyEncryptionKeys(nextBytes);
    await expect(new PgDataKeys(pool, next).assertKeksAvailable()).rejects.toThrow(/not configured/);
    const rotating = new PgDataKeys(pool, new LocalKeyEncryptionKeys(nextBytes, [kekBytes]));
    await rotating.assertKeksAvailable();
    const { rewrapped } = await rotating.rewrap(3);
    expect(rewrapped).toBeGreaterThanOrEqual(people.length);
    expect((await rotating.status()).byKek).toEqual([
      { kekId: next.currentKeyId, keys: expect.any(Number), current: true },
    ]);
    const afterwards = await new PgDataKeys(pool, next).forReading(people);
    for (const person of people)
      expect((afterwards.get(subjectKey(person)) as Buffer).equals(original.get(subjectKey(person)) as Buffer)).toBe(
        true,
      );
    await new PgDataKeys(pool, next).assertKeksAvailable();
  });

  it(
    'the events table holds only ciphertext for personal attributes; reads give them back, ' + 'or the erased view',
    async () => {
      const keys = new PgDataKeys(pool, new LocalKeyEncryptionKeys(randomBytes(32), []));
      const store = new EncryptingEventStore(new PostgresEventStore({ pool }), new PersonalDataCodec(keys));
      const tenantId = `t${randomBytes(4).toString('hex')}`;
      const userId = randomUUID();
      const name = `zq-${randomBytes(6).toString('hex')}@example.test`;
      const requestId = randomUUID();
      const metadata = {
        tenantId,
        actor: { kind: 'system' as const },
        requestId,
        correlationId: requestId,
        causationId: requestId,
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
      };
      const provisioned: EventToAppend = {
        eventId: randomUUID(),
        type: 'UserProvisioned',
        data: {
          tenantId,
          userId,
          userName: name,
          externalId: null,
          active: true,
          resource: { userName: name, name: { familyName: 'Quokkason' } },
        },
        metadata,
      };
      await store.append(userStream(tenantId, userId), 'no_stream', [provisioned]);
      const { rows } = await pool.query('SELECT data::text AS data FROM events WHERE event_id = $1', [
        provisioned.eventId,
      ]);
      expect(rows[0].data).not.toContain(name);
      expect(rows[0].data).not.toContain('Quokkason');
      const [read] = await store.readStream(userStream(tenantId, userId));
      expect(read!.data).toMatchObject(provisioned.data);
      await keys.destroy({ tenantId, userId });
      const [erased] = await store.readAll({ after: read!.globalPosition - 1, maxCount: 1 });
      expect(erased!.data).toMatchObject({ tenantId, userId, active: true, userName: '', resource: {}, erased: true });
    },
  );
});
