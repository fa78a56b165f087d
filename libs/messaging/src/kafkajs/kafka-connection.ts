import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import { installRecordEncoder } from './record-encoder';

export type KafkaLogLevelName = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaConnectionOptions {
  /** host:port list, or the comma-separated KAFKA_BROKERS string. */
  brokers: string[] | string;
  clientId: string;
  /** kafkajs' own log output (to stdout); tests use 'nothing'. Defaults to 'error'. */
  logLevel?: KafkaLogLevelName;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const LEVELS: Record<KafkaLogLevelName, KafkaLogLevel> = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
};

export function parseBrokers(brokers: string[] | string): string[] {
  const list = Array.isArray(brokers) ? brokers : brokers.split(',');
  return list.map((b) => b.trim()).filter(Boolean);
}

export function createKafka(options: KafkaConnectionOptions): Kafka {
  installRecordEncoder();
  return new Kafka({
    clientId: options.clientId,
    brokers: parseBrokers(options.brokers),
    logLevel: LEVELS[options.logLevel ?? 'error'],
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    // Connection-level retries stay short: the caller owns the long retry loop (and can stop it).
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3000 },
  });
}
