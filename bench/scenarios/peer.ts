import { rowOf, type Row } from '../report/row';
import { startPeer } from '../stack/peer';
import { jobTimeout, pacing, type Context } from './context';

/**
 * 6. The same create and filter requests against SCIMMY + scimmy-routers (in memory), seeded with
 * the same user names. The ratio compares our figure at the same concurrency with the peer's.
 */
export async function peerScenario(ctx: Context, users: number): Promise<void> {
  ctx.log(`6. peer: starting scimmy with ${users} users in memory...`);
  const peer = await startPeer(ctx.repoRoot, users, ctx.log);
  const ours = (scenario: string, concurrency: number): Row | undefined =>
    ctx.rows.find((r) => r.scenario.startsWith(scenario) && r.concurrency === concurrency && r.subject.startsWith('SCIM'));
  for (const concurrency of [1, 16]) {
    const create = await ctx.load.run(
      { kind: 'http', target: { kind: 'create-user', base: peer.base, apiKey: 'peer', prefix: `peer${concurrency}` }, pacing: pacing(ctx.options, concurrency) },
      jobTimeout(ctx.options),
    );
    const mineCreate = ours('1 create', concurrency);
    ctx.rows.push(
      rowOf('6 peer scimmy', 'POST /Users (in memory)', create, {
        concurrency,
        ratio: mineCreate?.throughput !== undefined ? mineCreate.throughput / create.throughput : undefined,
        ratioOf: 'our create throughput ÷ peer',
      }),
    );
    const filter = await ctx.load.run(
      { kind: 'http', target: { kind: 'filter-user', base: peer.base, apiKey: 'peer', users }, pacing: pacing(ctx.options, concurrency) },
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
    for (const s of [create, filter]) if (s.errors > 0) ctx.notes.push(`peer c=${concurrency}: ${s.errors} errors, e.g. ${s.errorSamples[0]}`);
  }
}
