import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@lib/event-store';
import { testEvent } from '../../../libs/event-store/src/testing/contract';
import { useTestDatabase } from '../../support/database';
import { useBeforeAll } from '../../support/hooks';
import { startRestartablePostgres } from '../../support/restartable-postgres';

jest.setTimeout(120_000);

/**
 * What only the PostgreSQL adapter promises beyond the shared contract: group commit, gap-free positions, split on bad
 * data, outages.
 */
describe('PostgreSQL event store: group commit', () => {
  const db = useTestDatabase();
  const store = useBeforeAll(
    async () => new PostgresEventStore({ connectionString: db.url, maxConnections: 8 }),
    (opened) => opened.close(),
  );

  it('commits concurrent appends together, with gap-free consecutive positions', async () => {
    const before = store.appendStats();
    const head = await store.headPosition();
    const results = await Promise.all(
      Array.from({ length: 64 }, () => store.append(`s-${randomUUID()}`, 'no_stream', [testEvent('C')])),
    );
    const after = store.appendStats();
    expect(after.appends - before.appends).toBe(64);
    expect(after.flushes - before.flushes).toBeLessThan(64);
    expect(results.map((r) => r.lastGlobalPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 64 }, (_, i) => head + 1 + i),
    );
    expect(await store.headPosition()).toBe(head + 64);
  });

  it('a bad append (a NUL the database refuses) fails alone; the appends of its flush are written', async () => {
    const good = Array.from({ length: 20 }, () => store.append(`g-${randomUUID()}`, 'no_stream', [testEvent('Good')]));
    const bad = store.append(`b-${randomUUID()}`, 'no_stream', [testEvent('Bad', { text: 'a\u0000b' })]);
    const outcomes = await Promise.allSettled([...good, bad]);
    expect(outcomes.slice(0, 20).every((o) => o.status === 'fulfilled')).toBe(true);
    expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: { code: '22P05' } });
  });

  it('refuses an event id that is not a UUID before anything is sent', async () => {
    await expect(store.append('s-x', 'any', [{ ...testEvent('A'), eventId: 'not-a-uuid' }])).rejects.toThrow(
      /not a UUID/,
    );
  });

  it('with the metadata time source, stamps the appender time but never earlier than the last event', async () => {
    const importer = new PostgresEventStore({ connectionString: db.url, maxConnections: 2, timeSource: 'metadata' });
    try {
      const stream = `i-${randomUUID()}`;
      await importer.append(stream, 'no_stream', [testEvent('A', {}, 't', '2099-01-01T00:00:00.000Z')]);
      await importer.append(stream, 0, [testEvent('B', {}, 't', '2000-01-01T00:00:00.000Z')]);
      const [a, b] = await importer.readStream(stream);
      expect(a.metadata.occurredAt).toBe('2099-01-01T00:00:00.000Z');
      expect(b.metadata.occurredAt).toBe('2099-01-01T00:00:00.000Z');
      expect(b.metadata.requestedAt).toBe('2000-01-01T00:00:00.000Z');
    } finally {
      await importer.close();
    }
  });
});

describe('PostgreSQL event store: appends while the server is stopped and SIGKILLed (its own durable server)', () => {
  it(
    'rejects appends during the outage without crashing the process, keeps every ' +
      'acknowledged append, and works again after',
    async () => {
      const pg = await startRestartablePostgres();
      const store = new PostgresEventStore({ connectionString: pg.url, maxConnections: 4 });
      const acknowledged: string[] = [];
      let failures = 0;
      let running = true;
      const load = (async () => {
        while (running) {
          const stream = `load-${randomUUID()}`;
          await Promise.all(
            Array.from({ length: 8 }, () =>
              store.append(`${stream}-${randomUUID()}`, 'no_stream', [testEvent('L')]).then(
                (r) => acknowledged.push(String(r.lastGlobalPosition)),
                () => failures++,
              ),
            ),
          );
        }
      })();
      try {
        for (const outage of ['kill', 'stop'] as const) {
          await waitFor(() => acknowledged.length > 50);
          await (outage === 'kill' ? pg.kill() : pg.stop());
          const failedBefore = failures;
          await waitFor(() => failures > failedBefore);
          await pg.start();
          const count = acknowledged.length;
          await waitFor(() => acknowledged.length > count + 20);
        }
      } finally {
        running = false;
        await load;
      }
      const positions = new Set(acknowledged);
      expect(positions.size).toBe(acknowledged.length);
      const stored = await store.readAll({ after: 0, maxCount: 1_000_000 });
      const storedPositions = new Set(stored.map((e) => String(e.globalPosition)));
      for (const position of positions) expect(storedPositions.has(position)).toBe(true);
      await store.close();
      await pg.destroy();
    },
  );
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
