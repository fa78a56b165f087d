import type { HttpTarget } from '../load/protocol';
import { rowOf, type Row } from '../report/row';
import { startPeer } from '../stack/peer';
import { noteErrors, runHttp, type Context } from './context';

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
  const base = peer.base;
  for (const concurrency of [1, 16]) {
    if (options.create) {
      const create: HttpTarget = { kind: 'create-user', base, apiKey: 'peer', prefix: `peer${concurrency}` };
      await againstPeer(ctx, concurrency, create, {
        subject: 'POST /Users (in memory)',
        ours: '1 create',
        what: 'create',
      });
    }
    const filter: HttpTarget = { kind: 'filter-user', base, apiKey: 'peer', users };
    await againstPeer(ctx, concurrency, filter, {
      subject: 'GET userName eq (in memory)',
      ours: '2 filter',
      what: 'filter',
    });
  }
}

/**
 * One request kind against the peer; the row's ratio is our SCIM throughput at the same
 * concurrency (the row of scenario `ours`, when it ran) divided by the peer's.
 */
async function againstPeer(
  ctx: Context,
  concurrency: number,
  target: HttpTarget,
  names: { subject: string; ours: string; what: string },
): Promise<void> {
  const stats = await runHttp(ctx, concurrency, target);
  const mine = ourRow(ctx.rows, names.ours, concurrency);
  ctx.rows.push(
    rowOf('6 peer scimmy', names.subject, stats, {
      concurrency,
      ratio: mine?.throughput !== undefined ? mine.throughput / stats.throughput : undefined,
      ratioOf: `our ${names.what} throughput ÷ peer`,
    }),
  );
  noteErrors(ctx, `peer ${names.what} c=${concurrency}`, stats);
}

function ourRow(rows: Row[], scenario: string, concurrency: number): Row | undefined {
  return rows.find(
    (r) => r.scenario.startsWith(scenario) && r.concurrency === concurrency && r.subject.startsWith('SCIM'),
  );
}
