import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, EventToAppend, RecordedEvent, Subscription } from '../event-store.port';
import { requestMetadata } from '../request-metadata';

/**
 * The behaviour every EventStore adapter promises, as one jest suite. Each adapter's integration
 * test calls this with a factory. Stream ids are unique per test, and reads of the global log
 * are filtered to the test's own streams, so the suite also runs against a shared server.
 */
export interface EventStoreContractFixture {
  store: EventStore;
  /** A second, independent instance (its own connections) over the same backing store. */
  connect(): Promise<EventStore>;
  dispose(): Promise<void>;
}

/**
 * `skipBecause`: the adapter's server is not available here; every case is then reported by jest
 * as skipped (with the reason in the suite name), never as passed.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreContractFixture>,
  options: { skipBecause?: string } = {},
): void {
  const describeOrSkip = options.skipBecause ? describe.skip : describe;
  describeOrSkip(
    `EventStore contract: ${name}${options.skipBecause ? ` (skipped: ${options.skipBecause})` : ''}`,
    () => {
      let fixture: EventStoreContractFixture;
      let store: EventStore;
      let prefix: string;
      const stream = (label: string) => `${prefix}${label}`;
      const mine = (events: RecordedEvent[]) => events.filter((e) => e.streamId.startsWith(prefix));

      beforeAll(async () => {
        fixture = await factory();
        store = fixture.store;
      });
      afterAll(() => fixture?.dispose());
      beforeEach(() => {
        prefix = `contract_${randomUUID().replace(/-/g, '')}-`;
      });

      describe('append and readStream', () => {
        it('appends events and reads them back in revision order with data, metadata and positions', async () => {
          const events = [testEvent('Opened', { n: 1 }), testEvent('Renamed', { n: 2, nested: { a: [1, 'x', null] } })];
          const result = await store.append(stream('s'), 'no_stream', events);
          expect(result.streams).toEqual([{ streamId: stream('s'), nextExpectedRevision: 1 }]);
          const read = await store.readStream(stream('s'));
          expect(read.map((e) => [e.eventId, e.type, e.data, e.metadata, e.streamRevision])).toEqual(
            events.map((e, i) => [
              e.eventId,
              e.type,
              e.data,
              { ...e.metadata, occurredAt: expect.any(String), requestedAt: e.metadata.occurredAt },
              i,
            ]),
          );
          expect(read[1].globalPosition).toBe(result.lastGlobalPosition);
          expect(read[0].globalPosition).toBeLessThan(read[1].globalPosition);
          expect(read[0].recordedAt).toBeInstanceOf(Date);
        });

        it('reads from a revision, and reads an unknown stream as empty', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('A'), testEvent('B'), testEvent('C')]);
          expect((await store.readStream(stream('s'), 1)).map((e) => e.type)).toEqual(['B', 'C']);
          expect(await store.readStream(stream('missing'))).toEqual([]);
        });

        it('continues a stream from its expected revision', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('A')]);
          const result = await store.append(stream('s'), 0, [testEvent('B')]);
          expect(result.streams[0].nextExpectedRevision).toBe(1);
          expect((await store.readStream(stream('s'))).map((e) => e.streamRevision)).toEqual([0, 1]);
        });
      });

      describe('expected revision', () => {
        it('no_stream fails on an existing stream', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('A')]);
          await expect(store.append(stream('s'), 'no_stream', [testEvent('B')])).rejects.toBeInstanceOf(
            WrongExpectedRevisionError,
          );
        });

        it('stream_exists fails on a missing stream and passes on an existing one', async () => {
          await expect(store.append(stream('s'), 'stream_exists', [testEvent('A')])).rejects.toBeInstanceOf(
            WrongExpectedRevisionError,
          );
          await store.append(stream('s'), 'no_stream', [testEvent('A')]);
          await expect(store.append(stream('s'), 'stream_exists', [testEvent('B')])).resolves.toBeDefined();
        });

        it('a number fails unless it is the current revision, and on a missing stream', async () => {
          await expect(store.append(stream('s'), 0, [testEvent('A')])).rejects.toBeInstanceOf(
            WrongExpectedRevisionError,
          );
          await store.append(stream('s'), 'no_stream', [testEvent('A'), testEvent('B')]);
          const error = await store.append(stream('s'), 0, [testEvent('C')]).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: stream('s'), expected: '0', actual: '1' });
          expect(await store.readStream(stream('s'))).toHaveLength(2);
        });

        it('any appends whatever the state', async () => {
          await store.append(stream('s'), 'any', [testEvent('A')]);
          await store.append(stream('s'), 'any', [testEvent('B')]);
          expect(await store.readStream(stream('s'))).toHaveLength(2);
        });

        it('an empty append is a guard: checks the revision, writes nothing', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('A')]);
          const guard = await store.append(stream('s'), 0, []);
          expect(guard.streams[0].nextExpectedRevision).toBe(0);
          await expect(store.append(stream('s'), 3, [])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          await expect(store.append(stream('other'), 'no_stream', [])).resolves.toBeDefined();
          expect(await store.readStream(stream('s'))).toHaveLength(1);
        });
      });

      describe('idempotent append by event id', () => {
        it(
          're-appending the same events returns the original result without duplicating, whatever the expected ' +
            'revision',
          async () => {
            const events = [testEvent('A'), testEvent('B')];
            const first = await store.append(stream('s'), 'no_stream', events);
            const retry = await store.append(stream('s'), 'no_stream', events);
            expect(retry).toEqual(first);
            expect(await store.readStream(stream('s'))).toHaveLength(2);
          },
        );

        it('rejects a request that reuses only some stored event ids', async () => {
          const a = testEvent('A');
          await store.append(stream('s'), 'no_stream', [a]);
          await expect(store.append(stream('s'), 'any', [a, testEvent('B')])).rejects.toBeInstanceOf(
            DuplicateEventIdError,
          );
          expect(await store.readStream(stream('s'))).toHaveLength(1);
        });
      });

      describe('appendMany', () => {
        it('appends to several streams, positions in request order', async () => {
          const result = await store.appendMany([
            { streamId: stream('a'), expectedRevision: 'no_stream', events: [testEvent('A1')] },
            { streamId: stream('b'), expectedRevision: 'no_stream', events: [testEvent('B1'), testEvent('B2')] },
          ]);
          expect(result.streams).toEqual([
            { streamId: stream('a'), nextExpectedRevision: 0 },
            { streamId: stream('b'), nextExpectedRevision: 1 },
          ]);
          const [a] = await store.readStream(stream('a'));
          const b = await store.readStream(stream('b'));
          expect(a.globalPosition).toBeLessThan(b[0].globalPosition);
          expect(b[1].globalPosition).toBe(result.lastGlobalPosition);
        });

        it('checks guards (empty appends) together with the writes', async () => {
          await store.append(stream('g'), 'no_stream', [testEvent('G')]);
          await expect(
            store.appendMany([
              { streamId: stream('a'), expectedRevision: 'no_stream', events: [testEvent('A1')] },
              { streamId: stream('g'), expectedRevision: 5, events: [] },
            ]),
          ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          await store.appendMany([
            { streamId: stream('g'), expectedRevision: 0, events: [] },
            { streamId: stream('b'), expectedRevision: 'no_stream', events: [testEvent('B1')] },
          ]);
          expect(await store.readStream(stream('b'))).toHaveLength(1);
        });

        it('is all-or-nothing when the adapter says it is atomic', async () => {
          if (!store.capabilities.atomicMultiStreamAppend) return;
          await store.append(stream('b'), 'no_stream', [testEvent('B0')]);
          await expect(
            store.appendMany([
              { streamId: stream('a'), expectedRevision: 'no_stream', events: [testEvent('A1')] },
              { streamId: stream('b'), expectedRevision: 'no_stream', events: [testEvent('B1')] },
            ]),
          ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          expect(await store.readStream(stream('a'))).toEqual([]);
        });
      });

      describe('tenant-safe stream ids (issue 13, 1)', () => {
        it('streams whose ids are prefixes of each other are separate streams', async () => {
          // The domain builds `user-{tenant}:{id}`; tenants `acme`, `acme-x`, `acme-x-y` and ids that contain '-'.
          const id = randomUUID();
          const names = [
            `user-acme:x-${id}`,
            `user-acme-x:${id}`,
            `user-acme-x-y:${id}`,
            `user-acme:x-y-${id}`,
            `user-acme-x:y-${id}`,
          ];
          for (const [i, name] of names.entries())
            await store.append(stream(name), 'no_stream', [testEvent(`E${i}`, {}, tenantOf(name))]);
          for (const [i, name] of names.entries()) {
            expect((await store.readStream(stream(name))).map((e) => e.type)).toEqual([`E${i}`]);
            expect((await store.readLastEvent(stream(name)))?.type).toBe(`E${i}`);
          }
          expect(await store.readStream(stream(`user-acme-x:y`))).toEqual([]);
        });

        it(
          'reads one tenant of the global log, in order, without the events of tenants whose ids it ' + 'prefixes',
          async () => {
            const start = await store.headPosition();
            const tenants = [`${prefix.slice(9, 17)}`, `${prefix.slice(9, 17)}-x`, `${prefix.slice(9, 17)}-x-y`];
            for (let i = 0; i < 6; i++)
              await store.append(stream(`t${i}`), 'no_stream', [testEvent(`E${i}`, {}, tenants[i % 3])]);
            const only = await store.readAll({ after: start, maxCount: 100, tenantId: tenants[1] });
            expect(only.map((e) => e.type)).toEqual(['E1', 'E4']);
            expect(only.every((e) => e.metadata.tenantId === tenants[1])).toBe(true);
            expect(
              await store.readAll({ after: only[0].globalPosition, maxCount: 100, tenantId: tenants[1] }),
            ).toHaveLength(1);
          },
        );

        it('readLastEvent answers the newest event of a stream, and null for none', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('A'), testEvent('B')]);
          const last = await store.readLastEvent(stream('s'));
          expect(last).toMatchObject({ type: 'B', streamRevision: 1 });
          expect(await store.readLastEvent(stream('missing'))).toBeNull();
        });
      });

      describe('event time follows log order (issue 13, 2)', () => {
        it("a tenant's occurredAt never decreases along the global log, whatever time the appenders pass", async () => {
          const start = await store.headPosition();
          // Request times out of order on purpose: far past, future, and equal.
          const times = ['2020-01-01T00:00:00.000Z', '2031-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'];
          await Promise.all(
            Array.from({ length: 48 }, (_, i) =>
              store.append(stream(`s${i}`), 'no_stream', [testEvent('T', {}, 'contract-tenant', times[i % 3])]),
            ),
          );
          const all = mine(await readAllAfter(store, start));
          expect(all).toHaveLength(48);
          all.forEach((event, i) => {
            if (i > 0)
              expect(Date.parse(event.metadata.occurredAt)).toBeGreaterThanOrEqual(
                Date.parse(all[i - 1].metadata.occurredAt),
              );
          });
          expect(new Set(all.map((e) => e.metadata.requestedAt))).toEqual(new Set(times));
        });

        it('a write that started earlier but commits later is stamped no earlier than the one before it', async () => {
          const late = await store.append(stream('b'), 'no_stream', [
            testEvent('StartedLater', {}, 'contract-tenant', '2026-05-01T10:00:05.000Z'),
          ]);
          const early = await store.append(stream('a'), 'no_stream', [
            testEvent('StartedEarlier', {}, 'contract-tenant', '2026-05-01T10:00:01.000Z'),
          ]);
          const [first] = await store.readStream(stream('b'));
          const [second] = await store.readStream(stream('a'));
          expect(second.globalPosition).toBeGreaterThan(first.globalPosition);
          expect(early.lastGlobalPosition).toBe(second.globalPosition);
          expect(late.lastGlobalPosition).toBe(first.globalPosition);
          expect(Date.parse(second.metadata.occurredAt)).toBeGreaterThanOrEqual(Date.parse(first.metadata.occurredAt));
          expect(second.metadata.requestedAt).toBe('2026-05-01T10:00:01.000Z');
        });
      });

      describe('guarded multi-stream appends under concurrency (issue 13, 3)', () => {
        it('of appends that expect the same revision of a shared stream, exactly one wins', async () => {
          await store.append(stream('version'), 'no_stream', [testEvent('V0')]);
          const outcomes = await Promise.allSettled(
            Array.from({ length: 20 }, (_, i) =>
              store.appendMany([
                { streamId: stream(`member-${i}`), expectedRevision: 'no_stream', events: [testEvent('Added')] },
                { streamId: stream('version'), expectedRevision: 0, events: [testEvent('Changed')] },
              ]),
            ),
          );
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          for (const o of outcomes)
            if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(await store.readStream(stream('version'))).toHaveLength(2);
          if (store.capabilities.atomicMultiStreamAppend) {
            const written = await Promise.all(
              Array.from({ length: 20 }, (_, i) => store.readStream(stream(`member-${i}`))),
            );
            expect(written.filter((events) => events.length > 0)).toHaveLength(1);
          }
        });

        it('a guard fails when its stream moved, even when the move and the guarded write race', async () => {
          await store.append(stream('user'), 'no_stream', [testEvent('Provisioned')]);
          const [deleted, added] = await Promise.allSettled([
            store.append(stream('user'), 0, [testEvent('Deleted')]),
            store.appendMany([
              { streamId: stream('user'), expectedRevision: 0, events: [] },
              { streamId: stream('membership'), expectedRevision: 'no_stream', events: [testEvent('MemberAdded')] },
            ]),
          ]);
          expect(deleted.status).toBe('fulfilled');
          // Either the add came first (and saw revision 0), or it failed: never a member added after the deletion.
          const membership = await store.readStream(stream('membership'));
          if (added.status === 'rejected') expect(membership).toEqual([]);
          else
            expect(membership[0].globalPosition).toBeLessThan(
              (await store.readStream(stream('user')))[1].globalPosition,
            );
        });
      });

      describe('concurrent appends stay exact (issue 13, 4)', () => {
        it('64 concurrent appends to distinct streams all land, in strictly increasing positions', async () => {
          const start = await store.headPosition();
          const results = await Promise.all(
            Array.from({ length: 64 }, (_, i) => store.append(stream(`c${i}`), 'no_stream', [testEvent('C')])),
          );
          const positions = results.map((r) => r.lastGlobalPosition);
          expect(new Set(positions).size).toBe(64);
          const all = mine(await readAllAfter(store, start));
          expect(all.map((e) => e.globalPosition).sort((a, b) => a - b)).toEqual([...positions].sort((a, b) => a - b));
          expectStrictlyIncreasing(all.map((e) => e.globalPosition));
        });

        it('of concurrent appends expecting the same revision of one stream, exactly one wins', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('A')]);
          const outcomes = await Promise.allSettled(
            Array.from({ length: 16 }, () => store.append(stream('s'), 0, [testEvent('B')])),
          );
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          expect((await store.readStream(stream('s'))).map((e) => e.streamRevision)).toEqual([0, 1]);
        });

        it('a retry racing its original is answered with the same result and stored once', async () => {
          const events = [testEvent('A'), testEvent('B')];
          const [first, retry] = await Promise.all([
            store.append(stream('s'), 'no_stream', events),
            store.append(stream('s'), 'no_stream', events),
          ]);
          expect(retry).toEqual(first);
          expect(await store.readStream(stream('s'))).toHaveLength(2);
        });

        it('a retry must name the streams its events were stored in', async () => {
          if (!store.capabilities.globallyUniqueEventIds) return;
          const events = [testEvent('A')];
          await store.append(stream('s'), 'no_stream', events);
          await expect(store.append(stream('other'), 'any', events)).rejects.toBeInstanceOf(DuplicateEventIdError);
          expect(await store.readStream(stream('other'))).toEqual([]);
        });
      });

      describe('global log', () => {
        it('readAll returns events in strictly increasing position order, in batches', async () => {
          const start = await store.headPosition();
          for (let i = 0; i < 5; i++) await store.append(stream(`s${i % 2}`), 'any', [testEvent(`E${i}`)]);
          const all = mine(await readAllAfter(store, start));
          expect(all.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
          expectStrictlyIncreasing(all.map((e) => e.globalPosition));
          const firstTwo = await store.readAll({ after: start, maxCount: 2 });
          expect(firstTwo).toHaveLength(2);
        });

        it('headPosition is the position of the newest event', async () => {
          const result = await store.append(stream('s'), 'no_stream', [testEvent('A')]);
          expect(await store.headPosition()).toBeGreaterThanOrEqual(result.lastGlobalPosition);
          const after = await store.readAll({ after: result.lastGlobalPosition - 1, maxCount: 10 });
          expect(after[0].eventId).toBeDefined();
        });

        it('subscribeToAll catches up from a checkpoint, then delivers live events', async () => {
          const start = await store.headPosition();
          await store.append(stream('s'), 'no_stream', [testEvent('A'), testEvent('B')]);
          const seen = collect(store, start, (e) => e.streamId.startsWith(prefix));
          try {
            await seen.until(2);
            await store.append(stream('s'), 1, [testEvent('C')]);
            await store.appendMany([
              { streamId: stream('t'), expectedRevision: 'no_stream', events: [testEvent('D')] },
            ]);
            await seen.until(4);
            expect(seen.events.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
          } finally {
            await seen.subscription.close();
          }
        });

        it('starts after the checkpoint, not at the beginning', async () => {
          await store.append(stream('s'), 'no_stream', [testEvent('old')]);
          const checkpoint = await store.headPosition();
          await store.append(stream('s'), 0, [testEvent('new')]);
          const seen = collect(store, checkpoint, (e) => e.streamId.startsWith(prefix));
          try {
            await seen.until(1);
            expect(seen.events.map((e) => e.type)).toEqual(['new']);
          } finally {
            await seen.subscription.close();
          }
        });

        it('concurrent appenders on several connections never make a live subscriber miss an event', async () => {
          const writers = await Promise.all([fixture.connect(), fixture.connect(), fixture.connect()]);
          const start = await store.headPosition();
          const seen = collect(store, start, (e) => e.streamId.startsWith(prefix), 7);
          const appended: string[] = [];
          try {
            await Promise.all(
              [store, ...writers].map(async (writer, w) => {
                for (let i = 0; i < 40; i++) {
                  const events = Array.from({ length: 1 + (i % 3) }, () => testEvent(`W${w}`));
                  // Several streams per writer and some multi-stream appends, to mix transaction sizes.
                  if (i % 5 === 0) {
                    await writer.appendMany([
                      { streamId: stream(`w${w}-a`), expectedRevision: 'any', events: events.slice(0, 1) },
                      { streamId: stream(`w${w}-b`), expectedRevision: 'any', events: events.slice(1) },
                    ]);
                  } else {
                    await writer.append(stream(`w${w}-${i % 4}`), 'any', events);
                  }
                  appended.push(...events.map((e) => e.eventId));
                }
              }),
            );
            await seen.until(appended.length);
            expect(new Set(seen.events.map((e) => e.eventId))).toEqual(new Set(appended));
            expect(seen.events).toHaveLength(appended.length);
            expectStrictlyIncreasing(seen.events.map((e) => e.globalPosition));
          } finally {
            await seen.subscription.close();
            await Promise.all(writers.map((w) => w.close()));
          }
        });
      });
    },
  );
}

export function testEvent(
  type: string,
  data: Record<string, unknown> = {},
  tenantId = 'contract-tenant',
  occurredAt = '2026-01-01T00:00:00.000Z',
): EventToAppend {
  const id = randomUUID();
  return { eventId: id, type, data, metadata: requestMetadata(tenantId, { kind: 'system' }, occurredAt, id) };
}

/** The tenant part of a stream id built like the domain's (`user-{tenant}:{id}`). */
function tenantOf(name: string): string {
  return name.slice(name.indexOf('-') + 1, name.indexOf(':'));
}

async function readAllAfter(store: EventStore, after: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({
      after: all.length ? all[all.length - 1].globalPosition : after,
      maxCount: 100,
    });
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function expectStrictlyIncreasing(positions: number[]): void {
  positions.forEach((p, i) => {
    if (i > 0 && p <= positions[i - 1]) throw new Error(`position ${p} at index ${i} is not after ${positions[i - 1]}`);
  });
}

/** A live subscription that collects matching events; `until(n)` waits (bounded) for n of them. */
function collect(store: EventStore, after: number, keep: (e: RecordedEvent) => boolean, batchSize?: number) {
  const events: RecordedEvent[] = [];
  let failure: Error | null = null;
  const subscription: Subscription = store.subscribeToAll({
    after,
    batchSize,
    onEvents: async (batch) => {
      events.push(...batch.filter(keep));
    },
    onError: (error) => (failure = error),
  });
  return {
    events,
    subscription,
    async until(count: number, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`subscription saw ${events.length} of ${count} events`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
