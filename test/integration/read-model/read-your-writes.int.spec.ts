import { parseFilter } from '@lib/scim';
import { UserQueries } from '@lib/read-model';
import { useBeforeAll } from '../../support/hooks';
import { killed, spawnProjector } from '../projector/fixtures/spawn-projector';
import { usePool } from '../../support/database';
import { useCheckpointWaiter, useReadModelFixture } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

describe('read-your-writes across processes: CheckpointWaiter with the projector in a child process', () => {
  const fixture = useReadModelFixture();
  useBeforeAll(
    () => spawnProjector(fixture.db.url, 50),
    (projector) => killed(projector, 'SIGTERM'),
  );
  // The reads go through another pool: another connection than the writer's and the waiter's.
  const readerPool = usePool(() => fixture.db.url, 10);
  const waiter = useCheckpointWaiter(fixture);

  it('create then immediately filter by the new userName, many times concurrently: never empty', async () => {
    const write = new ScimEventWriter(fixture.store, 'tenant-ryw');
    const users = new UserQueries(readerPool);
    const misses: string[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const userName = `ryw-${i}@example.com`;
        const { lastGlobalPosition } = await write.provisionUser(`ryw-${i}`, { userName });
        expect(await waiter.waitFor(lastGlobalPosition, 10000)).toBe(true);
        const found = await users.list('tenant-ryw', {
          filter: parseFilter(`userName eq "${userName.toUpperCase()}"`),
        });
        if (found.totalResults !== 1) misses.push(userName);
      }),
    );
    expect(misses).toEqual([]);
    // Notifications, not the 1 s fallback poll, should carry this.
    expect(Date.now() - started).toBeLessThan(15000);
  });

  it('times out with false when the position is never reached', async () => {
    const head = await fixture.store.headPosition();
    expect(await waiter.waitFor(head + 1000, 300)).toBe(false);
  });
});
