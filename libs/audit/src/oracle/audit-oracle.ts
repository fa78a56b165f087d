import type { AccessEntry, AccessFilter, AuditChange, RoleHolding, TimeWindow, TimelineEntry } from '../model/answers';
import type { AuditEvent } from '../model/audit-event';
import {
  activeAttributeChanges,
  compareCodeUnits,
  ERASURE_CHANGES,
  memberIdsOf,
  provisionChanges,
  roleValue,
  updateChanges,
  withheldChanges,
} from '../model/changes';
import { overlapsWindow } from '../model/interval';

/**
 * The ORACLE: answers every audit question by replaying the raw event log in memory, with no
 * SQL and no intervals table. The differential tests compare the projection's SQL answers with
 * these. Kept deliberately naive: "access at T" folds only the events that occurred at or before
 * T, so it does not share the interval logic it checks.
 *
 * Assumes, like the projection's half-open intervals, that occurredAt does not decrease along
 * the global log (one clock per deployment); events at the same instant apply in log order.
 */
interface UserState {
  status: 'active' | 'inactive' | 'deleted';
  activeSince: string | null;
  userName: string;
}

/**
 * Erasure, as an auditor sees it: a person erased anywhere in the log (UserErased, or events that
 * read as erased) is erased at every instant: names and values gone, ids, status and roles kept.
 */

interface OpenMembership {
  grantedAt: string;
  holding: RoleHolding;
  position: number;
}

class TenantState {
  constructor(readonly erased: ReadonlySet<string> = new Set()) {}

  readonly users = new Map<string, UserState>();
  readonly groups = new Map<string, { displayName: string; deleted: boolean }>();
  readonly open = new Map<string, OpenMembership>();
  /** Every holding ever, per group, with the position that opened it (for a stable order). */
  readonly holdings = new Map<string, Array<{ holding: RoleHolding; position: number }>>();
  readonly timelines = new Map<string, TimelineEntry[]>();

  apply(e: AuditEvent): void {
    const d = e.data;
    const userId = String(d.userId ?? '');
    const groupId = String(d.groupId ?? '');
    switch (e.type) {
      case 'UserProvisioned':
        this.users.set(userId, {
          status: d.active ? 'active' : 'inactive',
          activeSince: d.active ? e.occurredAt : null,
          userName: String(d.userName),
        });
        this.logPersonal(userId, e, 'user.provisioned', provisionChanges(d));
        return;
      case 'UserUpdated': {
        const user = this.users.get(userId);
        if (user) user.userName = String(d.userName ?? user.userName);
        this.logPersonal(userId, e, 'user.updated', updateChanges(d));
        return;
      }
      case 'UserErased':
        this.log(userId, e, 'user.erased', [...ERASURE_CHANGES]);
        return;
      case 'UserDeactivated':
      case 'UserReactivated': {
        const activate = e.type === 'UserReactivated';
        const user = this.users.get(userId);
        if (user)
          Object.assign(user, {
            status: activate ? 'active' : 'inactive',
            activeSince: activate ? e.occurredAt : null,
          });
        this.log(userId, e, activate ? 'user.reactivated' : 'user.deactivated', [
          { path: 'active', before: !activate, after: activate },
        ]);
        return;
      }
      case 'UserActiveAttributeChanged':
        this.log(userId, e, 'user.updated', activeAttributeChanges(d));
        return;
      case 'UserDeleted': {
        const user = this.users.get(userId);
        const before = user?.status ?? null;
        if (user) Object.assign(user, { status: 'deleted', activeSince: null });
        const closed = [...this.open.entries()].filter(([, m]) => m.holding.userId === userId).map(([key]) => key);
        const groups = closed.map((key) => key.split('\u0000')[0] as string).sort(compareCodeUnits);
        for (const key of closed) this.close(key, e, 'user_deleted');
        const changes: AuditChange[] = [{ path: 'status', before, after: 'deleted' }];
        if (groups.length > 0) changes.push({ path: 'roles', before: groups, after: [] });
        this.log(userId, e, 'user.deleted', changes);
        return;
      }
      case 'GroupCreated':
        this.groups.set(groupId, { displayName: String(d.displayName), deleted: false });
        return;
      case 'GroupRenamed': {
        const group = this.groups.get(groupId);
        if (group) group.displayName = String(d.displayName);
        return;
      }
      case 'GroupDeleted': {
        const group = this.groups.get(groupId);
        const name = group?.displayName ?? (d.displayName as string | undefined) ?? null;
        if (group) group.deleted = true;
        for (const [key, m] of [...this.open.entries()]) {
          if (!key.startsWith(`${groupId}\u0000`)) continue;
          this.close(key, e, 'group_deleted');
          this.log(
            m.holding.userId,
            e,
            'role.revoked',
            [{ path: 'roles', before: roleValue(groupId, name), after: null }],
            groupId,
            'group_deleted',
          );
        }
        return;
      }
      case 'GroupMembersAdded':
        for (const member of memberIdsOf(d)) {
          const key = `${groupId}\u0000${member}`;
          if (!this.open.has(key)) {
            const holding: RoleHolding = {
              userId: member,
              grantedAt: e.occurredAt,
              grantedBy: e.actor,
              grantedRequestId: e.requestId,
              revokedAt: null,
              revokedBy: null,
              revokedRequestId: null,
              revokeReason: null,
            };
            this.open.set(key, { grantedAt: e.occurredAt, holding, position: e.globalPosition });
            const list = this.holdings.get(groupId) ?? [];
            list.push({ holding, position: e.globalPosition });
            this.holdings.set(groupId, list);
          }
          this.log(
            member,
            e,
            'role.granted',
            [{ path: 'roles', before: null, after: roleValue(groupId, this.groups.get(groupId)?.displayName ?? null) }],
            groupId,
          );
        }
        return;
      case 'GroupMembersRemoved':
        for (const member of memberIdsOf(d)) {
          const key = `${groupId}\u0000${member}`;
          if (this.open.has(key)) this.close(key, e, 'removed');
          const name = this.groups.get(groupId)?.displayName ?? null;
          this.log(
            member,
            e,
            'role.revoked',
            [{ path: 'roles', before: roleValue(groupId, name), after: null }],
            groupId,
            'removed',
          );
        }
        return;
      default:
        return;
    }
  }

  private close(key: string, e: AuditEvent, reason: RoleHolding['revokeReason']): void {
    const m = this.open.get(key);
    if (!m) return;
    Object.assign(m.holding, {
      revokedAt: e.occurredAt,
      revokedBy: e.actor,
      revokedRequestId: e.requestId,
      revokeReason: reason,
    });
    this.open.delete(key);
  }

  /**
   * A change with personal values: as they were, unless the person was erased (values stored in clear before encryption
   * stay).
   */
  private logPersonal(userId: string, e: AuditEvent, action: TimelineEntry['action'], changes: AuditChange[]): void {
    if (e.sealed === undefined || !this.erased.has(userId)) return this.log(userId, e, action, changes);
    this.log(userId, e, action, withheldChanges(e.type, e.data));
    const list = this.timelines.get(userId)!;
    list[list.length - 1] = { ...list[list.length - 1]!, erased: true };
  }

  private log(
    userId: string,
    e: AuditEvent,
    action: TimelineEntry['action'],
    changes: AuditChange[],
    groupId: string | null = null,
    reason: TimelineEntry['reason'] = null,
  ): void {
    const list = this.timelines.get(userId) ?? [];
    list.push({
      at: e.occurredAt,
      action,
      eventId: e.eventId,
      actor: e.actor,
      requestId: e.requestId,
      correlationId: e.correlationId,
      groupId,
      reason,
      changes,
    });
    this.timelines.set(userId, list);
  }
}

function replay(events: readonly AuditEvent[], tenantId: string, until?: string): TenantState {
  const ordered = events.filter((e) => e.tenantId === tenantId).sort((a, b) => a.globalPosition - b.globalPosition);
  const erased = new Set(
    ordered.filter((e) => e.type === 'UserErased' || e.data.erased === true).map((e) => String(e.data.userId)),
  );
  const state = new TenantState(erased);
  const limit = until === undefined ? Infinity : Date.parse(until);
  for (const event of ordered) if (Date.parse(event.occurredAt) <= limit) state.apply(event);
  return state;
}

/** Users active at `at`, ordered by id, with the roles they held at `at` (ordered by group id). */
export function oracleAccessAt(
  events: readonly AuditEvent[],
  tenantId: string,
  at: string,
  filter: AccessFilter = {},
): AccessEntry[] {
  const state = replay(events, tenantId, at);
  const entries: AccessEntry[] = [];
  for (const [userId, user] of state.users) {
    if (user.status !== 'active' || (filter.user !== undefined && filter.user !== userId)) continue;
    const roles = [...state.open.entries()]
      .filter(([, m]) => m.holding.userId === userId)
      .map(([key, m]) => {
        const groupId = key.split('\u0000')[0] as string;
        return { groupId, displayName: state.groups.get(groupId)?.displayName ?? null, grantedAt: m.grantedAt };
      })
      .sort((a, b) => compareCodeUnits(a.groupId, b.groupId));
    if (filter.role !== undefined && !roles.some((r) => r.groupId === filter.role)) continue;
    const name = state.erased.has(userId) ? { userName: null, erased: true as const } : { userName: user.userName };
    entries.push({ userId, ...name, activeSince: user.activeSince as string, roles });
  }
  return entries.sort((a, b) => compareCodeUnits(a.userId, b.userId));
}

/** Every change to a user and their roles, in log order; undefined when the user never existed. */
export function oracleTimeline(
  events: readonly AuditEvent[],
  tenantId: string,
  userId: string,
): TimelineEntry[] | undefined {
  const state = replay(events, tenantId);
  if (!state.users.has(userId)) return undefined;
  return state.timelines.get(userId) ?? [];
}

/** Who held the role at some instant of [from, to]; undefined when the group never existed. */
export function oracleRoleHistory(
  events: readonly AuditEvent[],
  tenantId: string,
  groupId: string,
  window: TimeWindow = {},
): RoleHolding[] | undefined {
  const state = replay(events, tenantId);
  if (!state.groups.has(groupId)) return undefined;
  return (state.holdings.get(groupId) ?? [])
    .filter(({ holding }) => overlapsWindow({ from: holding.grantedAt, to: holding.revokedAt }, window))
    .sort(
      (a, b) =>
        Date.parse(a.holding.grantedAt) - Date.parse(b.holding.grantedAt) ||
        compareCodeUnits(a.holding.userId, b.holding.userId) ||
        a.position - b.position,
    )
    .map(({ holding }) => ({ ...holding }));
}
