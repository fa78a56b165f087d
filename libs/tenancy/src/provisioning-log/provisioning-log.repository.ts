import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@lib/platform';
import type { ProvisioningLogEntry, ProvisioningLogQuery, ProvisioningLogRow } from './provisioning-log-entry';

export const DEFAULT_QUERY_LIMIT = 100;
export const MAX_QUERY_LIMIT = 1000;
const RETENTION_BATCH = 5000;

/** SQL of the provisioning log: batched inserts, filtered reads, retention deletes. */
@Injectable()
export class ProvisioningLogRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** One statement per batch: column arrays unnested, so the statement text never depends on the batch size. */
  async insert(entries: ProvisioningLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof ProvisioningLogEntry>(key: K) => entries.map((e) => e[key]);
    await this.pool.query(
      `INSERT INTO provisioning_log (tenant_id, at, method, path, resource_type, resource_id, user_name, status,
        scim_type, detail, latency_ms, idp_profile, key_id, request_id)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::smallint[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[])`,
      [
        column('tenantId'),
        column('at'),
        column('method'),
        column('path'),
        column('resourceType'),
        column('resourceId'),
        column('userName'),
        column('status'),
        column('scimType'),
        column('detail'),
        column('latencyMs').map((ms) => Math.round(ms)),
        column('idpProfile'),
        column('keyId'),
        column('requestId'),
      ],
    );
  }

  /** Newest first. userName matches case-insensitively (SCIM userNames are caseExact=false). */
  async query(q: ProvisioningLogQuery): Promise<ProvisioningLogRow[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [q.tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.from !== undefined) add('at >= ?', q.from);
    if (q.to !== undefined) add('at < ?', q.to);
    if (q.status !== undefined) add('status = ?', q.status);
    if (q.resourceId !== undefined) add('resource_id = ?', q.resourceId);
    if (q.userName !== undefined) add('lower(user_name) = lower(?)', q.userName);
    params.push(Math.min(Math.max(q.limit ?? DEFAULT_QUERY_LIMIT, 1), MAX_QUERY_LIMIT));
    const { rows } = await this.pool.query<DbRow>(
      `SELECT * FROM provisioning_log WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(fromDb);
  }

  /**
   * Right to erasure: the rows about the person's user resource, and every row naming one of
   * their values (a userName in a filter, a 409's detail, ...), lose the userName, the detail and
   * the query string of their path. Method, status, timing, key and request ids stay.
   * `values` are matched case-insensitively, as sent and URL-encoded.
   */
  async erasePersonalData(tenantId: string, userId: string, values: readonly string[]): Promise<number> {
    const needles = [
      ...new Set(
        values
          .flatMap((v) => [v, encodeURIComponent(v)])
          .map((v) => v.toLowerCase())
          .filter((v) => v.length > 0),
      ),
    ];
    const result = await this.pool.query(
      `UPDATE provisioning_log SET user_name = NULL, detail = NULL, path = split_part(path, '?', 1)
        WHERE tenant_id = $1
          AND (resource_id = $2
               OR lower(user_name) = ANY($3::text[])
               OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS v(needle)
                           WHERE strpos(lower(path), v.needle) > 0 OR strpos(lower(coalesce(detail, '')),
                             v.needle) > 0))`,
      [tenantId, userId, needles],
    );
    return result.rowCount ?? 0;
  }

  /** Deletes rows older than `before` in small batches, so retention never holds long locks. */
  async deleteOlderThan(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.pool.query(
        `DELETE FROM provisioning_log WHERE id IN (SELECT id FROM provisioning_log WHERE at < $1 LIMIT
          ${RETENTION_BATCH})`,
        [before],
      );
      total += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < RETENTION_BATCH) return total;
    }
  }
}

interface DbRow {
  id: string;
  tenant_id: string;
  at: Date;
  method: string;
  path: string;
  resource_type: string | null;
  resource_id: string | null;
  user_name: string | null;
  status: number;
  scim_type: string | null;
  detail: string | null;
  latency_ms: number;
  idp_profile: string | null;
  key_id: string | null;
  request_id: string | null;
}

function fromDb(r: DbRow): ProvisioningLogRow {
  return {
    id: String(r.id),
    tenantId: r.tenant_id,
    at: r.at.toISOString(),
    method: r.method,
    path: r.path,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    userName: r.user_name,
    status: r.status,
    scimType: r.scim_type,
    detail: r.detail,
    latencyMs: r.latency_ms,
    idpProfile: r.idp_profile,
    keyId: r.key_id,
    requestId: r.request_id,
  };
}
