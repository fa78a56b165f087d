/** Header values are strings on our side; the adapter converts to and from the wire's bytes. */
export type MessageHeaders = Record<string, string>;

/** One message to produce. `key` decides the partition, so messages with one key stay in order. */
export interface OutgoingMessage {
  key: string;
  value: Buffer | string;
  headers: MessageHeaders;
}

/** A message as a consumer receives it. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: MessageHeaders;
}

/** A topic the service owns: created at start when missing. */
export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** Broker topic configs, e.g. { 'max.message.bytes': '1048576' }. */
  config?: Record<string, string>;
}
