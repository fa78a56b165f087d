import type { OutgoingMessage, TopicSpec } from '../ports/message';
import type { MessageProducer } from '../ports/message-producer';

/** A MessageProducer for unit tests: records what was sent; `failNext` scripts broker failures. */
export class InMemoryProducer implements MessageProducer {
  readonly sent: Array<{ topic: string; message: OutgoingMessage }> = [];
  readonly topics = new Map<string, TopicSpec>();
  private failures: Error[] = [];

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    for (const message of messages) this.sent.push({ topic, message });
  }

  async sendBatch(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    for (const { topic, messages } of batches) for (const message of messages) this.sent.push({ topic, message });
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    for (const spec of specs) if (!this.topics.has(spec.topic)) this.topics.set(spec.topic, spec);
  }

  async checkConnection(): Promise<void> {}

  async close(): Promise<void> {}

  bodies(topic?: string): Array<Record<string, unknown>> {
    return this.sent.filter((s) => !topic || s.topic === topic).map((s) => JSON.parse(s.message.value.toString()));
  }
}
