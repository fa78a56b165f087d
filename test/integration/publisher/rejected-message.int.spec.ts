import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { ParkedEventsAdmin } from '@lib/follower';
import { KafkaJsProducer } from '@lib/messaging';
import { createPublisher, usePublisherWorld, readAll, Seeder, testBrokers, uniqueTopics, waitFor } from './support';

jest.setTimeout(90000);

describe('Publisher: a message the broker rejects permanently', () => {
  const brokers = testBrokers();
  const world = usePublisherWorld();

  it(
    'parks its event (the tenant waits, another tenant goes on), and delivers it in order ' +
      'after the fix and a retry',
    async () => {
      const topics = uniqueTopics();
      // The audit topic accepts only small messages; the publisher finds it existing and keeps it.
      const admin = new KafkaJsProducer({ brokers, clientId: 'setup', logLevel: 'nothing' });
      await admin.ensureTopics([
        { topic: topics.auditLog, partitions: 1, replicationFactor: 1, config: { 'max.message.bytes': '2048' } },
        { topic: topics.userLifecycle, partitions: 1, replicationFactor: 1 },
        { topic: topics.roleChanges, partitions: 1, replicationFactor: 1 },
      ]);
      await admin.close();

      const acme = new Seeder(world.eventStore);
      const other = new Seeder(world.eventStore);
      await acme.provision('small-1');
      await acme.provision('small-2');
      // A group's values travel in its audit record (a person's do not, since audit.change v2).
      await acme.createGroup('huge', 'Huge', { description: 'x'.repeat(8000) });
      const [huge] = await world.eventStore.readAll({ after: 2, maxCount: 1 });
      await acme.provision('after-huge');
      await other.provision('other-1');

      const errors: Array<{ details: object; message: string }> = [];
      const logger = {
        info: () => undefined,
        warn: () => undefined,
        error: (details: object, message: string) => void errors.push({ details, message }),
      };
      const { publisher, producer } = createPublisher(world, brokers, { topics, batchSize: 2, logger });
      publisher.start();
      await waitFor(
        () => publisher.health().position === 5 && publisher.health().parked.length === 1,
        30000,
        'the publisher to park the event and go on',
      );

      expect(publisher.health().parked).toEqual([
        expect.objectContaining({ tenantId: acme.tenantId, eventId: huge!.eventId, position: 3, status: 'parked' }),
      ]);
      expect(errors[0]!.details).toMatchObject({
        eventId: huge!.eventId,
        tenantId: acme.tenantId,
        error: expect.stringContaining('MESSAGE_TOO_LARGE'),
      });
      const parked = new ParkedEventsAdmin(world.pool);
      const [row] = await parked.list({ follower: publisher.name });
      expect(row).toMatchObject({
        eventId: huge!.eventId,
        position: 3,
        eventType: 'GroupCreated',
        status: 'parked',
        error: expect.stringContaining('MESSAGE_TOO_LARGE'),
      });

      // The other tenant was published; the held one stopped before the huge event.
      const before = await readAll(brokers, topics, (m) => m.length >= 3, 10000);
      expect(before.map((m) => m.body.subject.id).sort()).toEqual(['other-1', 'small-1', 'small-2']);

      // The fix: the topic takes larger messages. Then the operator's retry.
      const kafka = new Kafka({ clientId: 'fix', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      await kafkaAdmin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topics.auditLog,
            configEntries: [{ name: 'max.message.bytes', value: '1048576' }],
          },
        ],
      });
      await kafkaAdmin.disconnect();
      await parked.requestRetry(row!.id, 'operator');
      await waitFor(
        async () => (await parked.get(row!.id)).status === 'retried',
        30000,
        'the retry to replay the held tenant',
      );
      expect(publisher.health().parked).toEqual([]);
      await publisher.stop();
      await producer.close();

      const messages = await readAll(brokers, topics, (m) => m.length >= 5, 10000);
      const acmeOrder = messages.filter((m) => m.key.startsWith(acme.tenantId)).map((m) => m.body.subject.id);
      expect(acmeOrder).toEqual(['small-1', 'small-2', 'huge', 'after-huge']);
    },
  );
});
