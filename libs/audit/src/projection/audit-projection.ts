import type { AuditChange } from '../model/answers';
import { AuditorEventTypes, type AuditEvent } from '../model/audit-event';
import { activeAttributeChanges, compareCodeUnits, memberIdsOf, provisionChanges, roleValue, updateChanges } from '../model/changes';
import { AuditTables as T } from '../schema/table-names';
import type { ChainAppender, RecordBody } from './chain-appender';
import { AuditProjectionError, type SqlExecutor } from './sql';

interface Context {
  db: SqlExecutor;
  chain: ChainAppender;
}

type Reducer = (ctx: Context, e: AuditEvent) => Promise<void>;

/**
 * The audit projection: event type -> reducer. Each reducer writes the intervals the event opens
 * or closes and appends the event's record to the tenant's hash chain. Types not listed (userName
 * reservations, tenant settings) are not access changes and leave no trace here.
 */
const reducers: Record<string, Reducer> = {
  async UserProvisioned({ db, chain }, e) {
    const { userId, userName, active } = ids(e);
    await openStatus(db, e, userId, active ? 'active' : 'inactive');
    await db.query(`INSERT INTO ${T.userNames} (tenant_id, user_id, user_name, valid_from, position, event_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      e.tenantId,
      userId,
      userName,
      e.occurredAt,
      e.globalPosition,
      e.eventId,
    ]);
    await chain.append(record(e, 'user.provisioned', provisionChanges(e.data), { userId }));
  },

  async UserUpdated({ db, chain }, e) {
    const { userId, userName } = ids(e);
    const { rows } = await db.query(`SELECT user_name FROM ${T.userNames} WHERE tenant_id = $1 AND user_id = $2 ORDER BY position DESC LIMIT 1`, [e.tenantId, userId]);
    if (rows.length === 0) throw new AuditProjectionError(`UserUpdated for user ${userId}, who was never provisioned`);
    if (userName && rows[0].user_name !== userName) {
      await db.query(`INSERT INTO ${T.userNames} (tenant_id, user_id, user_name, valid_from, position, event_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
        e.tenantId,
        userId,
        userName,
        e.occurredAt,
        e.globalPosition,
        e.eventId,
      ]);
    }
    await chain.append(record(e, 'user.updated', updateChanges(e.data), { userId }));
  },

  async UserDeactivated(ctx, e) {
    await switchStatus(ctx, e, 'inactive');
  },

  async UserReactivated(ctx, e) {
    await switchStatus(ctx, e, 'active');
  },

  /** The `active` attribute unassigned or assigned again: an attribute change; access moves only with the status events. */
  async UserActiveAttributeChanged({ chain }, e) {
    await chain.append(record(e, 'user.updated', activeAttributeChanges(e.data), { userId: ids(e).userId }));
  },

  async UserDeleted({ db, chain }, e) {
    const { userId } = ids(e);
    const before = await closeStatus(db, e, userId);
    await openStatus(db, e, userId, 'deleted');
    const closed = await db.query(
      `UPDATE ${T.memberships} SET ${revokeSet} WHERE tenant_id = $1 AND user_id = $2 AND revoked_event_id IS NULL RETURNING group_id`,
      [e.tenantId, userId, ...revokeValues(e, 'user_deleted')],
    );
    const groups = closed.rows.map((r) => String(r.group_id)).sort(compareCodeUnits);
    const changes: AuditChange[] = [{ path: 'status', before, after: 'deleted' }];
    if (groups.length > 0) changes.push({ path: 'roles', before: groups, after: [] });
    await chain.append(record(e, 'user.deleted', changes, { userId }));
  },

  async GroupCreated({ db, chain }, e) {
    const { groupId, displayName } = ids(e);
    await db.query(
      `INSERT INTO ${T.roles} (tenant_id, group_id, display_name, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET display_name = EXCLUDED.display_name, deleted_at = NULL`,
      [e.tenantId, groupId, displayName, e.occurredAt],
    );
    await insertRoleName(db, e, groupId, displayName);
    await chain.append(record(e, 'role.created', [{ path: 'displayName', before: null, after: displayName }], { groupId }));
  },

  async GroupRenamed({ db, chain }, e) {
    const { groupId, displayName } = ids(e);
    const previous = await roleName(db, e.tenantId, groupId);
    await db.query(`UPDATE ${T.roles} SET display_name = $3 WHERE tenant_id = $1 AND group_id = $2`, [e.tenantId, groupId, displayName]);
    await insertRoleName(db, e, groupId, displayName);
    await chain.append(record(e, 'role.renamed', [{ path: 'displayName', before: previous ?? e.data.previousDisplayName ?? null, after: displayName }], { groupId }));
  },

  async GroupUpdated({ chain }, e) {
    await chain.append(record(e, 'role.updated', updateChanges(e.data), { groupId: ids(e).groupId }));
  },

  async GroupDeleted({ db, chain }, e) {
    const { groupId } = ids(e);
    const name = (await roleName(db, e.tenantId, groupId)) ?? (e.data.displayName as string | undefined) ?? null;
    await db.query(`UPDATE ${T.roles} SET deleted_at = $3 WHERE tenant_id = $1 AND group_id = $2`, [e.tenantId, groupId, e.occurredAt]);
    // One set-based statement however large the group: no member list is loaded.
    await db.query(`UPDATE ${T.memberships} SET ${revokeSet} WHERE tenant_id = $1 AND group_id = $2 AND revoked_event_id IS NULL`, [
      e.tenantId,
      groupId,
      ...revokeValues(e, 'group_deleted'),
    ]);
    await chain.append(record(e, 'role.deleted', [{ path: 'displayName', before: name, after: null }], { groupId }));
  },

  async GroupMembersAdded({ db, chain }, e) {
    const { groupId } = ids(e);
    const name = await roleName(db, e.tenantId, groupId);
    for (const userId of memberIdsOf(e.data)) {
      await db.query(
        `INSERT INTO ${T.memberships} (tenant_id, group_id, user_id, granted_at, granted_by, granted_request_id, granted_event_id, granted_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id, group_id, user_id) WHERE revoked_event_id IS NULL DO NOTHING`,
        [e.tenantId, groupId, userId, e.occurredAt, JSON.stringify(e.actor), e.requestId, e.eventId, e.globalPosition],
      );
      await chain.append(record(e, 'role.granted', [{ path: 'roles', before: null, after: roleValue(groupId, name) }], { userId, groupId }));
    }
  },

  async GroupMembersRemoved({ db, chain }, e) {
    const { groupId } = ids(e);
    const name = await roleName(db, e.tenantId, groupId);
    for (const userId of memberIdsOf(e.data)) {
      await db.query(`UPDATE ${T.memberships} SET ${revokeSet} WHERE tenant_id = $1 AND group_id = $2 AND user_id = $8 AND revoked_event_id IS NULL`, [
        e.tenantId,
        groupId,
        ...revokeValues(e, 'removed'),
        userId,
      ]);
      await chain.append(record(e, 'role.revoked', [{ path: 'roles', before: roleValue(groupId, name), after: null }], { userId, groupId }));
    }
  },

  async [AuditorEventTypes.issued]({ chain }, e) {
    const { credentialId, createdAt } = e.data as { credentialId: string; createdAt: string };
    await chain.append(record(e, 'auditor.credential_issued', [{ path: `auditorCredentials[${credentialId}]`, before: null, after: { credentialId, createdAt } }], {}));
  },

  async [AuditorEventTypes.revoked]({ chain }, e) {
    const { credentialId, revokedAt } = e.data as { credentialId: string; revokedAt: string };
    await chain.append(
      record(e, 'auditor.credential_revoked', [{ path: `auditorCredentials[${credentialId}]`, before: { credentialId }, after: { credentialId, revokedAt } }], {}),
    );
  },
};

export function isAuditedEventType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(reducers, type);
}

/** Applies one event inside the caller's transaction; throws AuditProjectionError when it cannot. */
export async function applyAuditEvent(db: SqlExecutor, chain: ChainAppender, event: AuditEvent): Promise<void> {
  const reducer = reducers[event.type];
  if (!reducer) return;
  if (!event.tenantId) throw new AuditProjectionError(`${event.type} carries no tenant id`);
  await reducer({ db, chain }, event);
}

// --- helpers ---------------------------------------------------------------------------------

function ids(e: AuditEvent) {
  const d = e.data as { userId?: unknown; groupId?: unknown; userName?: unknown; displayName?: unknown; active?: unknown };
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

function record(e: AuditEvent, action: string, changes: AuditChange[], subject: { userId?: string; groupId?: string }): RecordBody {
  return {
    tenantId: e.tenantId,
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
  };
}

/** $3..$7 of the membership-closing UPDATEs; $1, $2 are the tenant and the filter column. */
const revokeSet = 'revoked_at = $3, revoked_by = $4, revoked_request_id = $5, revoked_event_id = $6::uuid, revoke_reason = $7';

function revokeValues(e: AuditEvent, reason: string): unknown[] {
  return [e.occurredAt, JSON.stringify(e.actor), e.requestId, e.eventId, reason];
}

async function openStatus(db: SqlExecutor, e: AuditEvent, userId: string, status: string): Promise<void> {
  try {
    await db.query(
      `INSERT INTO ${T.userStatus} (tenant_id, user_id, status, valid_from, actor, request_id, event_id, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.tenantId, userId, status, e.occurredAt, JSON.stringify(e.actor), e.requestId, e.eventId, e.globalPosition],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AuditProjectionError(`${e.type}: user ${userId} already has an open status interval`);
    throw error;
  }
}

/** Closes the user's open status interval and returns the status it had. */
async function closeStatus(db: SqlExecutor, e: AuditEvent, userId: string): Promise<string> {
  const { rows } = await db.query(
    `UPDATE ${T.userStatus} SET valid_to = $3, closed_actor = $4, closed_request_id = $5, closed_event_id = $6
     WHERE tenant_id = $1 AND user_id = $2 AND closed_event_id IS NULL RETURNING status`,
    [e.tenantId, userId, e.occurredAt, JSON.stringify(e.actor), e.requestId, e.eventId],
  );
  if (rows.length === 0) throw new AuditProjectionError(`${e.type} for user ${userId}, who has no status (never provisioned)`);
  return String(rows[0].status);
}

async function switchStatus({ db, chain }: Context, e: AuditEvent, status: 'active' | 'inactive'): Promise<void> {
  const { userId } = ids(e);
  await closeStatus(db, e, userId);
  await openStatus(db, e, userId, status);
  const activate = status === 'active';
  await chain.append(record(e, activate ? 'user.reactivated' : 'user.deactivated', [{ path: 'active', before: !activate, after: activate }], { userId }));
}

async function roleName(db: SqlExecutor, tenantId: string, groupId: string): Promise<string | null> {
  const { rows } = await db.query(`SELECT display_name FROM ${T.roles} WHERE tenant_id = $1 AND group_id = $2`, [tenantId, groupId]);
  return rows[0] ? String(rows[0].display_name) : null;
}

async function insertRoleName(db: SqlExecutor, e: AuditEvent, groupId: string, displayName: string): Promise<void> {
  await db.query(`INSERT INTO ${T.roleNames} (tenant_id, group_id, display_name, valid_from, position) VALUES ($1, $2, $3, $4, $5)`, [
    e.tenantId,
    groupId,
    displayName,
    e.occurredAt,
    e.globalPosition,
  ]);
}
