import type { SqlExecutor } from '../projection/sql-executor';
import type { JsonObject } from '@lib/domain';

/** One resource as GET by id serves it, with what conditional requests need. */
export interface ResourceView {
  resource: JsonObject;
  /** meta.version, the weak ETag (`W/"3"`): compare with If-Match / If-None-Match. */
  version: string;
  /** The aggregate stream's revision: the expected revision for a write under If-Match. */
  streamRevision: number;
}

/** One row of a read-model table by tenant and id, as a ResourceView; undefined when absent. */
export async function readResourceView(
  db: SqlExecutor,
  table: string,
  resourceSql: string,
  tenantId: string,
  id: string,
): Promise<ResourceView | undefined> {
  const { rows } = await db.query(
    `SELECT ${resourceSql} AS resource, r.version, r.stream_revision FROM ${table} r ` +
      'WHERE r.tenant_id = $1 AND r.id = $2',
    [tenantId, id],
  );
  const row = rows[0];
  return row ? { resource: row.resource, version: row.version, streamRevision: row.stream_revision } : undefined;
}
