import type { Pool } from 'pg';
import {
  arraySource,
  event,
  FakeLeaseAuthority,
  InMemoryFollowerStore,
  RecordingHandler,
} from '../testing/in-memory-follower';
import { FollowerRuntime } from './follower-runtime';

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function world(events = [event('a', 1), event('b', 2), event('a', 3), event('b', 4), event('a', 5), event('b', 6)]) {
  const authority = new FakeLeaseAuthority();
  const store = new InMemoryFollowerStore(authority);
  const handler = new RecordingHandler();
  const runtimes: FollowerRuntime[] = [];
  const runtime = (instance = 'one', h = handler) => {
    const lease = authority.lease(instance);
    const r = new FollowerRuntime({
      handler: h,
      source: arraySource(events),
      store,
      pool: {} as Pool,
      lease,
      instance,
      batchSize: 4,
      idlePollMs: 5,
      standbyRetryMs: 10,
      initialBackoffMs: 1,
      maxBackoffMs: 5,
      requestPollMs: 10,
    });
    runtimes.push(r);
    return Object.assign(r, { lease });
  };
  const stopAll = () => Promise.all(runtimes.map((r) => r.stop()));
  return { authority, store, handler, runtime, events, stopAll };
}

const positions = (handler: RecordingHandler) => handler.applied.map((e) => e.globalPosition);
const refused =
  (message = 'user u1 was never provisioned') =>
  () =>
    new Error(message);

describe('FollowerRuntime (unit, in-memory ports)', () => {
  it('applies the log in order and moves the checkpoint to the head', async () => {
    const w = world();
    const r = w.runtime();
    r.start();
    await until(() => w.handler.checkpointPosition === 6, 'the head');
    expect(positions(w.handler)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.health()).toMatchObject({ state: 'active', position: 6, parked: [] });
    await w.stopAll();
    expect(r.health().state).toBe('stopped');
  });

  it('after a short batch, waits for a wake-up or the idle poll instead of reading again at once', async () => {
    const events = [event('a', 1), event('b', 2)];
    const authority = new FakeLeaseAuthority();
    const handler = new RecordingHandler();
    const base = arraySource(events);
    const reads: number[] = [];
    const r = new FollowerRuntime({
      handler,
      source: { ...base, readAll: (o) => (reads.push(o.after), base.readAll(o)) },
      store: new InMemoryFollowerStore(authority),
      pool: {} as Pool,
      lease: authority.lease('one'),
      instance: 'one',
      batchSize: 4,
      idlePollMs: 60_000,
      requestPollMs: 60_000,
    });
    r.start();
    await until(() => handler.checkpointPosition === 2, 'the head');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toEqual([0]);
    events.push(event('a', 3));
    r.wake();
    await until(() => handler.checkpointPosition === 3, 'the appended event, after the wake-up');
    expect(reads).toEqual([0, 2]);
    await r.stop();
  });

  it(
    'backs off while the database is unreachable and resumes from the checkpoint without parking ' + 'anything',
    async () => {
      const w = world();
      w.store.down = true;
      const r = w.runtime();
      r.start();
      await until(() => r.health().state === 'backing-off' && r.health().backoffs >= 3, 'backoffs');
      expect(w.handler.applied).toEqual([]);
      w.store.down = false;
      await until(() => w.handler.checkpointPosition === 6, 'recovery');
      expect(positions(w.handler)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(w.store.parking.rows).toEqual([]);
      expect(r.health()).toMatchObject({ state: 'active', lastError: null });
      await w.stopAll();
    },
  );

  it('parks a poison event: its tenant waits behind it, the other tenant and the checkpoint go on', async () => {
    const w = world();
    w.handler.failures.set(w.events[2]!.eventId, refused()); // a@3
    const r = w.runtime();
    r.start();
    await until(() => w.handler.checkpointPosition === 6, 'the head');
    expect(positions(w.handler)).toEqual([1, 2, 4, 6]);
    expect(w.store.parking.rows).toEqual([
      expect.objectContaining({
        tenantId: 'a',
        position: 3,
        status: 'parked',
        error: 'user u1 was never provisioned',
        attempts: 1,
      }),
    ]);
    expect(r.health().parked).toEqual([expect.objectContaining({ tenantId: 'a', position: 3 })]);
    await w.stopAll();
  });

  it('finds an unnamed failing event by bisection', async () => {
    const w = world();
    w.handler.nameTheEvent = false;
    w.handler.failures.set(w.events[3]!.eventId, refused('23514 check violation')); // b@4
    const r = w.runtime();
    r.start();
    await until(() => w.handler.checkpointPosition === 6, 'the head');
    expect(positions(w.handler)).toEqual([1, 2, 3, 5]);
    expect(w.store.parking.rows).toEqual([expect.objectContaining({ tenantId: 'b', position: 4 })]);
    await w.stopAll();
  });

  it('does not park an event that applies when tried alone, nor one that fails differently each time', async () => {
    const w = world();
    let once = 1;
    w.handler.failures.set(w.events[0]!.eventId, () => (once-- > 0 ? new Error('flaky') : null));
    let n = 0;
    w.handler.failures.set(w.events[1]!.eventId, () => (n < 3 ? new Error(`different ${n++}`) : null));
    const r = w.runtime();
    r.start();
    await until(() => w.handler.checkpointPosition === 6, 'the head');
    expect(positions(w.handler)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(w.store.parking.rows).toEqual([]);
    await w.stopAll();
  });

  it('does not park when the connection is not known good before the retry alone', async () => {
    const w = world();
    let failing = true;
    w.handler.failures.set(w.events[0]!.eventId, () => (failing ? new Error('refused') : null));
    // Pings keep failing until the check below: a ping that succeeded before it would park the event.
    w.store.failPings = Number.MAX_SAFE_INTEGER;
    const r = w.runtime();
    r.start();
    await until(() => r.health().backoffs >= 3, 'backoffs on failed pings');
    expect(w.store.parking.rows).toEqual([]);
    failing = false;
    w.store.failPings = 0;
    await until(() => w.handler.checkpointPosition === 6, 'the head');
    await w.stopAll();
  });

  it('retry after a fix replays the held tenant in order, then releases it', async () => {
    const w = world();
    let fixed = false;
    w.handler.failures.set(w.events[2]!.eventId, () => (fixed ? null : new Error('missing user')));
    const r = w.runtime();
    r.start();
    await until(() => w.handler.checkpointPosition === 6 && w.store.parking.rows.length === 1, 'parked');
    fixed = true;
    w.store.parking.request(1, 'retry_requested');
    r.requestsChanged();
    await until(() => w.store.parking.rows[0]!.status === 'retried', 'released');
    expect(positions(w.handler)).toEqual([1, 2, 4, 6, 3, 5]);
    expect(r.health().parked).toEqual([]);
    expect(w.handler.checkpointPosition).toBe(6);
    await w.stopAll();
  });

  it('skip resumes the tenant after the parked event, which is never applied', async () => {
    const w = world();
    w.handler.failures.set(w.events[2]!.eventId, refused());
    const r = w.runtime();
    r.start();
    await until(() => w.store.parking.rows.length === 1, 'parked');
    w.store.parking.request(1, 'skip_requested');
    r.requestsChanged();
    await until(() => w.store.parking.rows[0]!.status === 'skipped', 'skipped');
    expect(positions(w.handler)).toEqual([1, 2, 4, 6, 5]);
    await w.stopAll();
  });

  it(
    'a retry that fails again leaves the event parked (attempt 2); a later poison of the tenant takes its ' + 'place',
    async () => {
      const w = world([event('a', 1), event('a', 2), event('a', 3), event('b', 4)]);
      let fixedFirst = false;
      w.handler.failures.set(w.events[0]!.eventId, () => (fixedFirst ? null : new Error('first')));
      w.handler.failures.set(w.events[2]!.eventId, refused('second'));
      const r = w.runtime();
      r.start();
      await until(() => w.handler.checkpointPosition === 4 && w.store.parking.rows.length === 1, 'parked');
      w.store.parking.request(1, 'retry_requested');
      r.requestsChanged();
      await until(
        () => w.store.parking.rows[0]!.attempts === 2 && w.store.parking.rows[0]!.status === 'parked',
        'parked again',
      );
      fixedFirst = true;
      w.store.parking.request(1, 'retry_requested');
      r.requestsChanged();
      await until(() => w.store.parking.rows.length === 2, 'the next poison parked');
      expect(w.store.parking.rows.map((p) => [p.position, p.status])).toEqual([
        [1, 'retried'],
        [3, 'parked'],
      ]);
      expect(positions(w.handler)).toEqual([4, 1, 2]);
      expect(r.health().parked).toEqual([expect.objectContaining({ position: 3 })]);
      await w.stopAll();
    },
  );

  it(
    'one active instance; a standby takes over from the checkpoint when the leader loses its lease, whose commits ' +
      'are then refused',
    async () => {
      const events = Array.from({ length: 40 }, (_, i) => event(i % 2 ? 'a' : 'b', i + 1));
      const w = world(events);
      const first = w.runtime('one');
      first.start();
      await until(() => first.health().state === 'active', 'first active');
      const second = w.runtime('two');
      second.start();
      await until(() => second.health().state === 'standby', 'second standby');
      await until(() => w.handler.checkpointPosition >= 8, 'some progress');
      // The leader's lock connection dies and it cannot reach the database for a while.
      first.lease.unreachable = true;
      first.lease.loseSession();
      await until(() => second.health().state === 'active', 'takeover');
      first.lease.unreachable = false;
      await until(() => w.handler.checkpointPosition === 40, 'the head');
      // Every event applied once: the deposed leader committed nothing after the takeover.
      expect(positions(w.handler)).toEqual(events.map((e) => e.globalPosition));
      await until(() => first.health().state === 'standby', 'the old leader standing by');
      await w.stopAll();
    },
  );
});
