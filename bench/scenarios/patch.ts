import { rowOf } from '../report/row';
import { jobTimeout, noteErrors, pacing, type Context } from './context';
import type { LoadedData } from './bulk-load';

/**
 * 3. PATCH remove then add back one member, alternately, on the group of all loaded users and
 * on a group of 10 (concurrency 1, the way an IdP sends membership changes of one group).
 * A group PATCH answers 204 (RFC 7644 §3.5.2 allows it; what every IdP gets), then once on the
 * large group with `?attributes=members`: a 200 that renders the whole member list, which costs
 * O(members) on top of the O(1) write.
 */
export async function patchScenario(ctx: Context, data: LoadedData): Promise<void> {
  const run = (groupId: string, userIds: string[], withMembersInAnswer: boolean) =>
    ctx.load.run(
      {
        kind: 'http',
        target: {
          kind: 'patch-member',
          base: ctx.tenant.scimBase,
          apiKey: ctx.tenant.apiKey,
          groupId,
          userIds,
          withMembersInAnswer,
        },
        pacing: { ...pacing(ctx.options, 1), warmup: 10 },
      },
      jobTimeout(ctx.options),
    );
  const size = data.userIds.length.toLocaleString('en-US');
  ctx.log('3. PATCH member add/remove: group of 10...');
  const small = await run(data.smallGroupId, data.smallMemberIds, false);
  ctx.log(`   ... group of ${size}`);
  const large = await run(data.bigGroupId, data.userIds.slice(100, 200), false);
  ctx.log(`   ... group of ${size}, answer with the full group`);
  const full = await run(data.bigGroupId, data.userIds.slice(200, 300), true);
  ctx.rows.push(rowOf('3 PATCH group member', 'group of 10, 204', small, { concurrency: 1 }));
  ctx.rows.push(
    rowOf('3 PATCH group member', `group of ${size}, 204`, large, {
      concurrency: 1,
      ratio: large.p50 / small.p50,
      ratioOf: 'p50 large ÷ p50 small (want ~1)',
    }),
  );
  ctx.rows.push(
    rowOf('3 PATCH group member', `group of ${size}, ?attributes=members (200, all members)`, full, {
      concurrency: 1,
      ratio: full.p50 / small.p50,
      ratioOf: 'p50 ÷ p50 small',
    }),
  );
  for (const [name, s] of [
    ['small', small],
    ['large', large],
    ['full', full],
  ] as const)
    noteErrors(ctx, `PATCH ${name}`, s);
}
