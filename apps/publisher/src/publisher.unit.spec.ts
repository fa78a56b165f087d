import type { RecordedEvent } from '@lib/event-store';
import { DEFAULT_TOPIC_NAMES, DeliveryError, InMemoryProducer } from '@lib/messaging';
import { RecordedEventFactory } from '../../../libs/messaging/src/testing/recorded-events';
import { Publisher } from './publisher';
import { InMemoryPublisherStore } from './testing/in-memory-publisher-store';

function eventSource(events: RecordedEvent[]) {
  return {
    readAll: async ({ after, maxCount }: { after: number; maxCount: number }) => events.filter((e) => e.globalPosition > after).slice(0, maxCount),
    headPosition: async () => events.at(-1)?.globalPosition ?? 0,
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not reached');
}

describe('Publisher (unit)', () => {
  const f = new RecordedEventFactory('t1');
  const events = [f.event('UserDeactivated', { userId: 'u1', userName: 'a' }), f.event('UserReactivated', { userId: 'u1', userName: 'a' }), f.event('UserDeleted', { userId: 'u1', userName: 'a' })];
  const options = { topics: DEFAULT_TOPIC_NAMES, batchSize: 2, idlePollMs: 5, initialBackoffMs: 5, maxBackoffMs: 10 };

  it('keeps the checkpoint while the broker is unreachable, retries, then catches up', async () => {
    const producer = new InMemoryProducer();
    producer.failNext(new DeliveryError('down', false, 'ECONNREFUSED'), new DeliveryError('down', false, 'ECONNREFUSED'));
    const store = new InMemoryPublisherStore();
    const publisher = new Publisher(eventSource(events), producer, store, options);
    publisher.start();
    await until(() => publisher.health().position === 3);
    await publisher.stop();
    expect(store.checkpoints.get(publisher.name)!.position).toBe(3);
    const ids = producer.bodies().map((b) => b.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(producer.bodies(DEFAULT_TOPIC_NAMES.userLifecycle).map((b) => b.type)).toEqual(['user.deactivated', 'user.reactivated', 'user.deleted']);
    expect([...producer.topics.keys()].sort()).toEqual(Object.values(DEFAULT_TOPIC_NAMES).sort());
  });

  it('fails visibly on a permanent rejection, naming the event, without advancing past it', async () => {
    const producer = new InMemoryProducer();
    const store = new InMemoryPublisherStore();
    const publisher = new Publisher(eventSource(events), producer, store, { ...options, batchSize: 10 });
    // Batch send fails, then the one-by-one isolation: the first message is accepted, the second is not.
    producer.failNext(new DeliveryError('too large', true, 'MESSAGE_TOO_LARGE'));
    const send = producer.send.bind(producer);
    let singles = 0;
    producer.send = async (topic, messages) => {
      if (messages.length === 1 && ++singles === 2) throw new DeliveryError('too large', true, 'MESSAGE_TOO_LARGE');
      return send(topic, messages);
    };
    publisher.start();
    await until(() => publisher.health().status === 'failed');
    expect(publisher.health().failure).toMatchObject({ eventId: events[1]!.eventId, position: 2, reason: 'MESSAGE_TOO_LARGE' });
    expect(store.checkpoints.get(publisher.name)).toMatchObject({ position: 0, status: 'failed' });
    await publisher.stop();
    expect(publisher.health().status).toBe('failed');
  });
});
