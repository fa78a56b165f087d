import { AuditTables } from '@lib/audit';
import { ParkedEventsAdmin } from '@lib/follower';
import { streamEvent, startAuditHarness, type AuditHarness } from './audit-harness';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 14, 9, minute)).toISOString();

jest.setTimeout(120_000);

describe('audit projection: chain, tampering and failures', () => {
  let harness: AuditHarness;
  const tenant = 'acme';
  const e = (stream: string, type: string, data: Record<string, unknown>, minute: number) =>
    streamEvent(tenant, stream, type, data, at(minute), { requestId: `req-${minute}` });

  beforeAll(async () => {
    harness = await startAuditHarness();
    await harness.append([
      e(
        'user-acme-u1',
        'UserProvisioned',
        { userId: 'u1', userName: 'ada@acme', externalId: null, active: true, resource: { userName: 'ada@acme' } },
        0,
      ),
      e('group-acme-g1', 'GroupCreated', { groupId: 'g1', displayName: 'Admins', externalId: null, resource: {} }, 1),
      e('membership-acme-g1-u1', 'GroupMembersAdded', { groupId: 'g1', memberIds: ['u1'] }, 2),
      e(
        'user-acme-u1',
        'UserUpdated',
        { userId: 'u1', userName: 'ada@acme', changes: [{ path: 'title', before: null, after: 'CTO' }], resource: {} },
        3,
      ),
      e('membership-acme-g1-u1', 'GroupMembersRemoved', { groupId: 'g1', memberIds: ['u1'] }, 4),
      streamEvent(
        'other',
        'user-other-u9',
        'UserProvisioned',
        { userId: 'u9', userName: 'x', externalId: null, active: true, resource: {} },
        at(5),
      ),
    ]);
    await harness.settle();
  });
  afterAll(async () => harness.close());

  it('keeps tenants apart, each with its own chain', async () => {
    expect(await harness.queries.verify(tenant)).toEqual({ valid: true, records: 5 });
    expect(await harness.queries.verify('other')).toEqual({ valid: true, records: 1 });
    expect((await harness.queries.accessPage(tenant, at(9), {}, 1, 100)).entries.map((u) => u.userId)).toEqual(['u1']);
    expect(await harness.queries.timeline('other', 'u1')).toBeUndefined();
  });

  it('reports the first broken link when a row is edited with SQL, and again when it is put back', async () => {
    const { rows } = await harness.pool.query(
      `SELECT changes FROM ${AuditTables.records} WHERE tenant_id = $1 AND seq = 4`,
      [tenant],
    );
    await harness.pool.query(
      `UPDATE ${AuditTables.records} SET changes = '[{"path":"title","before":null,"after":"intern"}]' ` +
        `WHERE tenant_id = $1 AND seq = 4`,
      [tenant],
    );
    const report = await harness.queries.verify(tenant);
    expect(report).toMatchObject({ valid: false, records: 4, firstBrokenRecord: { seq: 4, reason: 'hash_mismatch' } });
    await harness.pool.query(`UPDATE ${AuditTables.records} SET changes = $2 WHERE tenant_id = $1 AND seq = 4`, [
      tenant,
      JSON.stringify(rows[0].changes),
    ]);
    expect(await harness.queries.verify(tenant)).toEqual({ valid: true, records: 5 });
  });

  it('notices a deleted record and an actor rewritten in the JSON', async () => {
    await harness.pool.query(
      `UPDATE ${AuditTables.records} SET actor = '{"kind":"system"}' WHERE tenant_id = $1 AND seq = 2`,
      [tenant],
    );
    expect((await harness.queries.verify(tenant)).firstBrokenRecord).toMatchObject({ seq: 2, reason: 'hash_mismatch' });
    await harness.pool.query(`DELETE FROM ${AuditTables.records} WHERE tenant_id = $1 AND seq = 1`, [tenant]);
    expect((await harness.queries.verify(tenant)).firstBrokenRecord).toMatchObject({ seq: 2, reason: 'sequence_gap' });
  });

  it(
    'parks an event it cannot apply, naming it: that tenant waits, another tenant goes on; a skip resumes ' +
      'after it',
    async () => {
      const bad = e('user-acme-ghost', 'UserDeactivated', { userId: 'ghost', userName: 'ghost' }, 10);
      const after = e(
        'user-acme-u2',
        'UserProvisioned',
        { userId: 'u2', userName: 'bob', externalId: null, active: true, resource: {} },
        11,
      );
      const elsewhere = streamEvent(
        'other',
        'user-other-u8',
        'UserProvisioned',
        { userId: 'u8', userName: 'y', externalId: null, active: true, resource: {} },
        at(12),
      );
      await harness.append([bad, after, elsewhere]);
      await harness.settle();
      const health = harness.projector.health();
      expect(health.parked).toEqual([
        expect.objectContaining({ tenantId: tenant, eventId: bad.event.eventId, eventType: 'UserDeactivated' }),
      ]);
      const admin = new ParkedEventsAdmin(harness.pool);
      const [parked] = await admin.list({ follower: harness.projector.name });
      expect(parked!.error).toContain('never provisioned');
      // The held tenant stopped before the bad event; the other tenant went on.
      expect(await harness.queries.timeline(tenant, 'u2')).toBeUndefined();
      expect(await harness.queries.timeline('other', 'u8')).toBeDefined();

      await admin.requestSkip(parked!.id, 'operator');
      const deadline = Date.now() + 15_000;
      while ((await admin.get(parked!.id)).status !== 'skipped' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect((await admin.get(parked!.id)).status).toBe('skipped');
      expect(harness.projector.health().parked).toEqual([]);
      expect(await harness.queries.timeline(tenant, 'u2')).toBeDefined();
    },
  );
});
