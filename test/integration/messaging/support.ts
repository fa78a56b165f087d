import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export function testBrokers(): string {
  const brokers = process.env.SCIM_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('SCIM_TEST_KAFKA_BROKERS is not set: run through jest, whose globalSetup starts Kafka');
  return brokers;
}

export const uniqueName = (prefix: string): string =>
  `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Reads topics from the beginning until `done(messages)` says so or the time runs out: a plain
 * kafkajs consumer, independent of the adapter under test.
 */
export async function readTopics(
  brokers: string,
  topics: string[],
  done: (messages: ReadMessage[]) => boolean,
  timeoutMs = 30000,
): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), allowAutoTopicCreation: false });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {}))
          if (v !== undefined) headers[k] = String(Array.isArray(v) ? v[0] : v);
        messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers,
        });
        if (done(messages)) finish();
      },
    });
    if (!done(messages)) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([finished, timedOut]);
      clearTimeout(timer);
    }
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
