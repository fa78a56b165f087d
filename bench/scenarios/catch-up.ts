import type { Pool } from 'pg';
import type { Context } from './context';
import { positions, type Positions } from './quiesce';

/** Issue 14's target: every follower at the head of the log at most 30 s after a 300,000-event bulk load. */
export const CATCH_UP_TARGET_SECONDS = 30;

const FOLLOWER_LABELS: Record<string, string> = {
  projector_checkpoints: 'read-model projector',
  audit_checkpoints_v1: 'audit projector',
  publisher_checkpoints: 'Kafka publisher',
};

/**
 * After the bulk load: how long until every follower (read-model projector, audit projector,
 * publisher) committed the head of the log, and each follower's catch-up rate: the events it
 * still had to follow when the load ended, divided by the time it needed for them.
 */
export async function catchUpScenario(
  ctx: Context,
  loadEnded: { at: number; positions: Positions },
  timeoutMs = 600_000,
): Promise<number> {
  ctx.log(`   waiting for every follower to reach the head (${loadEnded.positions.head})...`);
  const head = loadEnded.positions.head;
  const reached = new Map<string, number>();
  for (;;) {
    const now = await positions(ctx.pool);
    const at = Date.now();
    for (const [name, position] of Object.entries(now.consumers))
      if (position >= head && !reached.has(name)) reached.set(name, at);
    if (Object.keys(now.consumers).every((name) => reached.has(name))) break;
    if (at - loadEnded.at > timeoutMs)
      throw new Error(`followers did not reach ${head} within ${timeoutMs / 1000} s: ${JSON.stringify(now.consumers)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const allSeconds = (Math.max(...reached.values()) - loadEnded.at) / 1000;
  for (const [name, at] of reached) {
    const seconds = Math.max(0.001, (at - loadEnded.at) / 1000);
    const behind = head - (loadEnded.positions.consumers[name] ?? 0);
    const label = FOLLOWER_LABELS[name.split(':')[0]!] ?? name;
    ctx.rows.push({
      scenario: 'catch-up after bulk load',
      subject: `${label} (${behind.toLocaleString('en-US')} events behind)`,
      throughput: Math.round(behind / seconds),
      unit: 'events/s',
      count: behind,
      note: `${seconds.toFixed(1)} s`,
    });
    ctx.log(`   ${label}: ${behind} events in ${seconds.toFixed(1)} s (${Math.round(behind / seconds)} events/s)`);
  }
  ctx.rows.push({
    scenario: 'catch-up after bulk load',
    subject: `all followers at the head (${head.toLocaleString('en-US')})`,
    throughput: allSeconds,
    unit: 's',
    ratio: allSeconds / CATCH_UP_TARGET_SECONDS,
    ratioOf: `seconds ÷ target ${CATCH_UP_TARGET_SECONDS} s`,
  });
  return allSeconds;
}

export async function snapshot(pool: Pool): Promise<{ at: number; positions: Positions }> {
  return { at: Date.now(), positions: await positions(pool) };
}
