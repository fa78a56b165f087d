import type { Pacing, Stats } from './protocol';
import { summarize } from './stats';

/**
 * A closed-loop concurrency pool: `concurrency` workers each send the next request as soon as
 * their previous one is answered, until the duration or the request cap is reached.
 * Throughput = successful requests / elapsed seconds of the measured part.
 */
export async function runPool(pacing: Pacing, send: (i: number) => Promise<void>): Promise<Stats> {
  let next = 0;
  const warmup = Math.min(pacing.warmup ?? 0, pacing.maxRequests);
  const warm = Array.from({ length: Math.min(pacing.concurrency, Math.max(warmup, 0)) }, async () => {
    while (next < warmup) await send(next++).catch(() => undefined);
  });
  await Promise.all(warm);

  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const limit = next + pacing.maxRequests;
  const started = performance.now();
  const deadline = started + pacing.durationMs;
  const workers = Array.from({ length: pacing.concurrency }, async () => {
    while (next < limit && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await send(i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push((error as Error).message.slice(0, 300));
      }
    }
  });
  await Promise.all(workers);
  return summarize(latencies, errors, errorSamples, (performance.now() - started) / 1000);
}
