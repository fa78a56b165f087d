import type { CursorWalkStats } from '../load/protocol';
import { rowOf } from '../report/row';
import type { Context } from './context';

export const PAGE_SIZE = 1000;
const REPEATS = 20;

/**
 * Every user of the tenant read by RFC 9865 cursor paging, one page after the other; then the
 * first, middle and last pages timed again. Target (issue 16): constant time per page, the three
 * within 1.5× of each other.
 */
export async function cursorPagingScenario(ctx: Context, users: number): Promise<void> {
  ctx.log(`cursor paging through all ${users} users, ${PAGE_SIZE} per page...`);
  const walk = await ctx.load.run<CursorWalkStats>(
    {
      kind: 'cursor-walk',
      base: ctx.tenant.scimBase,
      apiKey: ctx.tenant.apiKey,
      pageSize: PAGE_SIZE,
      repeats: REPEATS,
      timeoutMs: 40 * 60_000,
    },
    45 * 60_000,
  );
  const label = `2c cursor paging (${walk.totalResults.toLocaleString('en-US')} users)`;
  ctx.rows.push(
    rowOf(label, `every page, ${PAGE_SIZE} users each (${walk.pages} pages)`, walk, {
      concurrency: 1,
      unit: 'pages/s',
      note: `${walk.seconds.toFixed(1)} s`,
    }),
  );
  const medians = { first: walk.first.p50, middle: walk.middle.p50, last: walk.last.p50 };
  for (const name of ['first', 'middle', 'last'] as const) {
    ctx.rows.push(
      rowOf(label, `${name} page again (×${REPEATS})`, walk[name], {
        concurrency: 1,
        unit: 'pages/s',
        ratio: medians[name] / medians.first,
        ratioOf: 'p50 ÷ p50 of the first page (want ≤ 1.5)',
      }),
    );
  }
  const spread = Math.max(...Object.values(medians)) / Math.min(...Object.values(medians));
  ctx.notes.push(
    `cursor paging: ${walk.resources} resources in ${walk.pages} pages; first/middle/last page p50 ` +
      `${medians.first.toFixed(1)} / ${medians.middle.toFixed(1)} / ${medians.last.toFixed(1)} ms (spread ` +
      `${spread.toFixed(2)}×, target ≤ 1.5×)`,
  );
}
