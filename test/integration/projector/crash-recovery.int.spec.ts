import { rebuildReadModels, readCheckpoint, SCIM_PROJECTION_NAME } from '@lib/read-model';
import { useReadModelFixture, dumpReadModel, waitForCatchUp } from '../read-model/support/read-model-fixture';
import { ScimEventWriter } from '../read-model/support/scim-event-writer';
import { writeGeneratedTenant } from '../read-model/support/generated-tenant';
import { killed, spawnProjector } from './fixtures/spawn-projector';

describe('projector killed mid-batch (SIGKILL) resumes to read models identical to a clean rebuild', () => {
  const fixture = useReadModelFixture();

  beforeAll(async () => {
    await writeGeneratedTenant(new ScimEventWriter(fixture.store, 'tenant-k'), 99, 300, 8);
  }, 120000);

  it('kills the projector several times while it works, then compares with a rebuild', async () => {
    const head = await fixture.store.headPosition();
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      const child = await spawnProjector(fixture.db.url, 10);
      // Let it commit some batches, then kill it without warning, most likely inside a transaction.
      const before = (await readCheckpoint(fixture.pool, SCIM_PROJECTION_NAME))?.position ?? 0;
      const deadline = Date.now() + 20000;
      while (
        ((await readCheckpoint(fixture.pool, SCIM_PROJECTION_NAME))?.position ?? 0) < before + 30 &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await killed(child, 'SIGKILL');
      kills++;
    }
    const stopped = (await readCheckpoint(fixture.pool, SCIM_PROJECTION_NAME))!.position;
    expect(stopped).toBeLessThan(head);
    expect(kills).toBe(3);

    const child = await spawnProjector(fixture.db.url, 10);
    await waitForCatchUp(fixture, SCIM_PROJECTION_NAME, 60000);
    await killed(child, 'SIGTERM');
    const resumed = await dumpReadModel(fixture.pool);

    await rebuildReadModels(fixture.db.url, fixture.store);
    expect(await dumpReadModel(fixture.pool)).toEqual(resumed);
  }, 120000);
});
