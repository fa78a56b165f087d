import { randomUUID } from 'node:crypto';
import { groupStream, membershipStream, userStream } from '@lib/domain';
import type { EventToAppend } from '@lib/event-store';
import { scenarioEvent, startAuditHarness, type AuditHarness } from './audit-harness';

jest.setTimeout(60_000);

/**
 * Issue 13 §2: a write that started earlier but commits later. With request-time stamps, the
 * grant (started later, committed first) and the revoke (started earlier, committed last) made
 * an interval that ends before it starts, and the grant vanished from "who had access at T".
 * The store stamps commit-ordered time, so every instant between the two commits shows it.
 */
describe('audit answers when the earlier-started write commits last (database clock)', () => {
  // The store stamps the database's commit-ordered clock, as in the service.
  let harness: AuditHarness;
  beforeAll(async () => {
    harness = await startAuditHarness({ timeSource: 'database' });
  });
  afterAll(async () => harness.close());

  const tenantId = 'time-order';
  const event = (type: string, data: Record<string, unknown>, startedAt: number): EventToAppend =>
    scenarioEvent(tenantId, type, data, new Date(startedAt).toISOString(), { requestId: randomUUID() });

  it('keeps the holding at every instant between the two commits, and not after', async () => {
    const userId = randomUUID();
    const groupId = randomUUID();
    const now = Date.now();
    await harness.store.append(userStream(tenantId, userId), 'no_stream', [
      event(
        'UserProvisioned',
        { userId, userName: 'ada@time.test', externalId: null, active: true, resource: { userName: 'ada@time.test' } },
        now - 60_000,
      ),
    ]);
    await harness.store.append(groupStream(tenantId, groupId), 'no_stream', [
      event(
        'GroupCreated',
        { groupId, displayName: 'Admins', externalId: null, resource: { displayName: 'Admins' } },
        now - 60_000,
      ),
    ]);
    // The revoke's request started first (t0), the grant's later (t1); the grant commits first.
    const t0 = now - 10_000;
    const t1 = now - 5_000;
    const granted = await harness.store.append(membershipStream(tenantId, groupId, userId), 'no_stream', [
      event('GroupMembersAdded', { groupId, memberIds: [userId] }, t1),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const revoked = await harness.store.append(membershipStream(tenantId, groupId, userId), 0, [
      event('GroupMembersRemoved', { groupId, memberIds: [userId] }, t0),
    ]);
    await harness.projector.waitFor(revoked.lastGlobalPosition, 30_000);

    const [grant, revoke] = await harness.store.readStream(membershipStream(tenantId, groupId, userId));
    expect(grant.globalPosition).toBe(granted.lastGlobalPosition);
    expect(revoke.metadata.requestedAt).toBe(new Date(t0).toISOString());
    const c1 = Date.parse(grant.metadata.occurredAt);
    const c2 = Date.parse(revoke.metadata.occurredAt);
    expect(c2 - c1).toBeGreaterThanOrEqual(250);

    const queries = harness.queries;
    const rolesAt = async (instant: number) => {
      const page = await queries.accessPage(tenantId, new Date(instant).toISOString(), {}, 1, 10);
      return page.entries.find((entry) => entry.userId === userId)?.roles.map((role) => role.groupId) ?? [];
    };
    for (const instant of [c1, c1 + 1, Math.floor((c1 + c2) / 2), c2 - 1])
      expect(await rolesAt(instant)).toEqual([groupId]);
    for (const instant of [c2, c2 + 1000, t1, c1 - 1]) expect(await rolesAt(instant)).toEqual([]);
    const history = await queries.roleHistory(tenantId, groupId, {
      from: new Date(c1 - 60_000).toISOString(),
      to: new Date(c2 + 60_000).toISOString(),
    });
    expect(history?.holdings).toEqual([
      expect.objectContaining({ userId, grantedAt: grant.metadata.occurredAt, revokedAt: revoke.metadata.occurredAt }),
    ]);
  });
});
