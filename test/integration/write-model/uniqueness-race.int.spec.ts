import { randomUUID } from 'node:crypto';
import { userNameReservationStream } from '@lib/domain';
import { commandsFor, useWriteModel } from './harness';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

describe('userName uniqueness under concurrency (real PostgreSQL)', () => {
  const wm = useWriteModel();

  it(
    '20 concurrent creates of one userName in different cases: ' + 'exactly one succeeds, the rest get uniqueness',
    async () => {
      const tenantId = 'race-tenant';
      const spellings = Array.from({ length: 20 }, (_, i) =>
        [...'race.user@example.com'].map((c, j) => ((i >> j % 5) & 1 ? c.toUpperCase() : c)).join(''),
      );
      const outcomes = await Promise.allSettled(
        spellings.map((userName) =>
          commandsFor(wm, tenantId).provisionUser({ userId: randomUUID(), resource: { userName } }),
        ),
      );
      const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(succeeded).toHaveLength(1);
      expect(failed.map((f) => (f.reason as { code?: string }).code)).toEqual(Array(19).fill('uniqueness'));
      const reservation = await wm.store.readStream(userNameReservationStream(tenantId, 'race.user@example.com'));
      expect(reservation.map((e) => e.type)).toEqual(['UserNameReserved']);
    },
  );
});
