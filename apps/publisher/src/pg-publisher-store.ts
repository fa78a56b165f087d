import type { Pool, PoolClient } from 'pg';
import type { MembershipRow, RoleNameRow, StateChanges, StateKeys } from '@lib/messaging';
import { CheckpointMovedError, type PublisherStore } from './publisher-store';

/**
 * The publisher's ($1) memberships of ($2, $3) groups, ($4, $5) users and ($6, $7, $8) (group, user) pairs.
 * One part per kind of key, not one WHERE with ORs (PostgreSQL answers `a IN (...) OR b IN (...)` by reading every
 * membership of the publisher). Users and pairs are looked up key by key (LATERAL): as joins, PostgreSQL hashed every
 * membership of the publisher for each batch (75 ms per batch at 100,000 memberships, growing with the table). A
 * group's memberships are all read anyway: a join.
 */
export const PUBLISHER_MEMBERSHIPS_SQL = `SELECT m.tenant_id, m.group_id, m.user_id FROM publisher_memberships m
         JOIN unnest($2::text[], $3::text[]) AS k(tenant_id, group_id)
           ON m.tenant_id = k.tenant_id AND m.group_id = k.group_id
        WHERE m.publisher = $1
       UNION
       SELECT m.tenant_id, m.group_id, m.user_id FROM unnest($4::text[], $5::text[]) AS k(tenant_id, user_id)
         CROSS JOIN LATERAL (SELECT m.tenant_id, m.group_id, m.user_id FROM publisher_memberships m
           WHERE m.publisher = $1 AND m.tenant_id = k.tenant_id AND m.user_id = k.user_id OFFSET 0) m
       UNION
       SELECT m.tenant_id, m.group_id, m.user_id
         FROM unnest($6::text[], $7::text[], $8::text[]) AS k(tenant_id, group_id, user_id)
         CROSS JOIN LATERAL (SELECT m.tenant_id, m.group_id, m.user_id FROM publisher_memberships m
           WHERE m.publisher = $1 AND m.tenant_id = k.tenant_id AND m.group_id = k.group_id AND m.user_id = k.user_id
           LIMIT 1) m`;

/** PublisherStore on PostgreSQL (tables: migrations/). */
export class PgPublisherStore implements PublisherStore {
  constructor(private readonly pool: Pool) {}

  async load(db: Pick<Pool, 'query'>, name: string): Promise<number> {
    await db.query('INSERT INTO publisher_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    const { rows } = await db.query<{ position: string }>(
      'SELECT position FROM publisher_checkpoints WHERE name = $1',
      [name],
    );
    return Number(rows[0]!.position);
  }

  async loadState(name: string, keys: StateKeys): Promise<{ memberships: MembershipRow[]; roleNames: RoleNameRow[] }> {
    if (keys.groups.length + keys.users.length + keys.pairs.length === 0) return { memberships: [], roleNames: [] };
    const { rows } = await this.pool.query<{ tenant_id: string; group_id: string; user_id: string }>(
      PUBLISHER_MEMBERSHIPS_SQL,
      [
        name,
        keys.groups.map((g) => g.tenantId),
        keys.groups.map((g) => g.groupId),
        keys.users.map((u) => u.tenantId),
        keys.users.map((u) => u.userId),
        keys.pairs.map((p) => p.tenantId),
        keys.pairs.map((p) => p.groupId),
        keys.pairs.map((p) => p.userId),
      ],
    );
    const memberships = rows.map((r) => ({ tenantId: r.tenant_id, groupId: r.group_id, userId: r.user_id }));
    // Names of every group involved: deleted ones, those of memberships touched, and those the loaded rows point at.
    const groups = [...keys.groups, ...keys.pairs, ...memberships];
    const names = await this.pool.query<{ tenant_id: string; group_id: string; display_name: string }>(
      `SELECT tenant_id, group_id, display_name FROM publisher_role_names
        WHERE publisher = $1 AND (tenant_id, group_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [name, groups.map((g) => g.tenantId), groups.map((g) => g.groupId)],
    );
    return {
      memberships,
      roleNames: names.rows.map((r) => ({ tenantId: r.tenant_id, groupId: r.group_id, displayName: r.display_name })),
    };
  }

  async commit(
    client: PoolClient,
    name: string,
    from: number,
    to: number | null,
    changes: StateChanges,
  ): Promise<void> {
    if (to !== null) {
      const { rows } = await client.query<{ position: string }>(
        'SELECT position FROM publisher_checkpoints WHERE name = $1 FOR UPDATE',
        [name],
      );
      const actual = Number(rows[0]?.position ?? -1);
      if (actual !== from) throw new CheckpointMovedError(name, from, actual);
    }
    for (const write of STATE_WRITES) await write(client, name, changes);
    if (to !== null)
      await client.query(
        `UPDATE publisher_checkpoints SET position = $2, status = 'running', last_error = NULL, updated_at = now() ` +
          `WHERE name = $1`,
        [name, to],
      );
  }
}

type StateWrite = (client: PoolClient, name: string, changes: StateChanges) => Promise<void>;

/**
 * A set write of one kind of change in one statement (none when there are no rows): the
 * publisher's name as $1, then one text array per column, in `columns` order.
 */
function setWrite<R>(sql: string, rowsOf: (changes: StateChanges) => readonly R[], columns: (keyof R & string)[]) {
  const write: StateWrite = async (client, name, changes) => {
    const rows = rowsOf(changes);
    if (rows.length === 0) return;
    await client.query(sql, [name, ...columns.map((column) => rows.map((row) => row[column]))]);
  };
  return write;
}

/** A batch's state changes, in this order: memberships removed, memberships added, role names. */
const STATE_WRITES: StateWrite[] = [
  setWrite(
    `DELETE FROM publisher_memberships WHERE publisher = $1
      AND (tenant_id, group_id, user_id) IN (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]))`,
    (changes) => changes.removed,
    ['tenantId', 'groupId', 'userId'],
  ),
  setWrite(
    `INSERT INTO publisher_memberships (publisher, tenant_id, group_id, user_id)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
    (changes) => changes.added,
    ['tenantId', 'groupId', 'userId'],
  ),
  setWrite(
    `INSERT INTO publisher_role_names (publisher, tenant_id, group_id, display_name)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
     ON CONFLICT (publisher, tenant_id, group_id) DO UPDATE SET display_name = EXCLUDED.display_name`,
    (changes) => changes.roleNames,
    ['tenantId', 'groupId', 'displayName'],
  ),
];
