import { randomUUID } from 'node:crypto';
import { AuditProjector, oracleAccessAt, oracleTimeline, type AuditEvent } from '@lib/audit';
import { generateHistory, interestingInstants, seededRandom } from '../../../libs/audit/src/testing/history-generator';
import { scenarioEvent, startAuditHarness, type AuditHarness } from './audit-harness';

/**
 * The differential test on an encrypted log with erasures: generated histories appended through
 * the personal-data codec, then some deleted users erased (UserErased and their keys destroyed).
 * Every answer equals the oracle's replay of the log as it now reads (erased people: ids, status,
 * roles, `erased: true`, no names or values); the chain verifies; and a replay of the audit from
 * scratch after the erasures chains exactly the same records (it chains ciphertext, not values).
 */
jest.setTimeout(180_000);

describe('audit projection vs oracle, encrypted, with erasures', () => {
  let harness: AuditHarness;

  beforeAll(async () => {
    harness = await startAuditHarness({ batchSize: 41, encrypted: true });
  });
  afterAll(async () => harness.close());

  it.each([3, 1234])(
    'answers like the oracle for history seed %i, before and after a replay from scratch',
    async (seed) => {
      const history = generateHistory(seed, 300);
      await harness.append(history.events);
      await harness.settle();
      const deleted = history.events.filter(({ event }) => event.type === 'UserDeleted').map(({ event }) => event);
      const erased = deleted.filter((_, i) => i % 2 === 0);
      expect(erased.length).toBeGreaterThan(1);
      const last = Date.parse(history.instants[history.instants.length - 1]!);
      for (const [i, event] of erased.entries()) {
        const { tenantId, userId } = event.data as { tenantId: string; userId: string };
        const at = new Date(last + 1000 * (i + 1)).toISOString();
        const erasure = scenarioEvent(tenantId, 'UserErased', { userId }, at, {
          requestId: randomUUID(),
          actor: { kind: 'operator' },
        });
        await harness.store.append(`user-${tenantId}-${userId}`, 'any', [erasure]);
        await harness.keys!.destroy({ tenantId, userId });
      }
      await harness.settle();
      expect(harness.projector.health()).toMatchObject({ state: 'active', parked: [] });
      const log = await harness.allEvents();
      const erasedIds = new Set(erased.map((e) => String(e.data.userId)));
      expect(
        log
          .filter((e) => erasedIds.has(String(e.data.userId)) && e.type === 'UserProvisioned')
          .every((e) => e.data.erased === true),
      ).toBe(true);

      const compare = async (events: AuditEvent[]) => {
        const random = seededRandom(seed * 17);
        let erasedSeen = 0;
        for (const tenantId of history.tenants) {
          for (const at of interestingInstants(history, random, 20)) {
            const expected = oracleAccessAt(events, tenantId, at);
            erasedSeen += expected.filter((entry) => entry.erased).length;
            expect({ at, entries: (await harness.queries.accessPage(tenantId, at, {}, 1, 10_000)).entries }).toEqual({
              at,
              entries: expected,
            });
            const chunks = [];
            for await (const chunk of harness.queries.accessChunks(tenantId, at, {}, 5)) chunks.push(...chunk);
            expect(chunks).toEqual(expected);
          }
          for (const userId of history.userIds.get(tenantId) ?? []) {
            expect(await harness.queries.timeline(tenantId, userId)).toEqual(oracleTimeline(events, tenantId, userId));
          }
          expect(await harness.queries.verify(tenantId)).toMatchObject({ valid: true });
        }
        return erasedSeen;
      };
      // Every userName of the histories ends in @example.com: no audit table holds one in clear.
      for (const table of [
        'audit_records_v1',
        'audit_user_names_v1',
        'audit_user_status_v1',
        'audit_role_memberships_v1',
      ]) {
        const { rows } = await harness.pool.query(
          `SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE '%@example.com%'`,
        );
        expect({ table, clear: rows[0].n }).toEqual({ table, clear: 0 });
      }
      const erasedAnswers = await compare(log);
      expect(erasedAnswers).toBeGreaterThan(0);
      const timelines = await Promise.all(
        [...erasedIds].map(async (userId) => {
          const tenantId = String(erased.find((e) => e.data.userId === userId)!.data.tenantId);
          return (await harness.queries.timeline(tenantId, userId))!;
        }),
      );
      for (const timeline of timelines) {
        expect(
          timeline.filter((entry) => entry.action === 'user.provisioned').every((entry) => entry.erased === true),
        ).toBe(true);
        expect(timeline[timeline.length - 1]).toMatchObject({ action: 'user.erased' });
      }

      // A replay from scratch after the erasures: the same chained records, hash for hash.
      const chain = async () =>
        (await harness.pool.query('SELECT tenant_id, seq, hash FROM audit_records_v1 ORDER BY tenant_id, seq')).rows;
      const before = await chain();
      await harness.projector.stop();
      await harness.pool.query(
        'TRUNCATE audit_user_status_v1, audit_user_names_v1, audit_roles_v1, audit_role_names_v1, ' +
          'audit_role_memberships_v1, audit_records_v1, audit_erasures_v1',
      );
      await harness.pool.query("UPDATE audit_checkpoints_v1 SET position = 0 WHERE name = 'audit-v1'");
      const replay = new AuditProjector(harness.pool, harness.store, { batchSize: 53 });
      replay.start();
      try {
        await replay.waitFor(await harness.store.headPosition(), 60_000);
        expect(await chain()).toEqual(before);
        await compare(log);
      } finally {
        await replay.stop();
        harness.projector.start();
      }
    },
  );
});
