import { AuditTables as T } from '../schema/table-names';
import type { AuditDraft } from './audit-draft';
import type { SqlExecutor } from './sql';

/**
 * Writes a folded batch with one statement per table and kind (arrays unnested server-side),
 * in an order that keeps the partial unique indexes ("one open interval") satisfied: closings
 * of existing rows first, then the set-based group closings, then the new rows.
 */
export async function writeAuditDraft(db: SqlExecutor, draft: AuditDraft): Promise<void> {
  const w = draft.writes;
  const roles = [...draft.roles.values()].filter((role) => role.dirty);
  if (roles.length > 0) {
    await db.query(
      `INSERT INTO ${T.roles} (tenant_id, group_id, display_name, created_at, deleted_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
       ON CONFLICT (tenant_id, group_id) DO UPDATE SET display_name = EXCLUDED.display_name, deleted_at = EXCLUDED.deleted_at`,
      [pick(roles, 'tenantId'), pick(roles, 'groupId'), pick(roles, 'displayName'), pick(roles, 'createdAt'), pick(roles, 'deletedAt')],
    );
  }
  if (w.roleNames.length > 0) {
    await db.query(
      `INSERT INTO ${T.roleNames} (tenant_id, group_id, display_name, valid_from, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[])`,
      [pick(w.roleNames, 'tenantId'), pick(w.roleNames, 'groupId'), pick(w.roleNames, 'displayName'), pick(w.roleNames, 'validFrom'), pick(w.roleNames, 'position')],
    );
  }
  if (w.userNames.length > 0) {
    await db.query(
      `INSERT INTO ${T.userNames} (tenant_id, user_id, user_name, valid_from, position, event_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::uuid[])`,
      [pick(w.userNames, 'tenantId'), pick(w.userNames, 'userId'), pick(w.userNames, 'userName'), pick(w.userNames, 'validFrom'), pick(w.userNames, 'position'), pick(w.userNames, 'eventId')],
    );
  }
  await writeStatus(db, draft);
  await writeMemberships(db, draft);
  if (w.records.length > 0) {
    const r = w.records;
    await db.query(
      `INSERT INTO ${T.records}
         (tenant_id, seq, position, event_id, event_type, action, user_id, group_id, occurred_at, actor, request_id, correlation_id, changes, prev_hash, hash)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                            $10::jsonb[], $11::text[], $12::text[], $13::jsonb[], $14::text[], $15::text[])`,
      [
        pick(r, 'tenantId'),
        pick(r, 'seq'),
        pick(r, 'position'),
        pick(r, 'eventId'),
        pick(r, 'eventType'),
        pick(r, 'action'),
        pick(r, 'userId'),
        pick(r, 'groupId'),
        pick(r, 'occurredAt'),
        pick(r, 'actor'),
        pick(r, 'requestId'),
        pick(r, 'correlationId'),
        pick(r, 'changes'),
        pick(r, 'prevHash'),
        pick(r, 'hash'),
      ],
    );
  }
}

async function writeStatus(db: SqlExecutor, draft: AuditDraft): Promise<void> {
  const { statusClosings: closings, statusRows: rows } = draft.writes;
  if (closings.length > 0) {
    await db.query(
      `UPDATE ${T.userStatus} s SET valid_to = c.at, closed_actor = c.actor, closed_request_id = c.request_id, closed_event_id = c.event_id
         FROM unnest($1::bigint[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::uuid[]) AS c(id, at, actor, request_id, event_id)
        WHERE s.id = c.id`,
      [pick(closings, 'id'), pick(closings, 'at'), pick(closings, 'actor'), pick(closings, 'requestId'), pick(closings, 'eventId')],
    );
  }
  if (rows.length > 0) {
    const closed = (name: 'at' | 'actor' | 'requestId' | 'eventId') => rows.map((row) => row.closing?.[name] ?? null);
    await db.query(
      `INSERT INTO ${T.userStatus}
         (tenant_id, user_id, status, valid_from, actor, request_id, event_id, position, valid_to, closed_actor, closed_request_id, closed_event_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[], $7::uuid[], $8::bigint[],
                            $9::timestamptz[], $10::jsonb[], $11::text[], $12::uuid[])`,
      [
        pick(rows, 'tenantId'),
        pick(rows, 'userId'),
        pick(rows, 'status'),
        pick(rows, 'validFrom'),
        pick(rows, 'actor'),
        pick(rows, 'requestId'),
        pick(rows, 'eventId'),
        pick(rows, 'position'),
        closed('at'),
        closed('actor'),
        closed('requestId'),
        closed('eventId'),
      ],
    );
  }
}

async function writeMemberships(db: SqlExecutor, draft: AuditDraft): Promise<void> {
  const { membershipClosings: closings, membershipRows: rows, groupDeletions } = draft.writes;
  if (closings.length > 0) {
    await db.query(
      `UPDATE ${T.memberships} m SET revoked_at = c.at, revoked_by = c.actor, revoked_request_id = c.request_id, revoked_event_id = c.event_id, revoke_reason = c.reason
         FROM unnest($1::bigint[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::uuid[], $6::text[]) AS c(id, at, actor, request_id, event_id, reason)
        WHERE m.id = c.id`,
      [pick(closings, 'id'), pick(closings, 'at'), pick(closings, 'actor'), pick(closings, 'requestId'), pick(closings, 'eventId'), pick(closings, 'reason')],
    );
  }
  if (groupDeletions.size > 0) {
    const deletions = [...groupDeletions.values()];
    // Only rows that existed before this batch and are still open: the batch's own rows are inserted below, already closed where they were.
    await db.query(
      `UPDATE ${T.memberships} m SET revoked_at = d.at, revoked_by = d.actor, revoked_request_id = d.request_id, revoked_event_id = d.event_id, revoke_reason = 'group_deleted'
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[], $5::text[], $6::uuid[]) AS d(tenant_id, group_id, at, actor, request_id, event_id)
        WHERE m.tenant_id = d.tenant_id AND m.group_id = d.group_id AND m.revoked_event_id IS NULL`,
      [pick(deletions, 'tenantId'), pick(deletions, 'groupId'), pick(deletions, 'at'), pick(deletions, 'actor'), pick(deletions, 'requestId'), pick(deletions, 'eventId')],
    );
  }
  if (rows.length > 0) {
    const revoked = (name: 'at' | 'actor' | 'requestId' | 'eventId' | 'reason') => rows.map((row) => row.revocation?.[name] ?? null);
    await db.query(
      `INSERT INTO ${T.memberships}
         (tenant_id, group_id, user_id, granted_at, granted_by, granted_request_id, granted_event_id, granted_position,
          revoked_at, revoked_by, revoked_request_id, revoked_event_id, revoke_reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[], $7::uuid[], $8::bigint[],
                            $9::timestamptz[], $10::jsonb[], $11::text[], $12::uuid[], $13::text[])`,
      [
        pick(rows, 'tenantId'),
        pick(rows, 'groupId'),
        pick(rows, 'userId'),
        pick(rows, 'grantedAt'),
        pick(rows, 'grantedBy'),
        pick(rows, 'grantedRequestId'),
        pick(rows, 'grantedEventId'),
        pick(rows, 'grantedPosition'),
        revoked('at'),
        revoked('actor'),
        revoked('requestId'),
        revoked('eventId'),
        revoked('reason'),
      ],
    );
  }
}

function pick<T, K extends keyof T>(rows: readonly T[], name: K): Array<T[K]> {
  return rows.map((row) => row[name]);
}
