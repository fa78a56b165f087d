import type { AuditActor } from '../model/audit-event';
import type { RoleHolding, TimelineEntry } from '../model/answers';

/** pg returns timestamptz as Date and bigint as string; answers use ISO strings and numbers. */
export const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export interface RecordRow {
  seq: string;
  position: string;
  event_id: string;
  event_type: string;
  action: string;
  user_id: string | null;
  group_id: string | null;
  occurred_at: Date;
  actor: AuditActor;
  request_id: string;
  correlation_id: string;
  changes: Array<{ path: string; before: unknown; after: unknown }>;
  /** The event's encrypted personal values (null for events stored in clear). */
  sealed: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * A chained record as a line of a user's timeline. A role deletion is recorded once, on the role;
 * in the timeline of each member it ended it reads as that member losing the role.
 */
export function toTimelineEntry(row: RecordRow): TimelineEntry {
  const base = {
    at: iso(row.occurred_at) as string,
    eventId: row.event_id,
    actor: row.actor,
    requestId: row.request_id,
    correlationId: row.correlation_id,
    groupId: row.group_id,
  };
  if (row.event_type === 'GroupDeleted') {
    const displayName = (row.changes[0]?.before ?? null) as string | null;
    return {
      ...base,
      action: 'role.revoked',
      reason: 'group_deleted',
      changes: [{ path: 'roles', before: { groupId: row.group_id, displayName }, after: null }],
    };
  }
  return {
    ...base,
    action: row.action as TimelineEntry['action'],
    reason: row.event_type === 'GroupMembersRemoved' ? 'removed' : null,
    changes: row.changes,
  };
}

export interface HoldingRow {
  id: string;
  user_id: string;
  granted_at: Date;
  granted_by: AuditActor;
  granted_request_id: string;
  granted_position: string;
  revoked_at: Date | null;
  revoked_by: AuditActor | null;
  revoked_request_id: string | null;
  revoke_reason: RoleHolding['revokeReason'];
}

export function toRoleHolding(row: HoldingRow): RoleHolding {
  return {
    userId: row.user_id,
    grantedAt: iso(row.granted_at) as string,
    grantedBy: row.granted_by,
    grantedRequestId: row.granted_request_id,
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
    revokedRequestId: row.revoked_request_id,
    revokeReason: row.revoke_reason,
  };
}
