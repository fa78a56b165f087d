import { AuditTables as T } from '../schema/table-names';
import type { AuditDraft } from './audit-draft';
import type { SqlExecutor } from './sql';

/**
 * Writes a folded batch with one statement per table and kind, in an order that keeps the partial
 * unique indexes ("one open interval") satisfied: closings of existing rows first, then the
 * set-based group closings, then the new rows. The rows travel as ONE JSON parameter per
 * statement (`json_to_recordset`): serialising them is one native JSON.stringify, where pg's array
 * parameters would escape every value in JavaScript.
 */
export async function writeAuditDraft(db: SqlExecutor, draft: AuditDraft): Promise<void> {
  const w = draft.writes;
  const roles = [...draft.roles.values()].filter((role) => role.dirty);
  await insertRows(db, roles, {
    sql: `INSERT INTO ${T.roles} (tenant_id, group_id, display_name, created_at, deleted_at)
          SELECT tenant_id, group_id, display_name, created_at, deleted_at
            FROM json_to_recordset($1::json) AS r(tenant_id text, group_id text, display_name text,
              created_at timestamptz, deleted_at timestamptz)
          ON CONFLICT (tenant_id, group_id) DO UPDATE SET display_name = EXCLUDED.display_name,
            deleted_at = EXCLUDED.deleted_at`,
    row: (r) => ({
      tenant_id: r.tenantId,
      group_id: r.groupId,
      display_name: r.displayName,
      created_at: r.createdAt,
      deleted_at: r.deletedAt,
    }),
  });
  await insertRows(db, w.roleNames, {
    sql: `INSERT INTO ${T.roleNames} (tenant_id, group_id, display_name, valid_from, position)
          SELECT tenant_id, group_id, display_name, valid_from, position
            FROM json_to_recordset($1::json) AS r(tenant_id text, group_id text, display_name text,
              valid_from timestamptz, position bigint)`,
    row: (r) => ({
      tenant_id: r.tenantId,
      group_id: r.groupId,
      display_name: r.displayName,
      valid_from: r.validFrom,
      position: r.position,
    }),
  });
  await insertRows(db, w.userNames, {
    sql: `INSERT INTO ${T.userNames} (tenant_id, user_id, user_name, valid_from, position, event_id)
          SELECT tenant_id, user_id, user_name, valid_from, position, event_id
            FROM json_to_recordset($1::json) AS r(tenant_id text, user_id text, user_name text, valid_from timestamptz,
              position bigint, event_id uuid)`,
    row: (r) => ({
      tenant_id: r.tenantId,
      user_id: r.userId,
      user_name: r.userName,
      valid_from: r.validFrom,
      position: r.position,
      event_id: r.eventId,
    }),
  });
  await insertRows(db, w.erasures, {
    sql: `WITH erased AS (
            INSERT INTO ${T.erasures} (tenant_id, user_id, erased_at, event_id, position)
            SELECT tenant_id, user_id, erased_at, event_id, position
              FROM json_to_recordset($1::json) AS r(tenant_id text, user_id text, erased_at timestamptz, event_id uuid,
                position bigint)
            ON CONFLICT (tenant_id, user_id) DO NOTHING
            RETURNING tenant_id, user_id)
          UPDATE ${T.userNames} n SET user_name = NULL FROM json_to_recordset($1::json) AS r(tenant_id text,
            user_id text)
           WHERE n.tenant_id = r.tenant_id AND n.user_id = r.user_id AND n.user_name IS NOT NULL`,
    row: (r) => ({
      tenant_id: r.tenantId,
      user_id: r.userId,
      erased_at: r.erasedAt,
      event_id: r.eventId,
      position: r.position,
    }),
  });
  await insertRows(db, w.statusClosings, {
    sql: `UPDATE ${T.userStatus} s SET valid_to = c.at, closed_actor = c.actor, closed_request_id = c.request_id,
      closed_event_id = c.event_id
            FROM json_to_recordset($1::json) AS c(id bigint, at timestamptz, actor jsonb, request_id text,
              event_id uuid)
           WHERE s.id = c.id`,
    row: (c) => ({ id: c.id, at: c.at, actor: c.actor, request_id: c.requestId, event_id: c.eventId }),
  });
  await insertRows(db, w.statusRows, {
    sql: `INSERT INTO ${T.userStatus}
            (tenant_id, user_id, status, valid_from, actor, request_id, event_id, position, valid_to, closed_actor,
              closed_request_id, closed_event_id)
          SELECT tenant_id, user_id, status, valid_from, actor, request_id, event_id, position, valid_to, closed_actor,
            closed_request_id, closed_event_id
            FROM json_to_recordset($1::json) AS r(tenant_id text, user_id text, status text, valid_from timestamptz,
              actor jsonb, request_id text, event_id uuid,
                 position bigint, valid_to timestamptz, closed_actor jsonb, closed_request_id text,
                   closed_event_id uuid)`,
    row: (r) => ({
      tenant_id: r.tenantId,
      user_id: r.userId,
      status: r.status,
      valid_from: r.validFrom,
      actor: r.actor,
      request_id: r.requestId,
      event_id: r.eventId,
      position: r.position,
      valid_to: r.closing?.at ?? null,
      closed_actor: r.closing?.actor ?? null,
      closed_request_id: r.closing?.requestId ?? null,
      closed_event_id: r.closing?.eventId ?? null,
    }),
  });
  await writeMemberships(db, draft);
  await insertRows(db, w.records, {
    sql: `INSERT INTO ${T.records}
            (tenant_id, seq, position, event_id, event_type, action, user_id, group_id, occurred_at, actor, request_id,
              correlation_id, changes, sealed, prev_hash, hash)
          SELECT tenant_id, seq, position, event_id, event_type, action, user_id, group_id, occurred_at, actor,
            request_id, correlation_id, changes, sealed, prev_hash, hash
            FROM json_to_recordset($1::json) AS r(tenant_id text, seq bigint, position bigint, event_id uuid,
              event_type text, action text, user_id text, group_id text,
                 occurred_at timestamptz, actor jsonb, request_id text, correlation_id text, changes jsonb,
                   sealed jsonb, prev_hash text, hash text)`,
    row: (r) => ({
      tenant_id: r.tenantId,
      seq: r.seq,
      position: r.position,
      event_id: r.eventId,
      event_type: r.eventType,
      action: r.action,
      user_id: r.userId,
      group_id: r.groupId,
      occurred_at: r.occurredAt,
      actor: r.actor,
      request_id: r.requestId,
      correlation_id: r.correlationId,
      changes: r.changes,
      sealed: r.sealed ?? null,
      prev_hash: r.prevHash,
      hash: r.hash,
    }),
  });
}

async function writeMemberships(db: SqlExecutor, draft: AuditDraft): Promise<void> {
  const { membershipClosings: closings, membershipRows: rows, groupDeletions } = draft.writes;
  await insertRows(db, closings, {
    sql: `UPDATE ${T.memberships} m SET revoked_at = c.at, revoked_by = c.actor, revoked_request_id = c.request_id,
      revoked_event_id = c.event_id, revoke_reason = c.reason
            FROM json_to_recordset($1::json) AS c(id bigint, at timestamptz, actor jsonb, request_id text,
              event_id uuid, reason text)
           WHERE m.id = c.id`,
    row: (c) => ({
      id: c.id,
      at: c.at,
      actor: c.actor,
      request_id: c.requestId,
      event_id: c.eventId,
      reason: c.reason,
    }),
  });
  // Only rows that existed before this batch and are still open: the batch's own rows are inserted below, already
  // closed where they were.
  await insertRows(db, [...groupDeletions.values()], {
    sql: `UPDATE ${T.memberships} m SET revoked_at = d.at, revoked_by = d.actor, revoked_request_id = d.request_id,
      revoked_event_id = d.event_id, revoke_reason = 'group_deleted'
            FROM json_to_recordset($1::json) AS d(tenant_id text, group_id text, at timestamptz, actor jsonb,
              request_id text, event_id uuid)
           WHERE m.tenant_id = d.tenant_id AND m.group_id = d.group_id AND m.revoked_event_id IS NULL`,
    row: (d) => ({
      tenant_id: d.tenantId,
      group_id: d.groupId,
      at: d.at,
      actor: d.actor,
      request_id: d.requestId,
      event_id: d.eventId,
    }),
  });
  await insertRows(db, rows, {
    sql: `INSERT INTO ${T.memberships}
            (tenant_id, group_id, user_id, granted_at, granted_by, granted_request_id, granted_event_id,
              granted_position,
             revoked_at, revoked_by, revoked_request_id, revoked_event_id, revoke_reason)
          SELECT tenant_id, group_id, user_id, granted_at, granted_by, granted_request_id, granted_event_id,
            granted_position,
                 revoked_at, revoked_by, revoked_request_id, revoked_event_id, revoke_reason
            FROM json_to_recordset($1::json) AS r(tenant_id text, group_id text, user_id text, granted_at timestamptz,
              granted_by jsonb, granted_request_id text,
                 granted_event_id uuid, granted_position bigint, revoked_at timestamptz, revoked_by jsonb,
                   revoked_request_id text, revoked_event_id uuid, revoke_reason text)`,
    row: (r) => ({
      tenant_id: r.tenantId,
      group_id: r.groupId,
      user_id: r.userId,
      granted_at: r.grantedAt,
      granted_by: r.grantedBy,
      granted_request_id: r.grantedRequestId,
      granted_event_id: r.grantedEventId,
      granted_position: r.grantedPosition,
      revoked_at: r.revocation?.at ?? null,
      revoked_by: r.revocation?.actor ?? null,
      revoked_request_id: r.revocation?.requestId ?? null,
      revoked_event_id: r.revocation?.eventId ?? null,
      revoke_reason: r.revocation?.reason ?? null,
    }),
  });
}

/** One statement for all `rows` (none when there are none), the rows as one JSON array parameter. */
async function insertRows<T>(
  db: SqlExecutor,
  rows: readonly T[],
  statement: { sql: string; row: (row: T) => Record<string, unknown> },
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(statement.sql, [JSON.stringify(rows.map(statement.row))]);
}
