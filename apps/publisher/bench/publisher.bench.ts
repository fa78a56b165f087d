/**
 * Latency from "event appended to the store" to "message readable on its topic", through the
 * real PostgreSQL event store, the Publisher and Kafka. The lead extends it to start at HTTP.
 *
 *   node --require ./test/support/register-ts.js apps/publisher/bench/publisher.bench.ts
 *   (needs DATABASE_URL of a migrated database and KAFKA_BROKERS)
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { userStream } from '@lib/domain';
import { PostgresEventStore, requestMetadata } from '@lib/event-store';
import { KafkaJsProducer, type TopicNames } from '@lib/messaging';
import { Publisher } from '../src';

export interface PublisherBenchOptions {
  databaseUrl: string;
  brokers: string;
  events?: number;
  /** Pause between appends, so the benchmark measures latency rather than backlog draining. */
  intervalMs?: number;
}

export interface LatencyReport {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function runPublisherBench(options: PublisherBenchOptions): Promise<LatencyReport> {
  const run = `bench.${Date.now().toString(36)}`;
  const topics: TopicNames = {
    userLifecycle: `${run}.lifecycle`,
    roleChanges: `${run}.roles`,
    auditLog: `${run}.audit`,
  };
  const count = options.events ?? 200;
  const pool = new Pool({ connectionString: options.databaseUrl, max: 5 });
  const eventStore = new PostgresEventStore({ pool });
  const producer = new KafkaJsProducer({ brokers: options.brokers, clientId: 'bench', logLevel: 'nothing' });
  const publisher = new Publisher(pool, eventStore, producer, { topics, name: run, validateMessages: false });
  const kafka = new Kafka({
    clientId: 'bench-reader',
    brokers: options.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: run });
  const appendedAt = new Map<string, number>();
  const latencies: number[] = [];
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((r) => (allArrived = r));
  try {
    // Start at the current head: the benchmark measures only its own events.
    await pool.query('INSERT INTO publisher_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      run,
      await eventStore.headPosition(),
    ]);
    publisher.start();
    await producer.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: 3, replicationFactor: 1 })));
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.userLifecycle], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const eventId = message.headers?.['event-id']?.toString();
        const start = eventId ? appendedAt.get(eventId) : undefined;
        if (start === undefined) return;
        appendedAt.delete(eventId!);
        latencies.push(performance.now() - start);
        if (latencies.length === count) allArrived();
      },
    });
    await new Promise((r) => setTimeout(r, 3000)); // consumer group join
    const tenantId = `bench-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < count; i++) {
      const userId = randomUUID();
      const eventId = randomUUID();
      appendedAt.set(eventId, performance.now());
      await eventStore.append(userStream(tenantId, userId), 'any', [
        {
          eventId,
          type: 'UserDeactivated',
          data: { tenantId, userId, userName: `${userId}@bench` },
          metadata: requestMetadata(tenantId, { kind: 'system' }, new Date().toISOString()),
        },
      ]);
      if (options.intervalMs) await new Promise((r) => setTimeout(r, options.intervalMs));
    }
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 60000))]);
  } finally {
    await publisher.stop();
    await consumer.disconnect();
    await producer.close();
    await eventStore.close();
    await pool.end();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 10) / 10;
  return { count: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

if (require.main === module) {
  runPublisherBench({
    databaseUrl: process.env.DATABASE_URL ?? '',
    brokers: process.env.KAFKA_BROKERS ?? '',
    events: Number(process.env.BENCH_EVENTS ?? 200),
    intervalMs: 10,
  })
    .then((report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
