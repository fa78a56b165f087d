import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../errors';
import type { AppendToStream, EventToAppend } from '../../event-store.port';
import { requestMetadata } from '../../request-metadata';
import { planAppends, type StoreSnapshot, type StoredEvent } from './plan-appends';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function event(occurredAt = '2026-03-01T11:00:00.000Z'): EventToAppend {
  const id = randomUUID();
  return { eventId: id, type: 'E', data: {}, metadata: requestMetadata('t', { kind: 'system' }, occurredAt, id) };
}

function snapshot(parts: Partial<StoreSnapshot> = {}): StoreSnapshot {
  return {
    head: 10,
    tenantClocks: new Map([['t', T0 - 1000]]),
    now: T0,
    revisions: new Map(),
    stored: new Map(),
    ...parts,
  };
}

const to = (
  streamId: string,
  expectedRevision: AppendToStream['expectedRevision'],
  ...events: EventToAppend[]
): AppendToStream => ({ streamId, expectedRevision, events });

describe('planAppends: one flush of queued appends', () => {
  it('gives the appends of a flush consecutive positions after the head, in arrival order', () => {
    const plan = planAppends(
      snapshot(),
      [[to('a', 'no_stream', event(), event())], [to('b', 'no_stream', event())]],
      'database',
    );
    expect(plan.rows.map((r) => [r.streamId, r.position, r.revision])).toEqual([
      ['a', 11, 0],
      ['a', 12, 1],
      ['b', 13, 0],
    ]);
    expect(plan.head).toBe(13);
    expect(plan.outcomes).toEqual([
      { kind: 'result', result: { streams: [{ streamId: 'a', nextExpectedRevision: 1 }], lastGlobalPosition: 12 } },
      { kind: 'result', result: { streams: [{ streamId: 'b', nextExpectedRevision: 0 }], lastGlobalPosition: 13 } },
    ]);
  });

  it(
    'fails only the append whose expected revision is wrong, and checks later ones against earlier ones of the ' +
      'flush',
    () => {
      const plan = planAppends(
        snapshot({ revisions: new Map([['s', 4]]) }),
        [[to('s', 4, event())], [to('s', 4, event())], [to('s', 5, event())]],
        'database',
      );
      expect(plan.outcomes.map((o) => o.kind)).toEqual(['result', 'failed', 'result']);
      expect((plan.outcomes[1] as { error: Error }).error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(plan.rows.map((r) => r.revision)).toEqual([5, 6]);
      expect(plan.revisions.get('s')).toBe(6);
    },
  );

  it('writes nothing of a multi-stream append whose guard fails', () => {
    const plan = planAppends(
      snapshot({ revisions: new Map([['g', 2]]) }),
      [[to('a', 'no_stream', event()), to('g', 1)]],
      'database',
    );
    expect(plan.rows).toEqual([]);
    expect(plan.head).toBe(10);
    expect(plan.outcomes[0].kind).toBe('failed');
  });

  it('answers a retry of stored events with the original result, whatever its expected revision', () => {
    const e = event();
    const stored = new Map<string, StoredEvent>([
      [e.eventId, { eventId: e.eventId, streamId: 's', revision: 3, position: 7 }],
    ]);
    const plan = planAppends(
      snapshot({ stored, revisions: new Map([['s', 5]]) }),
      [[to('s', 'no_stream', e)]],
      'database',
    );
    expect(plan.outcomes[0]).toEqual({
      kind: 'result',
      result: { streams: [{ streamId: 's', nextExpectedRevision: 3 }], lastGlobalPosition: 7 },
    });
    expect(plan.rows).toEqual([]);
  });

  it('refuses a retry that names another stream than the one its events are stored in', () => {
    const e = event();
    const stored = new Map<string, StoredEvent>([
      [e.eventId, { eventId: e.eventId, streamId: 's', revision: 0, position: 7 }],
    ]);
    const plan = planAppends(snapshot({ stored }), [[to('elsewhere', 'any', e)]], 'database');
    expect((plan.outcomes[0] as { error: Error }).error).toBeInstanceOf(DuplicateEventIdError);
  });

  it('refuses an append that reuses some, but not all, stored ids', () => {
    const e = event();
    const stored = new Map<string, StoredEvent>([
      [e.eventId, { eventId: e.eventId, streamId: 's', revision: 0, position: 7 }],
    ]);
    const plan = planAppends(snapshot({ stored }), [[to('s', 'any', e, event())]], 'database');
    expect((plan.outcomes[0] as { error: Error }).error).toBeInstanceOf(DuplicateEventIdError);
  });

  it('points a retry that arrives in the same flush as its original at the original', () => {
    const events = [event(), event()];
    const plan = planAppends(
      snapshot(),
      [[to('s', 'no_stream', ...events)], [to('s', 'no_stream', ...events)]],
      'database',
    );
    expect(plan.outcomes[1]).toEqual({ kind: 'same-as', index: 0 });
    expect(plan.rows).toHaveLength(2);
  });

  describe('event time', () => {
    it(
      "stamps with the database clock, keeps the request time as requestedAt, never earlier than the tenant's last " +
        'stamp',
      () => {
        const plan = planAppends(
          snapshot({ tenantClocks: new Map([['t', T0 + 5000]]), now: T0 }),
          [[to('s', 'any', event('2020-01-01T00:00:00.000Z'))]],
          'database',
        );
        expect(plan.rows[0].metadata.occurredAt).toBe(new Date(T0 + 5000).toISOString());
        expect(plan.rows[0].metadata.requestedAt).toBe('2020-01-01T00:00:00.000Z');
        expect(plan.tenantClocks).toEqual(new Map([['t', T0 + 5000]]));
      },
    );

    it('keeps one clock per tenant: a tenant behind another is not pushed forward by it', () => {
      const other = {
        ...event('2025-01-01T00:00:00.000Z'),
        metadata: { ...event().metadata, tenantId: 'other', occurredAt: '2025-01-01T00:00:00.000Z' },
      };
      const plan = planAppends(
        snapshot({ tenantClocks: new Map([['t', T0 + 60_000]]) }),
        [[to('a', 'any', event('2025-01-01T00:00:00.000Z'))], [to('b', 'any', other)]],
        'metadata',
      );
      expect(plan.rows.map((r) => r.metadata.occurredAt)).toEqual([
        new Date(T0 + 60_000).toISOString(),
        '2025-01-01T00:00:00.000Z',
      ]);
    });

    it('with the metadata source, takes the appender time but never goes back along the flush', () => {
      const plan = planAppends(
        snapshot({ tenantClocks: new Map([['t', T0]]) }),
        [
          [to('a', 'any', event('2026-03-01T12:00:10.000Z'))],
          [to('b', 'any', event('2026-03-01T12:00:05.000Z'))],
          [to('c', 'any', event('2026-03-01T12:00:20.000Z'))],
        ],
        'metadata',
      );
      expect(plan.rows.map((r) => r.metadata.occurredAt)).toEqual([
        '2026-03-01T12:00:10.000Z',
        '2026-03-01T12:00:10.000Z',
        '2026-03-01T12:00:20.000Z',
      ]);
    });

    it('does not let a failed append move time on', () => {
      const plan = planAppends(
        snapshot({ tenantClocks: new Map([['t', T0]]), revisions: new Map([['s', 0]]) }),
        [
          [to('s', 'no_stream', event('2026-03-01T13:00:00.000Z'))],
          [to('t', 'any', event('2026-03-01T12:30:00.000Z'))],
        ],
        'metadata',
      );
      expect(plan.outcomes[0].kind).toBe('failed');
      expect(plan.rows[0].metadata.occurredAt).toBe('2026-03-01T12:30:00.000Z');
    });
  });
});
