import { oracleAccessAt, oracleRoleHistory, oracleTimeline, type AccessEntry } from '@lib/audit';
import { generateHistory, interestingInstants, seededRandom } from '../../../libs/audit/src/testing/history-generator';
import { startAuditHarness, type AuditHarness } from './audit-harness';

/**
 * The differential test: the projection's SQL answers against the ORACLE, which replays the raw
 * event log in memory, on seeded random histories (deletes, renames, re-used userNames, group
 * deletion, ties in time, two tenants), for random instants and windows.
 */
jest.setTimeout(120_000);

describe('audit projection vs oracle', () => {
  let harness: AuditHarness;

  beforeAll(async () => {
    harness = await startAuditHarness({ batchSize: 37 });
  });
  afterAll(async () => harness.close());

  const SEEDS = [1, 7, 42, 2024, 99_991];

  it.each(SEEDS)('answers like the oracle for history seed %i', async (seed) => {
    const history = generateHistory(seed, 260);
    await harness.append(history.events);
    await harness.settle();
    expect(harness.projector.health()).toMatchObject({ state: 'active', parked: [] });
    const log = await harness.allEvents();
    const random = seededRandom(seed * 31);

    for (const tenantId of history.tenants) {
      const users = history.userIds.get(tenantId) ?? [];
      const groups = history.groupIds.get(tenantId) ?? [];
      for (const at of interestingInstants(history, random, 25)) {
        const expected = oracleAccessAt(log, tenantId, at);
        const page = await harness.queries.accessPage(tenantId, at, {}, 1, 10_000);
        expect({ at, entries: page.entries }).toEqual({ at, entries: expected });
        expect(page.totalResults).toBe(expected.length);

        const role = groups[Math.floor(random() * groups.length)];
        if (role)
          expect((await harness.queries.accessPage(tenantId, at, { role }, 1, 10_000)).entries).toEqual(
            oracleAccessAt(log, tenantId, at, { role }),
          );
        const user = users[Math.floor(random() * users.length)];
        if (user)
          expect((await harness.queries.accessPage(tenantId, at, { user }, 1, 10_000)).entries).toEqual(
            oracleAccessAt(log, tenantId, at, { user }),
          );

        // Paging: pages of 3 concatenate to the whole answer, in the same stable order.
        const paged: AccessEntry[] = [];
        for (let start = 1; start <= expected.length; start += 3)
          paged.push(...(await harness.queries.accessPage(tenantId, at, {}, start, 3)).entries);
        expect(paged).toEqual(expected);
        // Keyset chunks (the export path) give the same rows too.
        const chunks: AccessEntry[] = [];
        for await (const chunk of harness.queries.accessChunks(tenantId, at, {}, 4)) chunks.push(...chunk);
        expect(chunks).toEqual(expected);
      }

      for (const userId of users) {
        expect(await harness.queries.timeline(tenantId, userId)).toEqual(oracleTimeline(log, tenantId, userId));
      }
      expect(await harness.queries.timeline(tenantId, 'nobody')).toBeUndefined();

      for (const groupId of groups) {
        const instants = interestingInstants(history, random, 6);
        const windows = [
          {},
          { from: instants[2] },
          { to: instants[3] },
          ...[0, 1].map(() => ({ from: instants[4], to: instants[5] })).slice(0, 1),
        ]
          .concat([{ from: instants[0], to: instants[1] }])
          .map((w) => (w.from && w.to && Date.parse(w.from) > Date.parse(w.to) ? { from: w.to, to: w.from } : w));
        for (const window of windows) {
          const expected = oracleRoleHistory(log, tenantId, groupId, window);
          const actual = await harness.queries.roleHistory(tenantId, groupId, window, 1, 10_000);
          expect({ groupId, window, holdings: actual?.holdings }).toEqual({ groupId, window, holdings: expected });
          const chunks = [];
          for await (const chunk of harness.queries.roleHistoryChunks(tenantId, groupId, window, 2))
            chunks.push(...chunk);
          expect(chunks).toEqual(expected);
        }
      }
      expect(await harness.queries.roleHistory(tenantId, 'no-such-role', {})).toBeUndefined();
      expect(await harness.queries.verify(tenantId)).toMatchObject({ valid: true });
    }
  });
});
