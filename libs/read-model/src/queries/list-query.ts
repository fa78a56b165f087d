import type { JsonObject } from '@lib/domain';
import type { Filter, ResourceSchema } from '@lib/scim';
import type { ResourceSources } from '../filter-sql/attribute-sources';
import { decodeCursor, encodeCursor, queryDigest, type CursorState } from '../filter-sql/cursor';
import { filterToSql } from '../filter-sql/filter-to-sql';
import { sortKey, type SortKey } from '../filter-sql/sort-key';
import { sortPrefix } from '../schema/read-model-ddl';
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
 * Runs a filtered, sorted, paged list: one page query and, when the page does not prove the total
 * by itself, a COUNT for totalResults; both scoped by tenant_id and built from parameters only.
 * Order is always (sort key, id): a total order, so index pages and cursor pages are stable.
 * Everything that can refuse the request (filter, sortBy, cursor) is checked before the first
 * query starts, and every query started is awaited.
 */
export async function runListQuery(
  db: SqlExecutor,
  definition: ListQueryDefinition,
  tenantId: string,
  options: ListOptions,
): Promise<ListResult> {
  const params = new SqlParams();
  const conditions = [`r.tenant_id = ${params.add(tenantId)}`];
  if (options.filter)
    conditions.push(
      filterToSql(options.filter, { sources: definition.sources, resourceSchema: definition.resourceSchema, params }),
    );
  const where = conditions.join(' AND ');
  const count = Math.min(Math.max(options.count ?? definition.maxResults, 0), definition.maxResults);
  const key = sortKey(options.sortBy, definition.resourceSchema, definition.sources);
  const ascending = options.sortOrder !== 'descending';
  const digest = queryDigest([definition.table, tenantId, options.filter ?? null, options.sortBy ?? null, ascending]);
  const boundary = options.cursor ? decodeCursor(options.cursor, digest) : undefined;

  // The filter's parameters only: the page adds its own (limit, offset, cursor) to `params` later.
  const countParams = [...params.values];
  const countAll = () =>
    db
      .query<{ n: string }>(`SELECT count(*) AS n FROM ${definition.table} r WHERE ${where}`, countParams)
      .then((total) => Number(total.rows[0].n));
  if (count === 0)
    return {
      resources: [],
      totalResults: await countAll(),
      startIndex: Math.max(options.startIndex ?? 1, 1),
      itemsPerPage: 0,
    };

  if (options.cursor !== undefined) {
    // After a cursor the rows before it are unknown, so the count is needed: run it beside the page.
    const counting = boundary ? countAll() : undefined;
    const [page, counted] = await Promise.all([
      cursorPage(db, definition, { boundary, digest, params, where, key, ascending, count }),
      counting,
    ]);
    return { ...page, totalResults: counted ?? (page.nextCursor === undefined ? page.itemsPerPage : await countAll()) };
  }
  const startIndex = Math.max(Math.trunc(options.startIndex ?? 1), 1);
  const pageParams = [...params.values, count];
  let page = `SELECT ${definition.resourceSql} AS resource FROM ${definition.table} r WHERE ${where}
     ORDER BY ${orderBy(key, ascending)} LIMIT $${pageParams.length}`;
  // No OFFSET on the first page (every IdP lookup): a parameter there makes PostgreSQL cost the
  // generic plan of the prepared statement for an unknown offset, dearer than any custom plan, so
  // the statement was planned again on every execution (~0.5 ms of a lookup's ~1 ms).
  if (startIndex > 1) {
    pageParams.push(startIndex - 1);
    page += ` OFFSET $${pageParams.length}`;
  }
  const { rows } = await db.query<{ resource: JsonObject }>(page, pageParams);
  return {
    resources: rows.map((row) => row.resource),
    totalResults: totalOfPage(startIndex - 1, rows.length, count) ?? (await countAll()),
    startIndex,
    itemsPerPage: rows.length,
  };
}

/**
 * The total a page proves by itself: a page that is not full ends the list, so when it holds
 * rows (or starts at the first one) the total is its offset plus its rows. An `eq` lookup, the
 * request IdPs send before every create, is answered this way, without a COUNT.
 */
export function totalOfPage(offset: number, rows: number, pageSize: number): number | undefined {
  if (rows >= pageSize) return undefined;
  if (rows === 0 && offset > 0) return undefined;
  return offset + rows;
}

interface CursorRequest {
  /** The decoded cursor; undefined for the first page (`cursor: ''`). */
  boundary: CursorState | undefined;
  digest: string;
  params: SqlParams;
  where: string;
  key: SortKey;
  ascending: boolean;
  count: number;
}

async function cursorPage(
  db: SqlExecutor,
  definition: ListQueryDefinition,
  request: CursorRequest,
): Promise<Omit<ListResult, 'totalResults'>> {
  const { boundary: state, digest, params, key, count } = request;
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
  const boundary = (row: (typeof page)[number], d: 'n' | 'p') =>
    encodeCursor({ k: row.sort_key, id: row.id, d, q: digest });
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

/**
 * ORDER BY the key then id; NULL keys last ascending and first descending (exact reverses). A key
 * with an indexed prefix orders by (prefix, key, id): the index gives the prefix order, and the
 * full key only sorts rows whose first 256 characters are equal.
 */
function orderBy(key: SortKey, ascending: boolean): string {
  const nulls = ascending ? 'ASC NULLS LAST' : 'DESC NULLS FIRST';
  const parts = [...(key.prefix ? [key.prefix] : []), key.sql].map((sql) => `${sql}${key.collate} ${nulls}`);
  return [...parts, `r.id COLLATE "C" ${ascending ? 'ASC' : 'DESC'}`].join(', ');
}

/**
 * Keyset condition: rows strictly after the boundary in the given order. A key that is never
 * NULL also gets the implied, index-usable bound `indexed key >= boundary` (<= descending), so a
 * deep page starts where the index says instead of filtering every row before it.
 */
function after(key: SortKey, ascending: boolean, state: CursorState, params: SqlParams): string {
  const k = `${key.sql}${key.collate}`;
  const id = `r.id COLLATE "C" ${ascending ? '>' : '<'} ${params.add(state.id)} COLLATE "C"`;
  if (state.k === null)
    return ascending ? `(${key.sql} IS NULL AND ${id})` : `((${key.sql} IS NULL AND ${id}) OR ${key.sql} IS NOT NULL)`;
  const boundary = params.add(state.k);
  const value = `${boundary}::${key.type}${key.collate}`;
  const beyond = `${k} ${ascending ? '>' : '<'} ${value} OR (${k} = ${value} AND ${id})`;
  if (!key.notNull) return ascending ? `(${beyond} OR ${key.sql} IS NULL)` : `(${beyond})`;
  const bound = ascending ? '>=' : '<=';
  const indexed = key.prefix
    ? `${key.prefix}${key.collate} ${bound} ${sortPrefix(`${boundary}::text`)}${key.collate}`
    : `${k} ${bound} ${value}`;
  return `(${indexed} AND (${beyond}))`;
}
