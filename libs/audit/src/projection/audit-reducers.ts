import type { GroupEvent, MembershipEvent, ParkedEventSkipped, UserEvent } from '@lib/domain';
import { chainHash, GENESIS_HASH, type ChainedRecord } from '../chain/hash-chain';
import type { AuditChange, AuditRecordAction } from '../model/answers';
import { AuditorEventTypes, type AuditEvent, type AuditorEventType } from '../model/audit-event';
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
import { key, type AuditDraft, type Closing, type Revocation } from './audit-draft';
import { AuditProjectionError } from './sql';

/** Every event type that leaves a record in the audit log. */
export type AuditedEventType =
  | UserEvent['type']
  | GroupEvent['type']
  | MembershipEvent['type']
  | ParkedEventSkipped['type']
  | AuditorEventType;

type AuditReducer<T extends AuditedEventType> = (draft: AuditDraft, e: AuditEvent & { type: T }) => void;

/**
 * The audit projection: event type -> reducer, over the batch's in-memory draft. Each reducer
 * opens or closes the intervals the event changes and appends the event's record to the
 * tenant's hash chain. Types not listed (userName reservations, most tenant settings) are not
 * access changes and leave no trace here. A reducer throws AuditProjectionError for an event
 * it cannot apply; the runtime then parks that event (its tenant waits, others go on).
 *
 * Keyed by the domain's event types: a new user, group or membership event does not compile until
 * it has a reducer here. Each reducer's rows are tested in audit-reducers.unit.spec.ts.
 */
export const auditReducers: { readonly [T in AuditedEventType]: AuditReducer<T> } = {
  UserProvisioned(draft, e) {
    const { userId, userName, active } = ids(e);
    openStatus(draft, e, userId, active ? 'active' : 'inactive');
    if (e.sealed !== undefined) {
      // Encrypted personal values: the name is read from this record's ciphertext; nothing personal is stored in clear.
      addUserName(draft, e, userId, null);
      appendRecord(draft, e, 'user.provisioned', withheldChanges(e.type, e.data), { userId }, e.sealed);
      return;
    }
    addUserName(draft, e, userId, userName);
    appendRecord(draft, e, 'user.provisioned', provisionChanges(e.data), { userId });
  },

  UserUpdated(draft, e) {
    const { userId, userName } = ids(e);
    const latest = draft.latestUserName.get(key(e.tenantId, userId));
    if (latest === null || latest === undefined)
      throw new AuditProjectionError(`UserUpdated for user ${userId}, who was never provisioned`);
    if (e.sealed !== undefined) {
      // A rename shows in the changed paths, which read the same before and after an erasure.
      if (updateChanges(e.data).some((change) => change.path === 'userName')) addUserName(draft, e, userId, null);
      appendRecord(draft, e, 'user.updated', withheldChanges(e.type, e.data), { userId }, e.sealed);
      return;
    }
    if (userName && latest !== userName) addUserName(draft, e, userId, userName);
    appendRecord(draft, e, 'user.updated', updateChanges(e.data), { userId });
  },

  /** The person's values are gone: ids, status and roles stay; answers mark the person erased. */
  UserErased(draft, e) {
    const { userId } = ids(e);
    draft.writes.erasures.push({
      tenantId: e.tenantId,
      userId,
      erasedAt: e.occurredAt,
      eventId: e.eventId,
      position: e.globalPosition,
    });
    appendRecord(draft, e, 'user.erased', [...ERASURE_CHANGES], { userId });
  },

  UserDeactivated(draft, e) {
    switchStatus(draft, e, 'inactive');
  },

  UserReactivated(draft, e) {
    switchStatus(draft, e, 'active');
  },

  /**
   * The `active` attribute unassigned or assigned again: an attribute change; access moves only with the status events.
   */
  UserActiveAttributeChanged(draft, e) {
    appendRecord(draft, e, 'user.updated', activeAttributeChanges(e.data), { userId: ids(e).userId });
  },

  UserDeleted(draft, e) {
    const { userId } = ids(e);
    const before = closeStatus(draft, e, userId);
    openStatus(draft, e, userId, 'deleted');
    const groups: string[] = [];
    for (const [pair, open] of draft.openMemberships) {
      if (open && open.tenantId === e.tenantId && open.userId === userId) {
        revoke(draft, pair, revocation(e, 'user_deleted'));
        groups.push(open.groupId);
      }
    }
    groups.sort(compareCodeUnits);
    const changes: AuditChange[] = [{ path: 'status', before, after: 'deleted' }];
    if (groups.length > 0) changes.push({ path: 'roles', before: groups, after: [] });
    appendRecord(draft, e, 'user.deleted', changes, { userId });
  },

  GroupCreated(draft, e) {
    const { groupId, displayName } = ids(e);
    const roleKey = key(e.tenantId, groupId);
    const role = draft.roles.get(roleKey);
    if (role) Object.assign(role, { displayName, deletedAt: null, dirty: true });
    else
      draft.roles.set(roleKey, {
        tenantId: e.tenantId,
        groupId,
        displayName,
        createdAt: e.occurredAt,
        deletedAt: null,
        dirty: true,
      });
    addRoleName(draft, e, groupId, displayName);
    appendRecord(draft, e, 'role.created', [{ path: 'displayName', before: null, after: displayName }], { groupId });
  },

  GroupRenamed(draft, e) {
    const { groupId, displayName } = ids(e);
    const role = draft.roles.get(key(e.tenantId, groupId));
    const previous = role?.displayName ?? null;
    if (role) Object.assign(role, { displayName, dirty: true });
    addRoleName(draft, e, groupId, displayName);
    appendRecord(
      draft,
      e,
      'role.renamed',
      [{ path: 'displayName', before: previous ?? e.data.previousDisplayName ?? null, after: displayName }],
      { groupId },
    );
  },

  GroupUpdated(draft, e) {
    appendRecord(draft, e, 'role.updated', updateChanges(e.data), { groupId: ids(e).groupId });
  },

  GroupDeleted(draft, e) {
    const { groupId } = ids(e);
    const role = draft.roles.get(key(e.tenantId, groupId));
    const name = role?.displayName ?? (e.data.displayName as string | undefined) ?? null;
    if (role) Object.assign(role, { deletedAt: e.occurredAt, dirty: true });
    // However large the group: the loaded and new memberships here, the others in one statement.
    const closing = revocation(e, 'group_deleted');
    for (const [pair, open] of draft.openMemberships)
      if (open && open.tenantId === e.tenantId && open.groupId === groupId) revoke(draft, pair, closing);
    const groupKey = key(e.tenantId, groupId);
    if (!draft.writes.groupDeletions.has(groupKey))
      draft.writes.groupDeletions.set(groupKey, { tenantId: e.tenantId, groupId, ...closing });
    appendRecord(draft, e, 'role.deleted', [{ path: 'displayName', before: name, after: null }], { groupId });
  },

  GroupMembersAdded(draft, e) {
    const { groupId } = ids(e);
    const name = draft.roles.get(key(e.tenantId, groupId))?.displayName ?? null;
    for (const userId of memberIdsOf(e.data)) {
      const pair = key(e.tenantId, groupId, userId);
      if (!draft.openMemberships.get(pair)) {
        const row = {
          tenantId: e.tenantId,
          groupId,
          userId,
          grantedAt: e.occurredAt,
          grantedBy: e.actor,
          grantedRequestId: e.requestId,
          grantedEventId: e.eventId,
          grantedPosition: e.globalPosition,
          revocation: null,
        };
        draft.writes.membershipRows.push(row);
        draft.openMemberships.set(pair, { tenantId: e.tenantId, groupId, userId, row });
      }
      appendRecord(draft, e, 'role.granted', [{ path: 'roles', before: null, after: roleValue(groupId, name) }], {
        userId,
        groupId,
      });
    }
  },

  GroupMembersRemoved(draft, e) {
    const { groupId } = ids(e);
    const name = draft.roles.get(key(e.tenantId, groupId))?.displayName ?? null;
    for (const userId of memberIdsOf(e.data)) {
      const pair = key(e.tenantId, groupId, userId);
      if (draft.openMemberships.get(pair)) revoke(draft, pair, revocation(e, 'removed'));
      appendRecord(draft, e, 'role.revoked', [{ path: 'roles', before: roleValue(groupId, name), after: null }], {
        userId,
        groupId,
      });
    }
  },

  [AuditorEventTypes.issued](draft, e) {
    const { credentialId, createdAt } = e.data as { credentialId: string; createdAt: string };
    appendRecord(
      draft,
      e,
      'auditor.credential_issued',
      [{ path: `auditorCredentials[${credentialId}]`, before: null, after: { credentialId, createdAt } }],
      {},
    );
  },

  [AuditorEventTypes.revoked](draft, e) {
    const { credentialId, revokedAt } = e.data as { credentialId: string; revokedAt: string };
    appendRecord(
      draft,
      e,
      'auditor.credential_revoked',
      [{ path: `auditorCredentials[${credentialId}]`, before: { credentialId }, after: { credentialId, revokedAt } }],
      {},
    );
  },

  /** An operator skipped an event a follower could not apply: the audit log says who, when and which. */
  ParkedEventSkipped(draft, e) {
    const { follower, eventId, position, eventType } = e.data as {
      follower: string;
      eventId: string;
      position: number;
      eventType: string;
    };
    appendRecord(
      draft,
      e,
      'follower.event_skipped',
      [{ path: `parkedEvents[${follower}]`, before: { eventId, position, eventType }, after: 'skipped' }],
      {},
    );
  },
};

export function isAuditedEventType(type: string): type is AuditedEventType {
  return Object.prototype.hasOwnProperty.call(auditReducers, type);
}

/** Folds one event into the draft; throws AuditProjectionError when it cannot be applied. */
export function foldAuditEvent(draft: AuditDraft, event: AuditEvent): void {
  if (!isAuditedEventType(event.type)) return;
  if (!event.tenantId) throw new AuditProjectionError(`${event.type} carries no tenant id`);
  const reducer = auditReducers[event.type] as AuditReducer<AuditedEventType>;
  reducer(draft, event as AuditEvent & { type: AuditedEventType });
}

// --- helpers ---------------------------------------------------------------------------------

function ids(e: AuditEvent) {
  const d = e.data as {
    userId?: unknown;
    groupId?: unknown;
    userName?: unknown;
    displayName?: unknown;
    active?: unknown;
  };
  const need = (name: string, value: unknown): string => {
    if (typeof value !== 'string' || value === '') throw new AuditProjectionError(`${e.type} has no ${name}`);
    return value;
  };
  return {
    get userId() {
      return need('userId', d.userId);
    },
    get groupId() {
      return need('groupId', d.groupId);
    },
    get displayName() {
      return need('displayName', d.displayName);
    },
    userName: typeof d.userName === 'string' ? d.userName : '',
    active: d.active !== false,
  };
}

function appendRecord(
  draft: AuditDraft,
  e: AuditEvent,
  action: AuditRecordAction,
  changes: AuditChange[],
  subject: { userId?: string; groupId?: string },
  sealed?: unknown,
): void {
  const head = draft.chainHeads.get(e.tenantId) ?? { seq: 0, hash: GENESIS_HASH };
  const record: ChainedRecord = {
    tenantId: e.tenantId,
    seq: head.seq + 1,
    position: e.globalPosition,
    eventId: e.eventId,
    eventType: e.type,
    action,
    userId: subject.userId ?? null,
    groupId: subject.groupId ?? null,
    occurredAt: e.occurredAt,
    actor: e.actor,
    requestId: e.requestId,
    correlationId: e.correlationId,
    changes,
    ...(sealed !== undefined ? { sealed } : {}),
  };
  const hash = chainHash(head.hash, record);
  draft.writes.records.push({ ...record, prevHash: head.hash, hash });
  draft.chainHeads.set(e.tenantId, { seq: record.seq, hash });
}

function closing(e: AuditEvent): Closing {
  return { at: e.occurredAt, actor: e.actor, requestId: e.requestId, eventId: e.eventId };
}

function revocation(e: AuditEvent, reason: Revocation['reason']): Revocation {
  return { ...closing(e), reason };
}

function openStatus(draft: AuditDraft, e: AuditEvent, userId: string, status: string): void {
  const userKey = key(e.tenantId, userId);
  if (draft.openStatus.get(userKey))
    throw new AuditProjectionError(`${e.type}: user ${userId} already has an open status interval`);
  const row = {
    tenantId: e.tenantId,
    userId,
    status,
    validFrom: e.occurredAt,
    actor: e.actor as unknown,
    requestId: e.requestId,
    eventId: e.eventId,
    position: e.globalPosition,
    closing: null,
  };
  draft.writes.statusRows.push(row);
  draft.openStatus.set(userKey, { status, row });
}

/** Closes the user's open status interval and returns the status it had. */
function closeStatus(draft: AuditDraft, e: AuditEvent, userId: string): string {
  const userKey = key(e.tenantId, userId);
  const open = draft.openStatus.get(userKey);
  if (!open) throw new AuditProjectionError(`${e.type} for user ${userId}, who has no status (never provisioned)`);
  if ('row' in open) open.row.closing = closing(e);
  else draft.writes.statusClosings.push({ id: open.dbId, ...closing(e) });
  draft.openStatus.set(userKey, null);
  return open.status;
}

function switchStatus(draft: AuditDraft, e: AuditEvent, status: 'active' | 'inactive'): void {
  const { userId } = ids(e);
  closeStatus(draft, e, userId);
  openStatus(draft, e, userId, status);
  const activate = status === 'active';
  appendRecord(
    draft,
    e,
    activate ? 'user.reactivated' : 'user.deactivated',
    [{ path: 'active', before: !activate, after: activate }],
    { userId },
  );
}

function revoke(draft: AuditDraft, pair: string, how: Revocation): void {
  const open = draft.openMemberships.get(pair);
  if (!open) return;
  if ('row' in open) open.row.revocation = how;
  else draft.writes.membershipClosings.push({ id: open.dbId, ...how });
  draft.openMemberships.set(pair, null);
}

/** `userName` null: the name is in the ciphertext of the record of the same event. */
function addUserName(draft: AuditDraft, e: AuditEvent, userId: string, userName: string | null): void {
  draft.writes.userNames.push({
    tenantId: e.tenantId,
    userId,
    userName,
    validFrom: e.occurredAt,
    position: e.globalPosition,
    eventId: e.eventId,
  });
  draft.latestUserName.set(key(e.tenantId, userId), userName ?? SEALED_NAME);
}

/** How the draft notes a name known to exist but held only as ciphertext. */
const SEALED_NAME = '';

function addRoleName(draft: AuditDraft, e: AuditEvent, groupId: string, displayName: string): void {
  draft.writes.roleNames.push({
    tenantId: e.tenantId,
    groupId,
    displayName,
    validFrom: e.occurredAt,
    position: e.globalPosition,
  });
}
