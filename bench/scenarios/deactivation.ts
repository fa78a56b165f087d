import type { DeactivationStats } from '../load/protocol';
import { rowOf } from '../report/row';
import type { Context } from './context';
import { waitForConsumers } from './quiesce';

export const USER_LIFECYCLE_TOPIC = 'scim.user-lifecycle.v1';
export const DEACTIVATION_TARGET_P99_MS = 60;

/** 5. PATCH active=false answered -> user.deactivated consumed from Kafka, at a steady rate. */
export async function deactivationScenario(ctx: Context, userIds: string[]): Promise<void> {
  ctx.log('5. deactivation -> Kafka: waiting for the publisher to reach the head of the log...');
  const waited = await waitForConsumers(ctx.pool, 300_000);
  ctx.log(
    `   publisher and projectors at head (waited ${waited.toFixed(1)} s); ${ctx.options.deactivationRate} req/s for ` +
      `${ctx.options.deactivationSeconds} s`,
  );
  const stats = await ctx.load.run<DeactivationStats>(
    {
      kind: 'deactivation',
      brokers: ctx.brokers,
      topic: USER_LIFECYCLE_TOPIC,
      base: ctx.tenant.scimBase,
      apiKey: ctx.tenant.apiKey,
      userIds,
      ratePerSecond: ctx.options.deactivationRate,
      durationMs: ctx.options.deactivationSeconds * 1000,
      drainMs: 30_000,
    },
    ctx.options.deactivationSeconds * 1000 + 120_000,
  );
  ctx.rows.push(
    rowOf('5 deactivation', 'PATCH active=false (HTTP)', stats.http, { unit: 'req/s', concurrency: undefined }),
  );
  ctx.rows.push(
    rowOf('5 deactivation', `answer → message consumed (${USER_LIFECYCLE_TOPIC})`, stats, {
      unit: 'msg/s',
      ratio: stats.p99 / DEACTIVATION_TARGET_P99_MS,
      ratioOf: `p99 ÷ target ${DEACTIVATION_TARGET_P99_MS} ms`,
      note: `${stats.sent} sent, ${stats.missing} missing, ${stats.beforeAnswer} consumed before the answer`,
    }),
  );
  ctx.rows.push(
    rowOf('5 deactivation', 'PATCH sent → message consumed', stats.sentToConsumed, {
      unit: 'msg/s',
      ratio: stats.sentToConsumed.p99 / DEACTIVATION_TARGET_P99_MS,
      ratioOf: `p99 ÷ target ${DEACTIVATION_TARGET_P99_MS} ms`,
    }),
  );
  if (stats.beforeAnswer > 0)
    ctx.notes.push(
      `deactivation: ${stats.beforeAnswer} of ${stats.count} messages were consumed before the HTTP answer arrived ` +
        `(latency counted as 0)`,
    );
  if (stats.errors > 0)
    ctx.notes.push(
      `deactivation: ${stats.missing} messages missing after 30 s, ${stats.http.errors} HTTP errors ` +
        `${stats.http.errorSamples[0] ?? ''}`,
    );
}
