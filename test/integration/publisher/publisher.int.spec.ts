import { Registry } from 'prom-client';
import { FollowerMetrics, followerReadiness, followerReport } from '@lib/follower';
import {
  assertPerKeyOrder,
  createPublisher,
  usePublisherWorld,
  readAll,
  Seeder,
  testBrokers,
  uniqueTopics,
  waitFor,
} from './support';

jest.setTimeout(60000);

describe('Publisher with PostgreSQL and Kafka', () => {
  const brokers = testBrokers();
  const world = usePublisherWorld();

  it('publishes lifecycle, role changes (with fan-outs) and the audit log, then checkpoints', async () => {
    const topics = uniqueTopics();
    const seed = new Seeder(world.eventStore);
    await seed.tenant();
    await seed.createGroup('g1', 'Admins');
    await seed.createGroup('g2', 'Ops');
    for (const u of ['u1', 'u2', 'u3']) await seed.provision(u, { password: 'hunter2' });
    await seed.addMember('g1', 'u1');
    await seed.addMember('g1', 'u2');
    await seed.addMember('g2', 'u1');
    await seed.addMember('g2', 'u3');
    await seed.deactivate('u2');
    await seed.deleteGroup('g1', 'Admins'); // revokes Admins from u1 and u2
    await seed.deleteUser('u1'); // revokes Ops (only: Admins is gone) from u1
    const head = await world.eventStore.headPosition();

    const { publisher, producer } = createPublisher(world, brokers, { topics, batchSize: 4 });
    publisher.start();
    await waitFor(() => publisher.health().position === head, 20000, 'the publisher to catch up');
    await publisher.stop();
    await producer.close();

    const messages = await readAll(brokers, topics, (m) => m.length >= 22);
    const on = (topic: string) => messages.filter((m) => m.topic === topic);
    const roles = on(topics.roleChanges)
      .map((m) => `${m.body.type} ${m.key.split(':')[1]} ${String(m.body.data.roleName)} ${String(m.body.data.reason)}`)
      .sort();
    expect(roles).toEqual(
      [
        'role.granted u1 Admins member_added',
        'role.granted u2 Admins member_added',
        'role.granted u1 Ops member_added',
        'role.granted u3 Ops member_added',
        'role.revoked u1 Admins role_deleted',
        'role.revoked u2 Admins role_deleted',
        'role.revoked u1 Ops user_deleted',
      ].sort(),
    );
    expect(
      on(topics.userLifecycle)
        .map((m) => m.body.type)
        .sort(),
    ).toEqual(['user.deactivated', 'user.deleted']);
    expect(on(topics.auditLog)).toHaveLength(head); // one audit record per change
    expect(JSON.stringify(messages)).not.toContain('hunter2');
    assertPerKeyOrder(messages);

    const sample = on(topics.userLifecycle)[0]!;
    expect(sample.headers).toMatchObject({
      'event-id': sample.body.eventId,
      'message-id': sample.body.messageId,
      'event-type': sample.body.type,
      'schema-version': '2',
      'tenant-id': seed.tenantId,
      'content-type': 'application/json',
    });
    expect(sample.key).toBe(`${seed.tenantId}:${sample.body.subject.id}`);

    // The publisher's own membership state follows the log: only u3 in Ops is left.
    const { rows } = await world.pool.query('SELECT group_id, user_id FROM publisher_memberships');
    expect(rows).toEqual([{ group_id: 'g2', user_id: 'u3' }]);
  });

  it('resumes from its checkpoint, reports lag and readiness, and registers its gauges', async () => {
    const lag = async (publisher: { runtime: Parameters<typeof followerReport>[0] }) =>
      followerReport(publisher.runtime, world.eventStore);
    const topics = uniqueTopics();
    const seed = new Seeder(world.eventStore);
    for (let i = 0; i < 5; i++) await seed.provision(`a${i}`);
    const first = createPublisher(world, brokers, { topics });
    first.publisher.start();
    await waitFor(() => first.publisher.health().position === 5, 20000, 'first run');
    await first.publisher.stop();
    await first.producer.close();

    for (let i = 0; i < 3; i++) await seed.provision(`b${i}`);
    const second = createPublisher(world, brokers, { topics });
    const registry = new Registry();
    FollowerMetrics.of(registry).add(second.publisher.runtime, world.eventStore);
    // Before it runs, the publisher knows nothing; the lag is measured from the checkpoint.
    expect((await lag(second.publisher)).lagEvents).toBe(3);
    second.publisher.start();
    await waitFor(() => second.publisher.health().position === 8, 20000, 'second run');
    expect(await lag(second.publisher)).toMatchObject({
      state: 'active',
      position: 8,
      headPosition: 8,
      lagEvents: 0,
      lagSeconds: 0,
    });
    expect(second.publisher.publishedMessages).toBe(3);
    expect((await followerReadiness(second.publisher.runtime, world.eventStore, 10)).up).toBe(true);
    const text = await registry.metrics();
    expect(text).toContain('scim_follower_lag_events{follower="scim-integration-events"} 0');
    expect(text).toContain('scim_follower_position{follower="scim-integration-events"} 8');
    expect(text).toContain('scim_follower_state{follower="scim-integration-events",state="active"} 1');

    await second.publisher.stop();
    await second.producer.close();
    // Stopped with 2 events waiting: lag is visible and readiness degrades past the limit.
    await seed.provision('c0');
    await seed.provision('c1');
    const m = await lag(second.publisher);
    expect(m.lagEvents).toBe(2);
    expect(m.lagSeconds).toBeGreaterThanOrEqual(0);
    expect((await followerReadiness(second.publisher.runtime, world.eventStore, 1)).up).toBe(false);

    const messages = await readAll(brokers, topics, (all) => all.length >= 8);
    expect(new Set(messages.map((x) => x.body.messageId)).size).toBe(8); // nothing published twice across the restart
  });
});
