import { Inject, Injectable, Optional } from '@nestjs/common';
import { PERSONAL_DATA_CODEC } from '@lib/personal-data';
import { QUERY_POOL } from '@lib/platform';
import type { AccessEntry, AccessFilter, RoleHolding, TimeWindow, TimelineEntry } from '../model/answers';
import { ChainVerifier, type BrokenLink, type StoredChainRecord } from '../chain/hash-chain';
import { AuditTables as T } from '../schema/table-names';
import type { SqlExecutor } from '../projection/sql';
import { PersonalAnswers, type PersonalDataReader } from './personal-answers';
import { iso, toRoleHolding, type HoldingRow, type RecordRow } from './rows';

export interface AccessPage {
  totalResults: number;
  entries: AccessEntry[];
}

export interface ChainReport {
  valid: boolean;
  records: number;
  firstBrokenRecord?: BrokenLink;
}

/** A user active at the instant asked about, as `selectUsers` reads it. */
interface ActiveUserRow {
  user_id: string;
  user_name: string | null;
  name_event_id: string | null;
  valid_from: Date;
}

/** Chunk size of streamed answers: large enough to amortise round trips, small enough to bound memory. */
export const EXPORT_CHUNK = 1000;

/**
 * The audit questions in SQL over the audit projection. Orders use COLLATE "C" (code-unit order)
 * so pages and keysets are stable across database locales and equal the oracle's order.
 */
@Injectable()
export class AuditQueries {
  private readonly personal: PersonalAnswers;

  /** `reader` opens encrypted personal values (the service's personal-data codec); needed once the log holds any. */
  constructor(
    @Inject(QUERY_POOL) private readonly db: SqlExecutor,
    @Optional() @Inject(PERSONAL_DATA_CODEC) reader?: PersonalDataReader | null,
  ) {
    this.personal = new PersonalAnswers(db, reader ?? null);
  }

  /** Users active at `at` with their roles at `at`, ordered by user id; startIndex is 1-based. */
  async accessPage(
    tenantId: string,
    at: string,
    filter: AccessFilter,
    startIndex: number,
    count: number,
  ): Promise<AccessPage> {
    const where = activeAt;
    const [total, users] = await Promise.all([
      this.db.query(`SELECT count(*) AS n FROM ${T.userStatus} s WHERE ${where}`, [
        tenantId,
        at,
        filter.user ?? null,
        filter.role ?? null,
      ]),
      this.db.query(`${selectUsers} WHERE ${where} ORDER BY s.user_id COLLATE "C" LIMIT $5 OFFSET $6`, [
        tenantId,
        at,
        filter.user ?? null,
        filter.role ?? null,
        count,
        startIndex - 1,
      ]),
    ]);
    return { totalResults: Number(total.rows[0].n), entries: await this.withRoles(tenantId, at, users.rows) };
  }

  /** The same answer in keyset chunks, for exports of any size. */
  async *accessChunks(
    tenantId: string,
    at: string,
    filter: AccessFilter,
    chunkSize = EXPORT_CHUNK,
  ): AsyncGenerator<AccessEntry[]> {
    const pages = keysetPages<ActiveUserRow>(chunkSize, async (after) => {
      const { rows } = await this.db.query(
        `${selectUsers} WHERE ${activeAt} AND ($5::text IS NULL OR s.user_id COLLATE "C" > $5::text COLLATE "C")
         ORDER BY s.user_id COLLATE "C" LIMIT $6`,
        [tenantId, at, filter.user ?? null, filter.role ?? null, after?.user_id ?? null, chunkSize],
      );
      return rows;
    });
    for await (const rows of pages) yield await this.withRoles(tenantId, at, rows);
  }

  /** Every change to the user and their roles, oldest first; undefined when the user never existed. */
  async timeline(tenantId: string, userId: string): Promise<TimelineEntry[] | undefined> {
    const known = await this.db.query(`SELECT 1 FROM ${T.userStatus} WHERE tenant_id = $1 AND user_id = $2 LIMIT 1`, [
      tenantId,
      userId,
    ]);
    if (known.rows.length === 0) return undefined;
    const { rows } = await this.db.query(
      `SELECT r.* FROM ${T.records} r WHERE r.tenant_id = $1 AND r.user_id = $2
       UNION ALL
       SELECT r.* FROM ${T.records} r
         JOIN ${T.memberships} m ON m.tenant_id = r.tenant_id AND m.revoked_event_id = r.event_id
        WHERE r.tenant_id = $1 AND m.user_id = $2 AND m.revoke_reason = 'group_deleted'
       ORDER BY seq`,
      [tenantId, userId],
    );
    return this.personal.timeline(tenantId, userId, rows as RecordRow[]);
  }

  async roleExists(tenantId: string, groupId: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM ${T.roles} WHERE tenant_id = $1 AND group_id = $2`, [
      tenantId,
      groupId,
    ]);
    return rows.length > 0;
  }

  /** Holdings of the role that overlap [from, to], by grant time; undefined when the role never existed. */
  async roleHistory(
    tenantId: string,
    groupId: string,
    window: TimeWindow,
    startIndex = 1,
    count = 1000,
  ): Promise<{ totalResults: number; holdings: RoleHolding[] } | undefined> {
    if (!(await this.roleExists(tenantId, groupId))) return undefined;
    const params = [tenantId, groupId, window.from ?? null, window.to ?? null];
    const [total, page] = await Promise.all([
      this.db.query(`SELECT count(*) AS n FROM ${T.memberships} m WHERE ${overlaps}`, params),
      this.db.query(
        `SELECT m.* FROM ${T.memberships} m WHERE ${overlaps} ORDER BY ${holdingOrder} LIMIT $5 OFFSET $6`,
        [...params, count, startIndex - 1],
      ),
    ]);
    return { totalResults: Number(total.rows[0].n), holdings: (page.rows as HoldingRow[]).map(toRoleHolding) };
  }

  async *roleHistoryChunks(
    tenantId: string,
    groupId: string,
    window: TimeWindow,
    chunkSize = EXPORT_CHUNK,
  ): AsyncGenerator<RoleHolding[]> {
    const pages = keysetPages<HoldingRow>(chunkSize, async (after) => {
      const { rows } = await this.db.query(
        `SELECT m.* FROM ${T.memberships} m WHERE ${overlaps}
           AND ($5::timestamptz IS NULL OR (m.granted_at, m.user_id COLLATE "C", m.granted_position) > ($5::timestamptz,
             $6::text COLLATE "C", $7::bigint))
         ORDER BY ${holdingOrder} LIMIT $8`,
        [
          tenantId,
          groupId,
          window.from ?? null,
          window.to ?? null,
          after ? iso(after.granted_at) : null,
          after?.user_id ?? null,
          after?.granted_position ?? null,
          chunkSize,
        ],
      );
      return rows;
    });
    for await (const rows of pages) yield rows.map(toRoleHolding);
  }

  /** Recomputes the tenant's hash chain in seq order, chunk by chunk; stops at the first broken link. */
  async verify(tenantId: string, chunkSize = EXPORT_CHUNK): Promise<ChainReport> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const { rows } = await this.db.query(
        `SELECT * FROM ${T.records} WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenantId, after, chunkSize],
      );
      if (rows.length === 0 || !verifier.check((rows as RecordRow[]).map((row) => toChained(tenantId, row)))) break;
      after = Number(rows[rows.length - 1].seq);
    }
    return verifier.broken
      ? { valid: false, records: verifier.records, firstBrokenRecord: verifier.broken }
      : { valid: true, records: verifier.records };
  }

  private async withRoles(tenantId: string, at: string, users: ActiveUserRow[]): Promise<AccessEntry[]> {
    if (users.length === 0) return [];
    const names = await this.personal.userNames(tenantId, users);
    const { rows } = await this.db.query(
      `SELECT m.user_id, m.group_id, m.granted_at,
              (SELECT rn.display_name FROM ${T.roleNames} rn
                WHERE rn.tenant_id = m.tenant_id AND rn.group_id = m.group_id AND rn.valid_from <= $2
                ORDER BY rn.valid_from DESC, rn.position DESC LIMIT 1) AS display_name
         FROM ${T.memberships} m
        WHERE m.tenant_id = $1 AND m.user_id = ANY($3::text[]) AND m.granted_at <= $2 AND (m.revoked_at IS NULL OR
          m.revoked_at > $2)
        ORDER BY m.user_id COLLATE "C", m.group_id COLLATE "C"`,
      [tenantId, at, users.map((u) => u.user_id)],
    );
    const roles = new Map<string, AccessEntry['roles']>();
    for (const row of rows) {
      const list = roles.get(row.user_id) ?? [];
      list.push({ groupId: row.group_id, displayName: row.display_name, grantedAt: iso(row.granted_at) as string });
      roles.set(row.user_id, list);
    }
    return users.map((u) => {
      const name = names.get(u.user_id)!;
      return {
        userId: u.user_id,
        userName: name.userName,
        ...(name.erased ? { erased: true as const } : {}),
        activeSince: iso(u.valid_from) as string,
        roles: roles.get(u.user_id) ?? [],
      };
    });
  }
}

const selectUsers = `SELECT s.user_id, s.valid_from, n.user_name, n.event_id AS name_event_id
  FROM ${T.userStatus} s
  LEFT JOIN LATERAL (SELECT n.user_name, n.event_id FROM ${T.userNames} n
      WHERE n.tenant_id = s.tenant_id AND n.user_id = s.user_id AND n.valid_from <= $2
      ORDER BY n.valid_from DESC, n.position DESC LIMIT 1) n ON true`;

/** $1 tenant, $2 instant, $3 user filter, $4 role filter (null = no filter). */
const activeAt = `s.tenant_id = $1 AND s.status = 'active' AND s.valid_from <= $2::timestamptz AND (s.valid_to IS NULL
  OR s.valid_to > $2::timestamptz)
    AND ($3::text IS NULL OR s.user_id = $3::text)
    AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM ${T.memberships} m
          WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id AND m.group_id = $4::text
            AND m.granted_at <= $2::timestamptz AND (m.revoked_at IS NULL OR m.revoked_at > $2::timestamptz)))`;

/** $1 tenant, $2 group, $3 window start, $4 window end (null = open); empty intervals never held the role. */
const overlaps = `m.tenant_id = $1 AND m.group_id = $2 AND (m.revoked_at IS NULL OR m.revoked_at > m.granted_at)
  AND ($3::timestamptz IS NULL OR m.revoked_at IS NULL OR m.revoked_at > $3::timestamptz)
  AND ($4::timestamptz IS NULL OR m.granted_at <= $4::timestamptz)`;

const holdingOrder = `m.granted_at, m.user_id COLLATE "C", m.granted_position`;

function toChained(tenantId: string, row: RecordRow): StoredChainRecord {
  return {
    tenantId,
    seq: Number(row.seq),
    position: Number(row.position),
    eventId: row.event_id,
    eventType: row.event_type,
    action: row.action,
    userId: row.user_id,
    groupId: row.group_id,
    occurredAt: iso(row.occurred_at) as string,
    actor: row.actor,
    requestId: row.request_id,
    correlationId: row.correlation_id,
    changes: row.changes,
    ...(row.sealed !== null && row.sealed !== undefined ? { sealed: row.sealed } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * A keyset-paged query, chunk by chunk: `page(after)` returns up to `chunkSize` rows following the
 * last row of the previous chunk (null for the first); a short chunk is the last.
 */
async function* keysetPages<R>(chunkSize: number, page: (after: R | null) => Promise<R[]>): AsyncGenerator<R[]> {
  let after: R | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < chunkSize) return;
    after = rows[rows.length - 1] as R;
  }
}
