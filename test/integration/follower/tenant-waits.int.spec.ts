import { SCIM_PROJECTION_NAME } from '@lib/read-model';
import { useCheckpointWaiter, useReadModelFixture, waitForCatchUp } from '../read-model/support/read-model-fixture';
import { ScimEventWriter } from '../read-model/support/scim-event-writer';
import { useProjector } from '../projector/fixtures/use-projector';
import { eventually } from '../../support/service-process';

describe('read-your-writes per tenant (CheckpointWaiter with the projector and parking)', () => {
  const fixture = useReadModelFixture();
  const projector = useProjector(fixture, { batchSize: 20 });
  const waiter = useCheckpointWaiter(fixture);

  it(
    "a write of a held tenant is answered at once as held; another tenant's write is " +
      'visible; real lag is "lagging" after the timeout',
    async () => {
      const a = new ScimEventWriter(fixture.store, 'tenant-a');
      const b = new ScimEventWriter(fixture.store, 'tenant-b');
      const written = await a.provisionUser('a1', { userName: 'a1' });
      expect(await waiter.waitForTenant('tenant-a', written.lastGlobalPosition, 5000)).toEqual({ visible: true });

      await a.updateUser('nobody', { userName: 'ghost' }); // poison: tenant-a is held from here
      const held = await a.provisionUser('a2', { userName: 'a2' });
      const started = Date.now();
      const outcome = await waiter.waitForTenant('tenant-a', held.lastGlobalPosition, 10_000);
      expect(outcome).toMatchObject({ visible: false, lagging: false, held: { since: expect.any(String) } });
      expect(Date.now() - started).toBeLessThan(3000);
      // An earlier write of the held tenant (before the parked event) is still visible.
      expect(await waiter.waitForTenant('tenant-a', written.lastGlobalPosition, 1000)).toEqual({ visible: true });

      const other = await b.provisionUser('b1', { userName: 'b1' });
      expect(await waiter.waitForTenant('tenant-b', other.lastGlobalPosition, 5000)).toEqual({ visible: true });

      const beyond = (await fixture.store.headPosition()) + 1000;
      const lagStarted = Date.now();
      expect(await waiter.waitForTenant('tenant-b', beyond, 300)).toEqual({ visible: false, lagging: true });
      expect(Date.now() - lagStarted).toBeGreaterThanOrEqual(250);
    },
  );

  it('a waiter already waiting learns at once that its tenant was just held', async () => {
    await waitForCatchUp(fixture);
    const c = new ScimEventWriter(fixture.store, 'tenant-c');
    await projector.stop();
    await c.updateUser('nobody', { userName: 'ghost' });
    const write = await c.provisionUser('c1', { userName: 'c1' });
    const waiting = waiter.waitForTenant('tenant-c', write.lastGlobalPosition, 20_000);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await projector.start();
    expect(await waiting).toMatchObject({ visible: false, lagging: false });
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it(
    'forgets a cached checkpoint that moved backwards (a restore) or that it may have missed ' +
      '(LISTEN connection lost)',
    async () => {
      await waitForCatchUp(fixture);
      const head = await fixture.store.headPosition();
      expect(await waiter.waitFor(head, 1000)).toBe(true);
      await projector.stop();

      // A restore: the checkpoint is lower than what the waiter saw, and a notification says so.
      await fixture.pool.query('UPDATE projector_checkpoints SET position = 1 WHERE name = $1', [SCIM_PROJECTION_NAME]);
      await fixture.pool.query(`SELECT pg_notify('projector_checkpoint', $1)`, [`${SCIM_PROJECTION_NAME}:1`]);
      await eventually('the waiter to take the lower checkpoint', () => waiter.knownPosition === 1, 5000, 20);
      expect(await waiter.waitFor(head, 200)).toBe(false);

      // Restored without a notification, then the LISTEN connection dropped (a restart): the cache is distrusted.
      await fixture.pool.query('UPDATE projector_checkpoints SET position = $2 WHERE name = $1', [
        SCIM_PROJECTION_NAME,
        head,
      ]);
      expect(await waiter.waitFor(head, 2000)).toBe(true);
      await fixture.pool.query('UPDATE projector_checkpoints SET position = 2 WHERE name = $1', [SCIM_PROJECTION_NAME]);
      await fixture.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scim-checkpoint-waiter'`,
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(await waiter.waitFor(head, 200)).toBe(false);
      expect(waiter.knownPosition).toBe(2);
      await fixture.pool.query('UPDATE projector_checkpoints SET position = $2 WHERE name = $1', [
        SCIM_PROJECTION_NAME,
        head,
      ]);
    },
  );
});
