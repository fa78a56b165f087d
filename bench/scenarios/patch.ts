import { rowOf } from '../report/row';
import { jobTimeout, pacing, type Context } from './context';
import type { LoadedData } from './bulk-load';

/**
 * 3. PATCH remove then add back one member, alternately, on the group of all loaded users and
 * on a group of 10 (concurrency 1, the way an IdP sends membership changes of one group).
 */
export async function patchScenario(ctx: Context, data: LoadedData): Promise<void> {
  const run = (groupId: string, userIds: string[]) =>
    ctx.load.run(
      { kind: 'http', target: { kind: 'patch-member', base: ctx.tenant.scimBase, apiKey: ctx.tenant.apiKey, groupId, userIds }, pacing: { ...pacing(ctx.options, 1), warmup: 20 } },
      jobTimeout(ctx.options),
    );
  ctx.log('3. PATCH member add/remove: group of 10...');
  const small = await run(data.smallGroupId, data.smallMemberIds);
  ctx.log(`   ... group of ${data.userIds.length}`);
  const large = await run(data.bigGroupId, data.userIds.slice(100, 200));
  ctx.rows.push(rowOf('3 PATCH group member', 'group of 10', small, { concurrency: 1 }));
  ctx.rows.push(
    rowOf('3 PATCH group member', `group of ${data.userIds.length.toLocaleString('en-US')}`, large, { concurrency: 1, ratio: large.p50 / small.p50, ratioOf: 'p50 large ÷ p50 small (want ~1)' }),
  );
  for (const [name, s] of [['small', small], ['large', large]] as const) if (s.errors > 0) ctx.notes.push(`PATCH ${name}: ${s.errors} errors, e.g. ${s.errorSamples[0]}`);
}
