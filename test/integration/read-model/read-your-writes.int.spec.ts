import type { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import { parseFilter } from '@lib/scim';
import { CheckpointWaiter, UserQueries } from '@lib/read-model';
import { killed, spawnProjector } from '../projector/fixtures/spawn-projector';
import { createReadModelFixture, type ReadModelFixture } from './support/read-model-fixture';
import { ScimEventWriter } from './support/scim-event-writer';

describe('read-your-writes across processes: CheckpointWaiter with the projector in a child process', () => {
  let fixture: ReadModelFixture;
  let projector: ChildProcess;
  let waiter: CheckpointWaiter;
  let readerPool: Pool;

  beforeAll(async () => {
    fixture = await createReadModelFixture();
    projector = await spawnProjector(fixture.db.url, 50);
    // The reads go through another pool: another connection than the writer's and the waiter's.
    readerPool = new Pool({ connectionString: fixture.db.url, max: 10 });
    waiter = new CheckpointWaiter({ connectionString: fixture.db.url, pool: fixture.pool, pollIntervalMs: 1000 });
  });
  afterAll(async () => {
    await waiter.close();
    await killed(projector, 'SIGTERM');
    await readerPool.end();
    await fixture.close();
  });

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
