import fc from 'fast-check';
import type { RecordedEvent } from '@lib/event-store';
import { toAuditEvent, type AuditEvent } from '../model/audit-event';
import {
  generateHistory,
  interestingInstants,
  seededRandom,
  type GeneratedHistory,
} from '../testing/history-generator';
import { oracleAccessAt, oracleRoleHistory, oracleTimeline } from './audit-oracle';

const at = (hour: number) => new Date(Date.UTC(2025, 2, 14, hour)).toISOString();
const operator = { kind: 'operator' };

function event(position: number, hour: number, type: string, data: Record<string, unknown>): AuditEvent {
  return {
    eventId: `e${position}`,
    globalPosition: position,
    type,
    data: { tenantId: 't', ...data },
    tenantId: 't',
    actor: operator,
    requestId: `r${position}`,
    correlationId: `r${position}`,
    occurredAt: at(hour),
  };
}

function recorded(history: GeneratedHistory): AuditEvent[] {
  return history.events.map(({ streamId, event: e }, i) =>
    toAuditEvent({
      ...e,
      streamId,
      streamRevision: 0,
      globalPosition: i + 1,
      recordedAt: new Date(0),
    } as RecordedEvent),
  );
}

/** ada@x provisioned at 08:00, active or not. */
const adaProvisioned = (active: boolean) =>
  event(1, 8, 'UserProvisioned', {
    userId: 'ada',
    userName: 'ada@x',
    externalId: null,
    active,
    resource: { userName: 'ada@x' },
  });

describe('audit oracle: a worked history', () => {
  const log = [
    adaProvisioned(true),
    event(2, 8, 'GroupCreated', { groupId: 'admins', displayName: 'Admins', externalId: null, resource: {} }),
    event(3, 9, 'GroupMembersAdded', { groupId: 'admins', memberIds: ['ada'] }),
    event(4, 10, 'GroupRenamed', { groupId: 'admins', previousDisplayName: 'Admins', displayName: 'Administrators' }),
    event(5, 11, 'UserDeactivated', { userId: 'ada', userName: 'ada@x' }),
    event(6, 12, 'UserReactivated', { userId: 'ada', userName: 'ada@x' }),
    event(7, 13, 'GroupDeleted', { groupId: 'admins', displayName: 'Administrators' }),
    event(8, 14, 'UserDeleted', { userId: 'ada', userName: 'ada@x' }),
  ];

  it('answers who had access at an instant, with the role name of that instant', () => {
    expect(oracleAccessAt(log, 't', at(7))).toEqual([]);
    expect(oracleAccessAt(log, 't', at(8))).toEqual([
      { userId: 'ada', userName: 'ada@x', activeSince: at(8), roles: [] },
    ]);
    expect(oracleAccessAt(log, 't', at(9))[0]?.roles).toEqual([
      { groupId: 'admins', displayName: 'Admins', grantedAt: at(9) },
    ]);
    expect(oracleAccessAt(log, 't', at(10))[0]?.roles[0]?.displayName).toBe('Administrators');
    expect(oracleAccessAt(log, 't', at(11))).toEqual([]);
    expect(oracleAccessAt(log, 't', at(12))[0]?.activeSince).toBe(at(12));
    expect(oracleAccessAt(log, 't', at(13))[0]?.roles).toEqual([]);
    expect(oracleAccessAt(log, 't', at(14))).toEqual([]);
    expect(oracleAccessAt(log, 't', at(12), { role: 'admins' })).toHaveLength(1);
    expect(oracleAccessAt(log, 't', at(12), { role: 'other' })).toEqual([]);
    expect(oracleAccessAt(log, 'other-tenant', at(12))).toEqual([]);
  });

  it('tells the role history of a window, with who granted and what ended it', () => {
    expect(oracleRoleHistory(log, 't', 'admins', { from: at(10), to: at(11) })).toEqual([
      {
        userId: 'ada',
        grantedAt: at(9),
        grantedBy: operator,
        grantedRequestId: 'r3',
        revokedAt: at(13),
        revokedBy: operator,
        revokedRequestId: 'r7',
        revokeReason: 'group_deleted',
      },
    ]);
    expect(oracleRoleHistory(log, 't', 'admins', { from: at(13) })).toEqual([]);
    expect(oracleRoleHistory(log, 't', 'admins', { to: at(8) })).toEqual([]);
    expect(oracleRoleHistory(log, 't', 'nope')).toBeUndefined();
  });

  it('tells a user timeline, including the role lost to a group deletion', () => {
    const timeline = oracleTimeline(log, 't', 'ada') ?? [];
    expect(timeline.map((e) => `${e.action}${e.reason ? `:${e.reason}` : ''}`)).toEqual([
      'user.provisioned',
      'role.granted',
      'user.deactivated',
      'user.reactivated',
      'role.revoked:group_deleted',
      'user.deleted',
    ]);
    expect(timeline[4]?.changes).toEqual([
      { path: 'roles', before: { groupId: 'admins', displayName: 'Administrators' }, after: null },
    ]);
    expect(timeline[5]?.changes).toEqual([{ path: 'status', before: 'active', after: 'deleted' }]);
    expect(oracleTimeline(log, 't', 'nobody')).toBeUndefined();
  });
});

describe('audit oracle: an unassigned active (PATCH remove active)', () => {
  const log = [
    adaProvisioned(false),
    event(2, 9, 'UserActiveAttributeChanged', { userId: 'ada', userName: 'ada@x', before: false, after: null }),
    event(3, 9, 'UserReactivated', { userId: 'ada', userName: 'ada@x' }),
    event(4, 10, 'UserActiveAttributeChanged', { userId: 'ada', userName: 'ada@x', before: null, after: true }),
  ];

  it('is an attribute change in the timeline; the access it grants comes with the reactivation', () => {
    const timeline = oracleTimeline(log, 't', 'ada') ?? [];
    expect(timeline.map((e) => [e.action, e.changes])).toEqual([
      ['user.provisioned', expect.any(Array)],
      ['user.updated', [{ path: 'active', before: false, after: null }]],
      ['user.reactivated', [{ path: 'active', before: false, after: true }]],
      ['user.updated', [{ path: 'active', before: null, after: true }]],
    ]);
    expect(oracleAccessAt(log, 't', at(8))).toEqual([]);
    expect(oracleAccessAt(log, 't', at(9))).toEqual([
      { userId: 'ada', userName: 'ada@x', activeSince: at(9), roles: [] },
    ]);
    expect(oracleAccessAt(log, 't', at(10))[0]?.activeSince).toBe(at(9));
  });
});

describe('audit oracle: properties over generated histories', () => {
  it('access at T and role history agree, and only active users have access', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const history = generateHistory(seed, 120);
        const log = recorded(history);
        const tenant = history.tenants[0] as string;
        for (const instant of interestingInstants(history, seededRandom(seed), 8)) {
          for (const entry of oracleAccessAt(log, tenant, instant)) {
            const timeline = oracleTimeline(log, tenant, entry.userId) ?? [];
            expect(timeline.length).toBeGreaterThan(0);
            for (const role of entry.roles) {
              const holders = oracleRoleHistory(log, tenant, role.groupId, { from: instant, to: instant }) ?? [];
              expect(holders.map((h) => h.userId)).toContain(entry.userId);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
