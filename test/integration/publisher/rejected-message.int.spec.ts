import { KafkaJsProducer } from '@lib/messaging';
import { publisherReadiness } from '../../../apps/publisher/src';
import { createPublisher, createWorld, readAll, Seeder, testBrokers, uniqueTopics, waitFor, type PublisherWorld } from './support';

jest.setTimeout(60000);

describe('Publisher: a message the broker rejects permanently', () => {
  const brokers = testBrokers();
  let world: PublisherWorld;

  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  it('stops visibly with the event id and reason, never skipping it', async () => {
    const topics = uniqueTopics();
    // The audit topic accepts only small messages; the publisher finds it existing and keeps it.
    const admin = new KafkaJsProducer({ brokers, clientId: 'setup', logLevel: 'nothing' });
    await admin.ensureTopics([
      { topic: topics.auditLog, partitions: 1, replicationFactor: 1, config: { 'max.message.bytes': '2048' } },
      { topic: topics.userLifecycle, partitions: 1, replicationFactor: 1 },
      { topic: topics.roleChanges, partitions: 1, replicationFactor: 1 },
    ]);
    await admin.close();

    const seed = new Seeder(world.eventStore);
    await seed.provision('small-1');
    await seed.provision('small-2');
    await seed.provision('huge', { description: 'x'.repeat(8000) });
    const [huge] = await world.eventStore.readAll({ after: 2, maxCount: 1 });
    await seed.provision('after-huge');

    const errors: Array<{ details: object; message: string }> = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (details: object, message: string) => void errors.push({ details, message }) };
    const { publisher, producer } = createPublisher(world, brokers, { topics, batchSize: 2, logger });
    publisher.start();
    await waitFor(() => publisher.health().status === 'failed', 30000, 'the publisher to fail');

    const health = publisher.health();
    expect(health.failure).toMatchObject({ eventId: huge!.eventId, position: 3, reason: 'MESSAGE_TOO_LARGE' });
    expect(health.position).toBe(2); // the first batch went out; the failing one is not checkpointed
    expect(errors[0]!.details).toMatchObject({ eventId: huge!.eventId, reason: 'MESSAGE_TOO_LARGE' });
    expect((await publisherReadiness(publisher, 1000)).up).toBe(false);
    const { rows } = await world.pool.query('SELECT position, status, last_error FROM publisher_checkpoints');
    expect(rows[0]).toMatchObject({ position: '2', status: 'failed' });
    expect(rows[0].last_error).toContain(huge!.eventId);

    // It stays stopped: the event after the huge one is not published.
    await new Promise((r) => setTimeout(r, 500));
    await publisher.stop();
    await producer.close();
    const messages = await readAll(brokers, topics, (m) => m.length >= 2, 3000);
    expect(messages.map((m) => m.body.subject.id).sort()).toEqual(['small-1', 'small-2']);
  });
});
