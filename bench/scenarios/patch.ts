import { rowOf } from '../report/row';
import { jobTimeout, pacing, type Context } from './context';
import type { LoadedData } from './bulk-load';

/**
 * 3. PATCH remove then add back one member, alternately, on the group of all loaded users and
 * on a group of 10 (concurrency 1, the way an IdP sends membership changes of one group).
 * With `?excludedAttributes=members` (the answer without the member list: what Entra and Okta get
 * as 204 by profile), then once without it on the large group: the generic profile's 200 answer
 * renders the whole group, which costs O(members) on top of the O(1) write.
 */
export async function patchScenario(ctx: Context, data: LoadedData): Promise<void> {
  const run = (groupId: string, userIds: string[], excludeMembers: boolean) =>
    ctx.load.run(
      { kind: 'http', target: { kind: 'patch-member', base: ctx.tenant.scimBase, apiKey: ctx.tenant.apiKey, groupId, userIds, excludeMembers }, pacing: { ...pacing(ctx.options, 1), warmup: 10 } },
      jobTimeout(ctx.options),
    );
  const size = data.userIds.length.toLocaleString('en-US');
  ctx.log('3. PATCH member add/remove: group of 10...');
  const small = await run(data.smallGroupId, data.smallMemberIds, true);
  ctx.log(`   ... group of ${size}`);
  const large = await run(data.bigGroupId, data.userIds.slice(100, 200), true);
  ctx.log(`   ... group of ${size}, answer with the full group`);
  const full = await run(data.bigGroupId, data.userIds.slice(200, 300), false);
  ctx.rows.push(rowOf('3 PATCH group member', 'group of 10, excludedAttributes=members', small, { concurrency: 1 }));
  ctx.rows.push(
    rowOf('3 PATCH group member', `group of ${size}, excludedAttributes=members`, large, { concurrency: 1, ratio: large.p50 / small.p50, ratioOf: 'p50 large ÷ p50 small (want ~1)' }),
  );
  ctx.rows.push(rowOf('3 PATCH group member', `group of ${size}, 200 with all members`, full, { concurrency: 1, ratio: full.p50 / small.p50, ratioOf: 'p50 ÷ p50 small' }));
  for (const [name, s] of [['small', small], ['large', large], ['full', full]] as const) if (s.errors > 0) ctx.notes.push(`PATCH ${name}: ${s.errors} errors, e.g. ${s.errorSamples[0]}`);
}
