import { Kafka, logLevel } from 'kafkajs';
import type { DeactivationStats, Job } from './protocol';
import { summarize } from './stats';
import { deactivate } from './http-targets';

type DeactivationJob = Extract<Job, { kind: 'deactivation' }>;

/**
 * Open-loop: request k is sent at start + k/rate whatever the previous answers, so a slow answer
 * does not lower the offered load. A kafkajs consumer (new group, latest offsets) records when
 * each user's `user.deactivated` message arrives; latency = arrival - HTTP answer.
 */
export async function runDeactivation(job: DeactivationJob): Promise<DeactivationStats> {
  const kafka = new Kafka({ clientId: 'scim-bench-load', brokers: job.brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `scim-bench-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 20 });
  const answeredAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  const sentIds = new Set<string>();
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [job.topic], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const now = performance.now();
        try {
          const value = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
            type?: string;
            data?: { userId?: string };
          };
          const userId = value.data?.userId;
          if (value.type === 'user.deactivated' && userId && sentIds.has(userId) && !arrivedAt.has(userId))
            arrivedAt.set(userId, now);
        } catch {
          // not ours
        }
      },
    });
    for (let i = 0; i < 600 && !joined; i++) await sleep(50);
    if (!joined) throw new Error('kafka consumer did not join its group within 30 s');
    await sleep(1500); // partitions assigned and fetching from the latest offset

    const httpLatencies: number[] = [];
    const httpErrors: string[] = [];
    const total = Math.min(job.userIds.length, Math.floor((job.ratePerSecond * job.durationMs) / 1000));
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let k = 0; k < total; k++) {
      const at = started + (k * 1000) / job.ratePerSecond;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      const userId = job.userIds[k];
      sentIds.add(userId);
      inflight.push(
        (async () => {
          const t0 = performance.now();
          sentAt.set(userId, t0);
          try {
            await deactivate(job.base, job.apiKey, userId);
            const t1 = performance.now();
            answeredAt.set(userId, t1);
            httpLatencies.push(t1 - t0);
          } catch (error) {
            httpErrors.push((error as Error).message.slice(0, 300));
          }
        })(),
      );
    }
    await Promise.all(inflight);
    const seconds = (performance.now() - started) / 1000;
    const drainUntil = performance.now() + job.drainMs;
    while (performance.now() < drainUntil && [...answeredAt.keys()].some((id) => !arrivedAt.has(id))) await sleep(50);

    const latencies: number[] = [];
    let beforeAnswer = 0;
    let missing = 0;
    for (const [userId, answered] of answeredAt) {
      const arrived = arrivedAt.get(userId);
      if (arrived === undefined) missing++;
      else {
        if (arrived < answered) beforeAnswer++;
        latencies.push(Math.max(0, arrived - answered));
      }
    }
    const fromSent = [...arrivedAt].filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!);
    const stats = summarize(latencies, missing + httpErrors.length, httpErrors.slice(0, 5), seconds);
    return {
      ...stats,
      sent: total,
      beforeAnswer,
      missing,
      http: summarize(httpLatencies, httpErrors.length, httpErrors.slice(0, 5), seconds),
      sentToConsumed: summarize(fromSent, missing, [], seconds),
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
