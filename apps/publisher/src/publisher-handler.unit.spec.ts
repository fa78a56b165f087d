import type { PoolClient } from 'pg';
import { EventFailure, failureKind } from '@lib/follower';
import {
  DEFAULT_TOPIC_NAMES,
  DeliveryError,
  InMemoryProducer,
  type MembershipRow,
  type RoleNameRow,
  type StateChanges,
} from '@lib/messaging';
import { RecordedEventFactory } from '../../../libs/messaging/src/testing/recorded-events';
import type { ApplyRequest } from '@lib/follower';
import type { RecordedEvent } from '@lib/event-store';
import { PublisherHandler } from './publisher-handler';
import type { PublisherStore } from './publisher-store';

/** The publisher's state in memory; `commit` records what the runtime's transaction would write. */
class MemoryStore implements PublisherStore {
  position = 0;
  memberships: MembershipRow[] = [];
  roleNames: RoleNameRow[] = [];
  commits: Array<{ from: number; to: number | null; changes: StateChanges }> = [];
  async load(): Promise<number> {
    return this.position;
  }
  async loadState(): Promise<{ memberships: MembershipRow[]; roleNames: RoleNameRow[] }> {
    return { memberships: [...this.memberships], roleNames: [...this.roleNames] };
  }
  async commit(
    _client: PoolClient,
    _name: string,
    from: number,
    to: number | null,
    changes: StateChanges,
  ): Promise<void> {
    this.commits.push({ from, to, changes });
    if (to !== null) this.position = to;
    this.memberships = [
      ...this.memberships.filter((m) => !changes.removed.some((r) => r.groupId === m.groupId && r.userId === m.userId)),
      ...changes.added,
    ];
  }
}

const request = (events: RecordedEvent[], through: number | null, from = 0): ApplyRequest => ({
  events,
  through,
  from,
  transaction: (work) => work({} as PoolClient),
});

describe('PublisherHandler (unit)', () => {
  const f = new RecordedEventFactory('t1');
  const events = [
    f.event('GroupCreated', { groupId: 'g1', displayName: 'Admins', externalId: null, resource: {} }),
    f.event('GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'] }),
    f.event('UserDeactivated', { userId: 'u1', userName: 'a' }),
    f.event('UserDeleted', { userId: 'u1', userName: 'a' }),
  ];

  it('sends every topic of a batch in one produce request, then commits the state and the checkpoint', async () => {
    const producer = new InMemoryProducer();
    const batches: number[] = [];
    const sendBatch = producer.sendBatch.bind(producer);
    producer.sendBatch = async (list) => {
      batches.push(list.length);
      return sendBatch(list);
    };
    const store = new MemoryStore();
    const handler = new PublisherHandler(producer, store, { topics: DEFAULT_TOPIC_NAMES });
    await handler.apply(request(events, 4));
    expect(batches).toEqual([3]);
    expect(producer.bodies(DEFAULT_TOPIC_NAMES.userLifecycle).map((b) => b.type)).toEqual([
      'user.deactivated',
      'user.deleted',
    ]);
    expect(
      producer.bodies(DEFAULT_TOPIC_NAMES.roleChanges).map((b) => [b.type, (b.data as { reason: string }).reason]),
    ).toEqual([
      ['role.granted', 'member_added'],
      ['role.revoked', 'user_deleted'],
    ]);
    expect(store.commits).toEqual([{ from: 0, to: 4, changes: expect.any(Object) }]);
    expect(store.memberships).toEqual([]);
    expect(handler.publishedMessages).toBe(producer.sent.length);
  });

  it('a replay of a held tenant publishes and keeps its state, and leaves the checkpoint alone', async () => {
    const producer = new InMemoryProducer();
    const store = new MemoryStore();
    store.position = 9;
    await new PublisherHandler(producer, store, { topics: DEFAULT_TOPIC_NAMES }).apply(
      request(events.slice(0, 2), null, 9),
    );
    expect(store.commits).toEqual([
      {
        from: 9,
        to: null,
        changes: expect.objectContaining({ added: [{ tenantId: 't1', groupId: 'g1', userId: 'u1' }] }),
      },
    ]);
    expect(store.position).toBe(9);
  });

  it('a broker that is down is transient; nothing is committed', async () => {
    const producer = new InMemoryProducer();
    producer.failNext(new DeliveryError('down', false, 'ECONNREFUSED'));
    const store = new MemoryStore();
    const handler = new PublisherHandler(producer, store, { topics: DEFAULT_TOPIC_NAMES });
    const error = await handler.apply(request(events, 4)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failureKind(error, (e) => handler.isTransient(e))).toBe('transient');
    expect(store.commits).toEqual([]);
    expect(handler.isTransient(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' }))).toBe(true);
    expect(handler.isTransient(new Error('a bug'))).toBe(false);
  });

  it('a message the broker refuses for good names its event (found by sending one at a time)', async () => {
    const producer = new InMemoryProducer();
    producer.failNext(new DeliveryError('too large', true, 'MESSAGE_TOO_LARGE'));
    const send = producer.send.bind(producer);
    producer.send = async (topic, messages) => {
      if ((JSON.parse(messages[0]!.value.toString()) as { eventId: string }).eventId === events[2]!.eventId)
        throw new DeliveryError('too large', true, 'MESSAGE_TOO_LARGE');
      return send(topic, messages);
    };
    const store = new MemoryStore();
    const error = await new PublisherHandler(producer, store, { topics: DEFAULT_TOPIC_NAMES })
      .apply(request(events, 4))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(EventFailure);
    expect((error as EventFailure).event.eventId).toBe(events[2]!.eventId);
    expect((error as EventFailure).reason).toMatch(
      /^MESSAGE_TOO_LARGE: (user\.deactivated|audit\.change) to .* refused by the broker$/,
    );
    expect(store.commits).toEqual([]);
  });

  it('an event that cannot be mapped (a contract violation) names itself', async () => {
    const broken = f.event('UserDeactivated', { userName: 'no user id' });
    const error = await new PublisherHandler(new InMemoryProducer(), new MemoryStore(), { topics: DEFAULT_TOPIC_NAMES })
      .apply(request([broken], broken.globalPosition))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(EventFailure);
    expect((error as EventFailure).reason).toMatch(/^MAPPING_FAILED/);
  });
});
