import type { Kafka, Producer } from 'kafkajs';
import type { OutgoingMessage, TopicSpec } from '../ports/message';
import type { MessageProducer } from '../ports/message-producer';
import { toDeliveryError } from './classify-error';
import { createKafka, type KafkaConnectionOptions } from './kafka-connection';

/**
 * The kafkajs adapter of MessageProducer: an idempotent producer (the broker drops duplicates of
 * its own retries), one request in flight (kafkajs requires it for idempotence and it keeps
 * per-partition order across retries), acks from all in-sync replicas.
 */
export class KafkaJsProducer implements MessageProducer {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private connecting?: Promise<Producer>;

  constructor(private readonly options: KafkaConnectionOptions & { sendTimeoutMs?: number }) {
    this.kafka = createKafka(options);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const producer = await this.connected();
      await producer.send({
        topic,
        acks: -1,
        timeout: this.options.sendTimeoutMs ?? 30000,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    } catch (error) {
      const failure = toDeliveryError(error, topic);
      // A fresh producer (new producer id) after a failure: the old one's sequence numbers may be
      // out of step with the broker after an outage, which kafkajs does not recover from itself.
      if (!failure.permanent) await this.dropProducer();
      throw failure;
    }
  }

  async sendBatch(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    const topicMessages = batches
      .filter((b) => b.messages.length > 0)
      .map((b) => ({
        topic: b.topic,
        messages: b.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      }));
    if (topicMessages.length === 0) return;
    try {
      const producer = await this.connected();
      await producer.sendBatch({ topicMessages, acks: -1, timeout: this.options.sendTimeoutMs ?? 30000 });
    } catch (error) {
      const failure = toDeliveryError(error, topicMessages.map((t) => t.topic).join(','));
      if (!failure.permanent) await this.dropProducer();
      throw failure;
    }
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((s) => !existing.has(s.topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: s.replicationFactor,
          configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (error) {
      // Two instances starting at once: the other one created it first, which is what we wanted.
      if (!String((error as Error)?.message).includes('already exists')) throw error;
    } finally {
      await admin.disconnect();
    }
  }

  async checkConnection(timeoutMs: number): Promise<void> {
    const admin = this.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the Kafka cluster within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.dropProducer();
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        // kafkajs defaults an idempotent producer to unlimited retries, which would hang send()
        // forever while the broker is down; we retry a while here and then let the caller's
        // own loop (which can be stopped and measured) take over.
        retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
        allowAutoTopicCreation: false,
      });
      try {
        await producer.connect();
        this.producer = producer;
        return producer;
      } catch (error) {
        await producer.disconnect().catch(() => undefined);
        throw error;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.disconnect().catch(() => undefined);
  }
}
