import type { JsonObject } from '@lib/domain';
import type { Filter, ResourceSchema } from '@lib/scim';
import type { ResourceSources } from '../filter-sql/attribute-sources';
import { decodeCursor, encodeCursor, queryDigest, type CursorState } from '../filter-sql/cursor';
import { filterToSql } from '../filter-sql/filter-to-sql';
import { sortKey, type SortKey } from '../filter-sql/sort-key';
import { SqlParams } from '../filter-sql/sql-params';
import type { SqlExecutor } from '../projection/sql-executor';

/** A list/search request as the gateway parsed it (RFC 7644 §3.4.2, RFC 9865). */
export interface ListOptions {
  filter?: Filter;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  /** 1-based; index paging. Ignored when `cursor` is given. */
  startIndex?: number;
  /** Page size; 0 returns totalResults only. Defaults to `maxResults`. */
  count?: number;
  /** RFC 9865: '' asks for the first page with cursor paging; otherwise a nextCursor/previousCursor. */
  cursor?: string;
}

export interface ListResult {
  resources: JsonObject[];
  totalResults: number;
  /** Index paging: the startIndex served; cursor paging: 1 (RFC 9865 keeps the field meaningful). */
  startIndex: number;
  itemsPerPage: number;
  nextCursor?: string;
  previousCursor?: string;
}

export interface ListQueryDefinition {
  table: string;
  resourceSchema: ResourceSchema;
  sources: ResourceSources;
  /** SELECT list producing `resource` (jsonb) for row alias `r`. */
  resourceSql: string;
  maxResults: number;
}

/**
 * Runs a filtered, sorted, paged list: a COUNT for totalResults and one page query, both scoped
 * by tenant_id and built from parameters only. Order is always (sort key, id): a total order, so
 * index pages and cursor pages are stable.
 */
export async function runListQuery(db: SqlExecutor, definition: ListQueryDefinition, tenantId: string, options: ListOptions): Promise<ListResult> {
  const params = new SqlParams();
  const conditions = [`r.tenant_id = ${params.add(tenantId)}`];
  if (options.filter) conditions.push(filterToSql(options.filter, { sources: definition.sources, resourceSchema: definition.resourceSchema, params }));
  const where = conditions.join(' AND ');
  const count = Math.min(Math.max(options.count ?? definition.maxResults, 0), definition.maxResults);

  // Everything that can refuse the request comes before the first query: a query started and
  // then abandoned by a throw would reject with nobody awaiting it.
  const key = sortKey(options.sortBy, definition.resourceSchema, definition.sources);
  const ascending = options.sortOrder !== 'descending';
  const counting = db.query<{ n: string }>(`SELECT count(*) AS n FROM ${definition.table} r WHERE ${where}`, [...params.values]).then((total) => Number(total.rows[0].n));
  if (count === 0) return { resources: [], totalResults: await counting, startIndex: Math.max(options.startIndex ?? 1, 1), itemsPerPage: 0 };

  // The count and the page are independent: on a pool they run at once, on two connections.
  if (options.cursor !== undefined) {
    const page = cursorPage(db, definition, { tenantId, options, params, where, key, ascending, count });
    const [totalResults, result] = await Promise.all([counting, page]);
    return { ...result, totalResults };
  }
  const startIndex = Math.max(Math.trunc(options.startIndex ?? 1), 1);
  const pageParams = [...params.values, count, startIndex - 1];
  const [totalResults, { rows }] = await Promise.all([
    counting,
    db.query<{ resource: JsonObject }>(
      `SELECT ${definition.resourceSql} AS resource FROM ${definition.table} r WHERE ${where}
       ORDER BY ${orderBy(key, ascending)} LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`,
      pageParams,
    ),
  ]);
  return { resources: rows.map((row) => row.resource), totalResults, startIndex, itemsPerPage: rows.length };
}

interface CursorRequest {
  tenantId: string;
  options: ListOptions;
  params: SqlParams;
  where: string;
  key: SortKey;
  ascending: boolean;
  count: number;
}

async function cursorPage(db: SqlExecutor, definition: ListQueryDefinition, request: CursorRequest): Promise<Omit<ListResult, 'totalResults'>> {
  const { options, params, key, count } = request;
  const digest = queryDigest([definition.table, request.tenantId, options.filter ?? null, options.sortBy ?? null, request.ascending]);
  const state: CursorState | undefined = options.cursor ? decodeCursor(options.cursor, digest) : undefined;
  // A previous page is read in reverse order from its boundary, then flipped back.
  const backwards = state?.d === 'p';
  const direction = backwards ? !request.ascending : request.ascending;
  const conditions = [request.where];
  if (state) conditions.push(after(key, direction, state, params));
  const limit = params.add(count + 1);
  const { rows } = await db.query<{ resource: JsonObject; sort_key: string | null; id: string }>(
    `SELECT ${definition.resourceSql} AS resource, (${key.sql})::text AS sort_key, r.id FROM ${definition.table} r
     WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy(key, direction)} LIMIT ${limit}`,
    params.values,
  );
  const more = rows.length > count;
  const page = rows.slice(0, count);
  if (backwards) page.reverse();
  const boundary = (row: (typeof page)[number], d: 'n' | 'p') => encodeCursor({ k: row.sort_key, id: row.id, d, q: digest });
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? state !== undefined : more;
  const hasPrevious = backwards ? more : state !== undefined;
  return {
    resources: page.map((row) => row.resource),
    startIndex: 1,
    itemsPerPage: page.length,
    ...(hasNext && last ? { nextCursor: boundary(last, 'n') } : {}),
    ...(hasPrevious && first ? { previousCursor: boundary(first, 'p') } : {}),
  };
}

/** ORDER BY the key then id; NULL keys last ascending and first descending (exact reverses). */
function orderBy(key: SortKey, ascending: boolean): string {
  return ascending
    ? `${key.sql}${key.collate} ASC NULLS LAST, r.id COLLATE "C" ASC`
    : `${key.sql}${key.collate} DESC NULLS FIRST, r.id COLLATE "C" DESC`;
}

/** Keyset condition: rows strictly after the boundary in the given order. */
function after(key: SortKey, ascending: boolean, state: CursorState, params: SqlParams): string {
  const k = `${key.sql}${key.collate}`;
  const id = `r.id COLLATE "C" ${ascending ? '>' : '<'} ${params.add(state.id)} COLLATE "C"`;
  if (state.k === null) return ascending ? `(${key.sql} IS NULL AND ${id})` : `((${key.sql} IS NULL AND ${id}) OR ${key.sql} IS NOT NULL)`;
  const value = `${params.add(state.k)}::${key.type}${key.collate}`;
  const beyond = `${k} ${ascending ? '>' : '<'} ${value} OR (${k} = ${value} AND ${id})`;
  return ascending ? `(${beyond} OR ${key.sql} IS NULL)` : `(${beyond})`;
}
