import type { OutgoingMessage, TopicSpec } from './message';

/**
 * Our producer port. kafkajs is in maintenance mode upstream, so nothing outside
 * libs/messaging/src/kafkajs imports it: replacing the client is one adapter.
 */
export interface MessageProducer {
  /**
   * Resolves only after the broker acknowledged every message (acks from all in-sync replicas).
   * Rejects with a DeliveryError whose `permanent` flag says whether retrying can help.
   */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /**
   * Like `send`, for several topics in one produce request per broker (the publisher sends a batch's three topics at
   * once).
   */
  sendBatch(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void>;
  /** Creates the topics that do not exist yet; existing topics are left as they are. */
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Resolves when the cluster answers a metadata request within `timeoutMs` (readiness). */
  checkConnection(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export const MESSAGE_PRODUCER = Symbol('MESSAGE_PRODUCER');
