import type { Consumer, Kafka } from 'kafkajs';
import type { MessageHeaders } from '../ports/message';
import type { ConsumeOptions, MessageConsumer } from '../ports/message-consumer';
import { createKafka, type KafkaConnectionOptions } from './kafka-connection';

/** The kafkajs adapter of MessageConsumer: one consumer group member, offsets committed after each handled message. */
export class KafkaJsConsumer implements MessageConsumer {
  private readonly kafka: Kafka;
  private consumer?: Consumer;

  constructor(private readonly options: KafkaConnectionOptions & { groupId: string }) {
    this.kafka = createKafka(options);
  }

  async run(options: ConsumeOptions): Promise<void> {
    if (this.consumer) throw new Error('consumer already running');
    const consumer = this.kafka.consumer({ groupId: this.options.groupId, allowAutoTopicCreation: false });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ topic, partition, message }) => {
        await options.onMessage({
          topic,
          partition,
          offset: message.offset,
          key: message.key ? message.key.toString('utf8') : null,
          value: message.value,
          headers: decodeHeaders(message.headers),
        });
      },
    });
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) await consumer.disconnect();
  }
}

function decodeHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
