import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followerReport } from '@lib/follower';
import { findFreePort } from '@lib/platform';
import { useBeforeEach } from '../../support/hooks';
import { kafkaScript, stopLocalKafka } from '../../support/servers';
import {
  assertPerKeyOrder,
  createPublisher,
  readAll,
  Seeder,
  uniqueTopics,
  usePublisherWorld,
  waitFor,
} from './support';

jest.setTimeout(120000);

/** Our own broker (not the run's shared one), restarted on the same port and state dir. */
function startBroker(stateDir: string, port: number): string {
  const out = execFileSync('bash', [kafkaScript, 'start', stateDir], {
    encoding: 'utf8',
    env: { ...process.env, KAFKA_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
  if (!line) throw new Error(`kafka.sh printed no KAFKA_BROKERS line: ${out}`);
  return line.slice('KAFKA_BROKERS='.length).trim();
}

describe('Publisher: the broker stops in the middle of a provisioning burst', () => {
  const world = usePublisherWorld();
  // The broker's state directory; the broker is stopped and the directory removed before the world closes.
  const broker = useBeforeEach(
    async () => ({ stateDir: mkdtempSync(join(tmpdir(), 'scim-kafka-outage-')) }),
    ({ stateDir }) => {
      stopLocalKafka(stateDir);
      rmSync(stateDir, { recursive: true, force: true });
    },
  );

  it('delivers every event once the broker is back, in per-user order', async () => {
    const port = await findFreePort();
    const brokers = startBroker(broker.stateDir, port);
    expect(brokers).toBe(`127.0.0.1:${port}`);
    const topics = uniqueTopics();
    const seed = new Seeder(world.eventStore);
    await seed.createGroup('staff', 'Staff');
    const { publisher, producer } = createPublisher(world, brokers, { topics, batchSize: 20, partitions: 3 });
    publisher.start();

    const users = Array.from({ length: 60 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    for (const u of users.slice(0, 20)) await seed.burstUser(u, 'staff');
    await waitFor(() => (publisher.health().position ?? 0) > 20, 20000, 'some events published before the outage');

    stopLocalKafka(broker.stateDir);
    for (const u of users.slice(20)) await seed.burstUser(u, 'staff'); // the burst goes on: events wait in the store
    await waitFor(() => publisher.health().state === 'backing-off', 40000, 'the publisher to notice the outage');
    const during = await followerReport(publisher.runtime, world.eventStore);
    expect(during.lagEvents).toBeGreaterThan(0);
    expect(during.parkedTenants).toBe(0); // a broker outage never parks an event

    startBroker(broker.stateDir, port);
    const head = await world.eventStore.headPosition();
    await waitFor(() => publisher.health().position === head, 60000, 'the publisher to catch up after the outage');
    expect(publisher.health()).toMatchObject({ state: 'active', parked: [] });
    await publisher.stop();
    await producer.close();

    // Per user: 4 audit records, 1 role grant, 2 lifecycle messages; plus the group's audit record.
    const expected = users.length * 7 + 1;
    const messages = await readAll(
      brokers,
      topics,
      (m) => new Set(m.map((x) => JSON.parse(x.value).messageId)).size >= expected,
      30000,
    );
    const distinct = new Set(messages.map((m) => m.body.messageId));
    expect(distinct.size).toBe(expected);
    const events = await world.eventStore.readAll({ after: 0, maxCount: 10000 });
    const audited = new Set(messages.filter((m) => m.topic === topics.auditLog).map((m) => m.body.eventId));
    expect(events.every((e) => audited.has(e.eventId))).toBe(true);
    assertPerKeyOrder(messages);
    for (const u of users) {
      const lifecycle = messages
        .filter((m) => m.topic === topics.userLifecycle && m.key === `${seed.tenantId}:${u}`)
        .map((m) => m.body.type);
      expect([...new Set(lifecycle)]).toEqual(['user.deactivated', 'user.reactivated']);
    }
  });
});
