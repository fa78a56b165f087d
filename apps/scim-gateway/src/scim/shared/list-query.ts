import { InvalidFilterError, InvalidValueError, parseFilter, resolveFilter, type Filter, type ResourceSchema } from '@lib/scim';

/** Filters longer than this are refused before parsing: no IdP sends anything close. */
export const MAX_FILTER_LENGTH = 4096;
/** Nesting deeper than this (parentheses, not, value paths) is refused. */
export const MAX_FILTER_DEPTH = 16;

export interface ListQuery {
  filter?: Filter;
  sortBy?: string;
  sortOrder: 'ascending' | 'descending';
  startIndex: number;
  count: number;
  /** RFC 9865: present (possibly empty) when the client asked for cursor paging. */
  cursor?: string;
  attributes: string[];
  excludedAttributes: string[];
}

export interface RawListParameters {
  filter?: unknown;
  sortBy?: unknown;
  sortOrder?: unknown;
  startIndex?: unknown;
  count?: unknown;
  cursor?: unknown;
  attributes?: unknown;
  excludedAttributes?: unknown;
}

/**
 * Query parameters (GET) or a SearchRequest body (POST .search) as a checked ListQuery.
 * RFC 7644 §3.4.2.4: startIndex < 1 is read as 1, a negative count as 0, and count is capped
 * at the advertised maximum rather than refused.
 */
export function parseListQuery(raw: RawListParameters, schema: ResourceSchema, maxResults: number): ListQuery {
  return {
    filter: raw.filter === undefined || raw.filter === '' ? undefined : parseBoundedFilter(String(raw.filter), schema),
    sortBy: raw.sortBy === undefined || raw.sortBy === '' ? undefined : String(raw.sortBy),
    sortOrder: parseSortOrder(raw.sortOrder),
    startIndex: Math.max(1, integer(raw.startIndex, 'startIndex', 1)),
    count: Math.min(maxResults, Math.max(0, integer(raw.count, 'count', Math.min(100, maxResults)))),
    cursor: raw.cursor === undefined ? undefined : String(raw.cursor),
    attributes: attributeList(raw.attributes),
    excludedAttributes: attributeList(raw.excludedAttributes),
  };
}

export function parseBoundedFilter(text: string, schema: ResourceSchema): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw new InvalidFilterError(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  const filter = resolveFilter(parseFilter(text), schema);
  if (depth(filter) > MAX_FILTER_DEPTH) throw new InvalidFilterError(`The filter nests deeper than ${MAX_FILTER_DEPTH} levels.`);
  return filter;
}

function depth(filter: Filter): number {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return 1 + Math.max(depth(filter.left), depth(filter.right));
    case 'not':
      return 1 + depth(filter.filter);
    case 'valuePath':
      return 1 + depth(filter.filter);
    default:
      return 1;
  }
}

function parseSortOrder(value: unknown): 'ascending' | 'descending' {
  if (value === undefined || value === '') return 'ascending';
  const text = String(value).toLowerCase();
  if (text === 'ascending' || text === 'descending') return text;
  throw new InvalidValueError('sortOrder must be "ascending" or "descending".');
}

function integer(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isInteger(number)) throw new InvalidValueError(`${name} must be an integer.`);
  return number;
}

function attributeList(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter(Boolean);
}
