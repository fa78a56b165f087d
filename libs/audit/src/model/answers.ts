import type { AuditAction } from '@lib/messaging';
import type { AuditActor } from './audit-event';

/** One change of an attribute, status or role, as the auditor reads it. */
export interface AuditChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface RoleAtInstant {
  groupId: string;
  displayName: string | null;
  grantedAt: string;
}

/** A user active at the instant asked about, with the roles held at that instant. */
export interface AccessEntry {
  userId: string;
  /** null when the person's data was erased (then `erased` is true). */
  userName: string | null;
  /** Present (true) when the person's personal data was erased: id, status and roles remain. */
  erased?: true;
  activeSince: string;
  roles: RoleAtInstant[];
}

/** A user's lifecycle reads the same in the audit log as on the Kafka audit topic. */
export type UserLifecycleAction = Extract<AuditAction, `user.${string}`>;

export type TimelineAction = UserLifecycleAction | 'role.granted' | 'role.revoked';

/** Every action a record of the audit log (audit_records_v1) can carry. */
export type AuditRecordAction =
  | TimelineAction
  | 'role.created'
  | 'role.renamed'
  | 'role.updated'
  | 'role.deleted'
  | 'auditor.credential_issued'
  | 'auditor.credential_revoked'
  | 'follower.event_skipped';

export interface TimelineEntry {
  at: string;
  action: TimelineAction;
  eventId: string;
  actor: AuditActor;
  requestId: string;
  correlationId: string;
  groupId: string | null;
  /** Set on role.revoked: why the membership ended. */
  reason: RevokeReason | null;
  changes: AuditChange[];
  /** Present (true) on a change whose personal values were erased: `changes` then names the paths only. */
  erased?: true;
}

export type RevokeReason = 'removed' | 'group_deleted' | 'user_deleted';

/** One interval during which a user held a role. */
export interface RoleHolding {
  userId: string;
  grantedAt: string;
  grantedBy: AuditActor;
  grantedRequestId: string;
  revokedAt: string | null;
  revokedBy: AuditActor | null;
  revokedRequestId: string | null;
  revokeReason: RevokeReason | null;
}

export interface AccessFilter {
  role?: string;
  user?: string;
}

export interface TimeWindow {
  /** Inclusive; undefined = since the beginning. */
  from?: string;
  /** Inclusive; undefined = until now. */
  to?: string;
}
