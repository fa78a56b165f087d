import { rebuildReadModels } from '@lib/read-model';
import { benchEventStore } from '../stack/event-store';
import type { Context } from './context';

export const REBUILD_TARGET_EVENTS_PER_SECOND = 10_000;

/** 4. Full read-model rebuild over the whole log (while the service runs), events per second. */
export async function rebuildScenario(ctx: Context): Promise<void> {
  ctx.log('4. projection rebuild over the whole log...');
  const store = benchEventStore(ctx.pool);
  const report = await rebuildReadModels(ctx.databaseUrl, store, { log: (line) => ctx.log(`   ${line}`) });
  ctx.rows.push({
    scenario: '4 projection rebuild',
    subject:
      `${report.events.toLocaleString('en-US')} events → ${report.users.toLocaleString('en-US')} users, ` +
      `${report.groups} groups`,
    throughput: report.eventsPerSecond,
    unit: 'events/s',
    count: report.events,
    ratio: report.eventsPerSecond / REBUILD_TARGET_EVENTS_PER_SECOND,
    ratioOf: 'events/s ÷ target 10,000/s',
    note: `${report.seconds.toFixed(1)} s`,
  });
}
