import { GENESIS_HASH, type StoredChainRecord } from '../chain/hash-chain';
import type { AuditEvent } from '../model/audit-event';
import { memberIdsOf } from '../model/changes';
import { AuditTables as T } from '../schema/table-names';
import type { SqlExecutor } from './sql';

/**
 * What one batch of the audit projection reads and writes, in memory: the state the batch's
 * events look at (loaded with a few set-based queries), and the rows they produce. Reducers
 * (audit-reducers.ts) fold events into it in log order; audit-writer.ts writes it back with one
 * statement per table. The result is the same as applying the events one by one.
 */
export interface AuditDraft {
  /** Open status interval per user: from the database (`dbId`) or opened in this batch (`row`); null: none. */
  openStatus: Map<string, OpenStatus | null>;
  /**
   * Newest userName per user (null: never provisioned; '': held as ciphertext), for the users whose updates are in the
   * batch.
   */
  latestUserName: Map<string, string | null>;
  /** Roles (groups) as `audit_roles_v1` holds them; absent from the map: no row. */
  roles: Map<string, RoleRow>;
  /** Open membership per (tenant, group, user): from the database or granted in this batch; null: none. */
  openMemberships: Map<string, OpenMembership | null>;
  /** Chain head per tenant. */
  chainHeads: Map<string, { seq: number; hash: string }>;
  writes: AuditWrites;
}

export interface AuditWrites {
  statusRows: StatusRow[];
  statusClosings: Array<{ id: number } & Closing>;
  userNames: Array<{
    tenantId: string;
    userId: string;
    userName: string | null;
    validFrom: string;
    position: number;
    eventId: string;
  }>;
  /**
   * Persons erased in the batch: their rows in `audit_erasures_v1`, and the names stored in clear before encryption
   * nulled.
   */
  erasures: Array<{ tenantId: string; userId: string; erasedAt: string; eventId: string; position: number }>;
  roleNames: Array<{ tenantId: string; groupId: string; displayName: string; validFrom: string; position: number }>;
  membershipRows: MembershipRow[];
  membershipClosings: Array<{ id: number } & Revocation>;
  /**
   * A group's deletion closes the open memberships the batch did not load, in one statement (the first deletion of the
   * group in the batch).
   */
  groupDeletions: Map<string, { tenantId: string; groupId: string } & Revocation>;
  /** The hash chain's new records, linked to the tenant's head. */
  records: StoredChainRecord[];
}

export interface Closing {
  at: string;
  /** The actor object (serialised once, with the whole batch). */
  actor: unknown;
  requestId: string;
  eventId: string;
}

export interface Revocation extends Closing {
  reason: 'removed' | 'group_deleted' | 'user_deleted';
}

export interface StatusRow {
  tenantId: string;
  userId: string;
  status: string;
  validFrom: string;
  actor: unknown;
  requestId: string;
  eventId: string;
  position: number;
  closing: Closing | null;
}

export interface MembershipRow {
  tenantId: string;
  groupId: string;
  userId: string;
  grantedAt: string;
  grantedBy: unknown;
  grantedRequestId: string;
  grantedEventId: string;
  grantedPosition: number;
  revocation: Revocation | null;
}

export type OpenStatus = { status: string } & ({ dbId: number } | { row: StatusRow });
export type OpenMembership = { tenantId: string; groupId: string; userId: string } & (
  | { dbId: number }
  | { row: MembershipRow }
);

export interface RoleRow {
  tenantId: string;
  groupId: string;
  displayName: string;
  dirty: boolean;
  createdAt: string;
  deletedAt: string | null;
}

export const key = (...parts: string[]): string => parts.join('\u0000');

const STATUS_EVENTS = new Set(['UserProvisioned', 'UserDeactivated', 'UserReactivated', 'UserDeleted']);
const GROUP_EVENTS = new Set([
  'GroupCreated',
  'GroupRenamed',
  'GroupDeleted',
  'GroupMembersAdded',
  'GroupMembersRemoved',
]);

/** Loads, in five queries at most, everything the batch's events will look at. */
export async function loadAuditDraft(db: SqlExecutor, events: readonly AuditEvent[]): Promise<AuditDraft> {
  const statusUsers = new Map<string, [string, string]>();
  const renamedUsers = new Map<string, [string, string]>();
  const groups = new Map<string, [string, string]>();
  const deletedUsers = new Map<string, [string, string]>();
  const pairs = new Map<string, [string, string, string]>();
  const tenants = new Set<string>();
  for (const e of events) {
    tenants.add(e.tenantId);
    const data = e.data as { userId?: unknown; groupId?: unknown };
    const userId = typeof data.userId === 'string' ? data.userId : null;
    const groupId = typeof data.groupId === 'string' ? data.groupId : null;
    if (userId && STATUS_EVENTS.has(e.type)) statusUsers.set(key(e.tenantId, userId), [e.tenantId, userId]);
    if (userId && e.type === 'UserUpdated') renamedUsers.set(key(e.tenantId, userId), [e.tenantId, userId]);
    if (userId && e.type === 'UserDeleted') deletedUsers.set(key(e.tenantId, userId), [e.tenantId, userId]);
    if (groupId && GROUP_EVENTS.has(e.type)) groups.set(key(e.tenantId, groupId), [e.tenantId, groupId]);
    if (groupId && (e.type === 'GroupMembersAdded' || e.type === 'GroupMembersRemoved')) {
      for (const member of memberIdsOf(e.data))
        pairs.set(key(e.tenantId, groupId, member), [e.tenantId, groupId, member]);
    }
  }
  const [openStatus, latestUserName, roles, openMemberships, chainHeads] = await Promise.all([
    loadOpenStatus(db, [...statusUsers.values()]),
    loadLatestUserNames(db, [...renamedUsers.values()]),
    loadRoles(db, [...groups.values()]),
    loadOpenMemberships(db, [...deletedUsers.values()], [...pairs.values()]),
    loadChainHeads(db, [...tenants]),
  ]);
  return auditDraft({ openStatus, latestUserName, roles, openMemberships, chainHeads });
}

/**
 * A draft over the given state, with nothing written yet: what loadAuditDraft returns, and what unit tests fold into.
 */
export function auditDraft(state: Partial<Omit<AuditDraft, 'writes'>> = {}): AuditDraft {
  return {
    openStatus: state.openStatus ?? new Map(),
    latestUserName: state.latestUserName ?? new Map(),
    roles: state.roles ?? new Map(),
    openMemberships: state.openMemberships ?? new Map(),
    chainHeads: state.chainHeads ?? new Map(),
    writes: {
      statusRows: [],
      statusClosings: [],
      userNames: [],
      erasures: [],
      roleNames: [],
      membershipRows: [],
      membershipClosings: [],
      groupDeletions: new Map(),
      records: [],
    },
  };
}

const columns = <T extends unknown[]>(rows: T[], index: number) => rows.map((row) => row[index]);

async function loadOpenStatus(
  db: SqlExecutor,
  users: Array<[string, string]>,
): Promise<Map<string, OpenStatus | null>> {
  const open = new Map<string, OpenStatus | null>(users.map(([t, u]) => [key(t, u), null]));
  if (users.length === 0) return open;
  const { rows } = await db.query(
    // Key by key through the unique open-interval index; a join hashed every open interval of the database per batch.
    `SELECT s.id, s.tenant_id, s.user_id, s.status FROM unnest($1::text[], $2::text[]) AS k(tenant_id, user_id)
       CROSS JOIN LATERAL (SELECT s.id, s.tenant_id, s.user_id, s.status FROM ${T.userStatus} s
          WHERE s.tenant_id = k.tenant_id AND s.user_id = k.user_id AND s.closed_event_id IS NULL LIMIT 1) s`,
    [columns(users, 0), columns(users, 1)],
  );
  for (const row of rows)
    open.set(key(row.tenant_id, row.user_id), { dbId: Number(row.id), status: String(row.status) });
  return open;
}

async function loadLatestUserNames(
  db: SqlExecutor,
  users: Array<[string, string]>,
): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>(users.map(([t, u]) => [key(t, u), null]));
  if (users.length === 0) return names;
  const { rows } = await db.query(
    `SELECT k.tenant_id, k.user_id, n.user_name FROM unnest($1::text[], $2::text[]) AS k(tenant_id, user_id)
       CROSS JOIN LATERAL (SELECT user_name FROM ${T.userNames} WHERE tenant_id = k.tenant_id AND user_id = k.user_id
         ORDER BY position DESC LIMIT 1) n`,
    [columns(users, 0), columns(users, 1)],
  );
  for (const row of rows)
    names.set(key(row.tenant_id, row.user_id), row.user_name === null ? '' : String(row.user_name));
  return names;
}

async function loadRoles(db: SqlExecutor, groups: Array<[string, string]>): Promise<Map<string, RoleRow>> {
  const roles = new Map<string, RoleRow>();
  if (groups.length === 0) return roles;
  const { rows } = await db.query(
    `SELECT r.tenant_id, r.group_id, r.display_name, r.created_at, r.deleted_at FROM ${T.roles} r
      JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, group_id) ON r.tenant_id = k.tenant_id AND r.group_id =
        k.group_id`,
    [columns(groups, 0), columns(groups, 1)],
  );
  for (const row of rows) {
    roles.set(key(row.tenant_id, row.group_id), {
      tenantId: String(row.tenant_id),
      groupId: String(row.group_id),
      displayName: String(row.display_name),
      dirty: false,
      createdAt: new Date(row.created_at).toISOString(),
      deletedAt: row.deleted_at ? new Date(row.deleted_at).toISOString() : null,
    });
  }
  return roles;
}

/**
 * The open memberships of ($1, $2) users and of ($3, $4, $5) (group, user) pairs.
 * Two joins, not one WHERE with `a IN (...) OR b IN (...)`: PostgreSQL answers that OR by reading every open
 * membership of the database and filtering (a batch cost that grew with the table: ~1,000 events/s at 1M users).
 * The pairs' join still hashes every open membership per batch (~80 ms at 100,000). Looked up key by key
 * (LATERAL) it took 5–12 ms in EXPLAIN on a copy, but was slower in a real catch-up (`npm run bench:followers --
 * --only audit --statements`: 0.116 against 0.075 ms per event), and without statistics it can take the
 * (tenant, group, granted_at) index and read a whole group per key: the join stays until that is understood.
 */
export const OPEN_MEMBERSHIPS_SQL = `SELECT m.id, m.tenant_id, m.group_id, m.user_id FROM ${T.memberships} m
       JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, user_id)
         ON m.tenant_id = k.tenant_id AND m.user_id = k.user_id
      WHERE m.revoked_event_id IS NULL
     UNION
     SELECT m.id, m.tenant_id, m.group_id, m.user_id FROM ${T.memberships} m
       JOIN unnest($3::text[], $4::text[], $5::text[]) AS k(tenant_id, group_id, user_id)
         ON m.tenant_id = k.tenant_id AND m.group_id = k.group_id AND m.user_id = k.user_id
      WHERE m.revoked_event_id IS NULL`;

/** Every open membership of the users deleted in the batch, and of each (group, user) pair it changes. */
async function loadOpenMemberships(
  db: SqlExecutor,
  users: Array<[string, string]>,
  pairs: Array<[string, string, string]>,
): Promise<Map<string, OpenMembership | null>> {
  const open = new Map<string, OpenMembership | null>(pairs.map(([t, g, u]) => [key(t, g, u), null]));
  if (users.length === 0 && pairs.length === 0) return open;
  const { rows } = await db.query(OPEN_MEMBERSHIPS_SQL, [
    columns(users, 0),
    columns(users, 1),
    columns(pairs, 0),
    columns(pairs, 1),
    columns(pairs, 2),
  ]);
  for (const row of rows) {
    const tenantId = String(row.tenant_id);
    const groupId = String(row.group_id);
    const userId = String(row.user_id);
    open.set(key(tenantId, groupId, userId), { dbId: Number(row.id), tenantId, groupId, userId });
  }
  return open;
}

async function loadChainHeads(db: SqlExecutor, tenants: string[]): Promise<Map<string, { seq: number; hash: string }>> {
  const heads = new Map<string, { seq: number; hash: string }>(tenants.map((t) => [t, { seq: 0, hash: GENESIS_HASH }]));
  if (tenants.length === 0) return heads;
  const { rows } = await db.query(
    `SELECT k.tenant_id, r.seq, r.hash FROM unnest($1::text[]) AS k(tenant_id)
       CROSS JOIN LATERAL (SELECT seq, hash FROM ${T.records} WHERE tenant_id = k.tenant_id ORDER BY seq DESC LIMIT 1)
         r`,
    [tenants],
  );
  for (const row of rows) heads.set(String(row.tenant_id), { seq: Number(row.seq), hash: String(row.hash) });
  return heads;
}
