import { KafkaJsConsumer, KafkaJsProducer, type IncomingMessage } from '@lib/messaging';
import { readTopics, testBrokers, uniqueName } from './support';

jest.setTimeout(60000);

/** kafkajs 2.2.4 (maintenance mode upstream) against our pinned broker, Kafka 3.9.1. */
describe('kafkajs with the pinned broker', () => {
  const brokers = testBrokers();
  let producer: KafkaJsProducer;

  beforeAll(() => {
    producer = new KafkaJsProducer({ brokers, clientId: 'smoke', logLevel: 'nothing' });
  });
  afterAll(() => producer.close());

  it('creates a topic, produces with the idempotent producer and acks=all, and consumes', async () => {
    const topic = uniqueName('smoke');
    await producer.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }]);
    await producer.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }]); // already there: no error
    const messages = Array.from({ length: 20 }, (_, i) => ({
      key: `k${i % 4}`,
      value: JSON.stringify({ i }),
      headers: { 'event-id': `e${i}` },
    }));
    await producer.send(topic, messages);

    const consumer = new KafkaJsConsumer({
      brokers,
      clientId: 'smoke',
      groupId: uniqueName('smoke-group'),
      logLevel: 'nothing',
    });
    const received: IncomingMessage[] = [];
    let allThere: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allThere = resolve));
    await consumer.run({
      topics: [topic],
      fromBeginning: true,
      onMessage: async (m) => {
        received.push(m);
        if (received.length === messages.length) allThere();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((r) => (timer = setTimeout(r, 20000)))]);
    clearTimeout(timer);
    await consumer.close();

    expect(received).toHaveLength(20);
    // Per key, the order of sending is kept.
    for (const key of ['k0', 'k1', 'k2', 'k3']) {
      const order = received.filter((m) => m.key === key).map((m) => JSON.parse(m.value!.toString()).i as number);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(received.find((m) => m.key === 'k1')!.headers['event-id']).toBe('e1');
  });

  it('reports a message the broker rejects as a permanent DeliveryError', async () => {
    const topic = uniqueName('small');
    await producer.ensureTopics([
      { topic, partitions: 1, replicationFactor: 1, config: { 'max.message.bytes': '1024' } },
    ]);
    await expect(producer.send(topic, [{ key: 'k', value: 'x'.repeat(4096), headers: {} }])).rejects.toMatchObject({
      name: 'DeliveryError',
      permanent: true,
      reason: 'MESSAGE_TOO_LARGE',
    });
    // The producer still works for acceptable messages afterwards.
    await producer.send(topic, [{ key: 'k', value: 'small', headers: {} }]);
    const read = await readTopics(brokers, [topic], (m) => m.length >= 1, 10000);
    expect(read.map((m) => m.value)).toEqual(['small']);
  });

  it('reports an unreachable broker as a transient DeliveryError', async () => {
    const unreachable = new KafkaJsProducer({
      brokers: '127.0.0.1:1',
      clientId: 'smoke',
      logLevel: 'nothing',
      connectionTimeoutMs: 200,
    });
    await expect(unreachable.send('any', [{ key: 'k', value: 'v', headers: {} }])).rejects.toMatchObject({
      name: 'DeliveryError',
      permanent: false,
    });
    await unreachable.close();
  }, 60000);
});
