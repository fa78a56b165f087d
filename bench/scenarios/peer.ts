import { rowOf, type Row } from '../report/row';
import { startPeer } from '../stack/peer';
import { jobTimeout, pacing, type Context } from './context';

/**
 * 6. The same create and filter requests against SCIMMY + scimmy-routers (in memory), seeded with
 * the same user names. The ratio compares our figure at the same concurrency with the peer's.
 */
export async function peerScenario(
  ctx: Context,
  users: number,
  options: { create: boolean } = { create: true },
): Promise<void> {
  ctx.log(`6. peer: starting scimmy with ${users} users in memory...`);
  const peer = await startPeer(ctx.repoRoot, users, ctx.log);
  const ours = (scenario: string, concurrency: number): Row | undefined =>
    ctx.rows.find(
      (r) => r.scenario.startsWith(scenario) && r.concurrency === concurrency && r.subject.startsWith('SCIM'),
    );
  for (const concurrency of [1, 16]) {
    if (options.create) await peerCreate(ctx, peer.base, concurrency, ours('1 create', concurrency));
    const filter = await ctx.load.run(
      {
        kind: 'http',
        target: { kind: 'filter-user', base: peer.base, apiKey: 'peer', users },
        pacing: pacing(ctx.options, concurrency),
      },
      jobTimeout(ctx.options),
    );
    const mineFilter = ours('2 filter', concurrency);
    ctx.rows.push(
      rowOf('6 peer scimmy', 'GET userName eq (in memory)', filter, {
        concurrency,
        ratio: mineFilter?.throughput !== undefined ? mineFilter.throughput / filter.throughput : undefined,
        ratioOf: 'our filter throughput ÷ peer',
      }),
    );
    if (filter.errors > 0)
      ctx.notes.push(`peer filter c=${concurrency}: ${filter.errors} errors, e.g. ${filter.errorSamples[0]}`);
  }
}

async function peerCreate(ctx: Context, base: string, concurrency: number, mine: Row | undefined): Promise<void> {
  const create = await ctx.load.run(
    {
      kind: 'http',
      target: { kind: 'create-user', base, apiKey: 'peer', prefix: `peer${concurrency}` },
      pacing: pacing(ctx.options, concurrency),
    },
    jobTimeout(ctx.options),
  );
  ctx.rows.push(
    rowOf('6 peer scimmy', 'POST /Users (in memory)', create, {
      concurrency,
      ratio: mine?.throughput !== undefined ? mine.throughput / create.throughput : undefined,
      ratioOf: 'our create throughput ÷ peer',
    }),
  );
  if (create.errors > 0)
    ctx.notes.push(`peer create c=${concurrency}: ${create.errors} errors, e.g. ${create.errorSamples[0]}`);
}
