import type { Stats } from '../load/protocol';
import { rowOf } from '../report/row';
import { createTenant, startBenchService, type BenchService, type BenchTenant } from '../stack/service';
import { runHttp, type Context } from './context';

/** One concurrency: the figure of the issue is a ratio, not a curve. */
const CONCURRENCY = 16;
/** Measurements per side, interleaved (on, off, on, off...) so that the machine's drift hits both alike. */
const ROUNDS = 2;

interface Side {
  name: 'on' | 'off';
  service: BenchService;
  tenant: BenchTenant;
  runs: Stats[];
}

/**
 * E. What encrypting personal data costs (docs/erasure.md): POST /Users (read-your-writes on)
 * against two instances of the service started alike on fresh databases of the same PostgreSQL,
 * one with personal-data encryption (the default) and one with PERSONAL_DATA_ENCRYPTION=
 * off-for-benchmarks, measured in alternation in the same run. The row of "on" carries on ÷ off.
 */
export async function encryptionScenario(ctx: Context): Promise<void> {
  const sides: Side[] = [];
  try {
    for (const name of ['on', 'off'] as const) {
      const database = `scim_bench_encryption_${name}`;
      await ctx.pool.query(`DROP DATABASE IF EXISTS ${database}`);
      await ctx.pool.query(`CREATE DATABASE ${database}`);
      const suffix = `encryption-${name}`;
      const service = await startBenchService(
        ctx.repoRoot,
        {
          databaseUrl: ctx.databaseUrl.replace(/\/[^/?]+(\?.*)?$/, `/${database}$1`),
          brokers: ctx.brokers,
          extra: {
            PERSONAL_DATA_ENCRYPTION: name === 'on' ? 'on' : 'off-for-benchmarks',
            KAFKA_TOPIC_USER_LIFECYCLE: `bench.${suffix}.user-lifecycle`,
            KAFKA_TOPIC_ROLE_CHANGES: `bench.${suffix}.role-changes`,
            KAFKA_TOPIC_AUDIT_LOG: `bench.${suffix}.audit-log`,
          },
        },
        ctx.log,
      );
      sides.push({ name, service, tenant: await createTenant(service, `bench-${suffix}`), runs: [] });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        ctx.log(
          `E. create users, encryption ${side.name}, round ${round + 1}/${ROUNDS}, concurrency ${CONCURRENCY}...`,
        );
        const target = {
          kind: 'create-user' as const,
          base: side.tenant.scimBase,
          apiKey: side.tenant.apiKey,
          prefix: `e${side.name}${round}`,
        };
        side.runs.push(await runHttp(ctx, CONCURRENCY, target));
      }
    }
  } finally {
    for (const side of sides) await side.service.stop();
  }
  const [on, off] = sides.map((side) => ({ side, stats: mean(side.runs) }));
  const ratio = on!.stats.throughput / off!.stats.throughput;
  ctx.rows.push(
    rowOf('E encryption', 'POST /Users (RYW), encryption off (measurement only)', off!.stats, {
      concurrency: CONCURRENCY,
      unit: 'users/s',
    }),
  );
  ctx.rows.push(
    rowOf('E encryption', 'POST /Users (RYW), personal data encrypted', on!.stats, {
      concurrency: CONCURRENCY,
      unit: 'users/s',
      ratio,
      ratioOf: 'throughput ÷ the same with encryption off (target ≥ 0.9)',
    }),
  );
  const rounds = (side: Side) => side.runs.map((run) => run.throughput.toFixed(0)).join(', ');
  ctx.notes.push(
    `E encryption: users/s per round on [${rounds(on!.side)}], off [${rounds(off!.side)}]; on ÷ off = ` +
      `${ratio.toFixed(3)}`,
  );
  for (const side of sides) {
    const errors = side.runs.reduce((sum, run) => sum + run.errors, 0);
    if (errors > 0)
      ctx.notes.push(
        `E encryption ${side.name}: ${errors} errors, e.g. ${side.runs.find((run) => run.errors > 0)!.errorSamples[0]}`,
      );
  }
}

/** The rounds of one side as one figure: mean throughput and latencies, summed counts. */
function mean(runs: readonly Stats[]): Stats {
  const avg = (pick: (s: Stats) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    count: runs.reduce((sum, run) => sum + run.count, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    errorSamples: runs.flatMap((run) => run.errorSamples).slice(0, 3),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    throughput: avg((s) => s.throughput),
    p50: avg((s) => s.p50),
    p95: avg((s) => s.p95),
    p99: avg((s) => s.p99),
    max: Math.max(...runs.map((run) => run.max)),
  };
}
