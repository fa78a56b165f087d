import { parseFilter } from '@lib/scim';
import { rebuildReadModels, readCheckpoint, SCIM_PROJECTION_NAME, UserQueries } from '@lib/read-model';
import { Projector } from '../../../apps/projector/src/projector';
import { useReadModelFixture, dumpReadModel, waitForCatchUp } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';
import { writeGeneratedTenant } from './support/generated-tenant';

describe('rebuild: fresh tables from the whole log, swapped in atomically', () => {
  const fixture = useReadModelFixture();

  beforeAll(async () => {
    await writeGeneratedTenant(new ScimEventWriter(fixture.store, 'tenant-r1'), 1, 60, 4);
    await writeGeneratedTenant(new ScimEventWriter(fixture.store, 'tenant-r2'), 2, 30, 2);
  }, 60000);

  it('gives exactly the rows of the incremental projection, and the checkpoint at the head', async () => {
    const projector = new Projector(fixture.pool, fixture.store, { batchSize: 7 });
    await projector.start();
    await waitForCatchUp(fixture);
    await projector.stop();
    const incremental = await dumpReadModel(fixture.pool);
    expect(incremental.users.length).toBeGreaterThan(50);

    const report = await rebuildReadModels(fixture.db.url, fixture.store);
    expect(report.position).toBe(await fixture.store.headPosition());
    expect(await dumpReadModel(fixture.pool)).toEqual(incremental);
    expect(await readCheckpoint(fixture.pool, SCIM_PROJECTION_NAME)).toMatchObject({
      position: report.position,
      status: 'running',
    });
    const leftovers = await fixture.pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_%'");
    expect(leftovers.rows).toEqual([]);
  });

  it('keeps serving reads during the rebuild, and the projector continues on the new tables', async () => {
    const projector = new Projector(fixture.pool, fixture.store, { batchSize: 5 });
    await projector.start();
    const write = new ScimEventWriter(fixture.store, 'tenant-r3');
    const users = new UserQueries(fixture.pool);
    let reads = 0;
    let stop = false;
    const reader = (async () => {
      while (!stop) {
        await users.list('tenant-r1', { filter: parseFilter('userName sw "a"'), count: 5 });
        reads++;
      }
    })();
    const writer = (async () => {
      for (let i = 0; i < 40; i++) await write.provisionUser(`w${i}`, { userName: `writer-${i}` });
    })();
    await rebuildReadModels(fixture.db.url, fixture.store);
    await writer;
    await waitForCatchUp(fixture);
    stop = true;
    await reader;
    await projector.stop();
    expect(reads).toBeGreaterThan(0);
    expect((await users.list('tenant-r3', {})).totalResults).toBe(40);

    // And the result is still what a clean rebuild gives.
    const live = await dumpReadModel(fixture.pool);
    await rebuildReadModels(fixture.db.url, fixture.store);
    expect(await dumpReadModel(fixture.pool)).toEqual(live);
  });
});
