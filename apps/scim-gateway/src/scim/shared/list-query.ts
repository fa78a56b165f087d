import {
  InvalidFilterError,
  SearchRequestDto,
  validateEnvelope,
  InvalidValueError,
  parseAttributeList,
  parseFilter,
  resolveAttribute,
  resolveFilter,
  toInstant,
  type Filter,
  type FilterParseOptions,
  type ResourceSchema,
} from '@lib/scim';
import type { IdpProfilePolicy } from '../idp-profiles/idp-profile-policy';

/** Filters longer than this are refused before parsing: no IdP sends anything close. */
export const MAX_FILTER_LENGTH = 4096;
/** Nesting deeper than this (parentheses, not, value paths) is refused. */
export const MAX_FILTER_DEPTH = 16;
/** A startIndex beyond a 32-bit integer is refused: no list is that long, and SQL OFFSET must hold it. */
export const MAX_START_INDEX = 2_147_483_647;

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
/** What a profile changes in reading a list request (see IdpProfilePolicy); strict RFC when absent. */
export type ListQueryLeniency = Pick<
  IdpProfilePolicy,
  'acceptsUnquotedFilterValues' | 'acceptsValueFiltersInAttributeNames'
>;

const RFC_GRAMMAR: ListQueryLeniency = {
  acceptsUnquotedFilterValues: false,
  acceptsValueFiltersInAttributeNames: false,
};

export function parseListQuery(
  raw: RawListParameters,
  schema: ResourceSchema,
  maxResults: number,
  leniency: ListQueryLeniency = RFC_GRAMMAR,
): ListQuery {
  const filterOptions: FilterParseOptions = { unquotedStrings: leniency.acceptsUnquotedFilterValues };
  const attributeOptions = {
    valueFilters: leniency.acceptsValueFiltersInAttributeNames ? ('strip' as const) : ('keep' as const),
  };
  return {
    filter:
      raw.filter === undefined || raw.filter === ''
        ? undefined
        : parseBoundedFilter(String(raw.filter), schema, filterOptions),
    sortBy: raw.sortBy === undefined || raw.sortBy === '' ? undefined : String(raw.sortBy),
    sortOrder: parseSortOrder(raw.sortOrder),
    startIndex: Math.max(1, startIndex(raw.startIndex)),
    count: Math.min(maxResults, Math.max(0, integer(raw.count, 'count', Math.min(100, maxResults)))),
    cursor: raw.cursor === undefined ? undefined : String(raw.cursor),
    attributes: parseAttributeList(raw.attributes, attributeOptions),
    excludedAttributes: parseAttributeList(raw.excludedAttributes, attributeOptions),
  };
}

/**
 * A filter the database can run: bounded in length and depth, and its dateTime literals within
 * years 0001 to 9999 (JavaScript dates span ±275,760 years, PostgreSQL timestamps 4713 BC to
 * 294276 AD; the ISO 8601 years cover every real date and stay inside both).
 */
export function parseBoundedFilter(text: string, schema: ResourceSchema, options: FilterParseOptions = {}): Filter {
  if (text.length > MAX_FILTER_LENGTH)
    throw new InvalidFilterError('SCIM-DTSj', `The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  const filter = resolveFilter(parseFilter(text, options), schema);
  if (depth(filter) > MAX_FILTER_DEPTH)
    throw new InvalidFilterError('SCIM-aART', `The filter nests deeper than ${MAX_FILTER_DEPTH} levels.`);
  checkInstantRange(filter, schema);
  return filter;
}

const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LATEST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

function checkInstantRange(filter: Filter, schema: ResourceSchema): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      checkInstantRange(filter.left, schema);
      checkInstantRange(filter.right, schema);
      return;
    case 'not':
      checkInstantRange(filter.filter, schema);
      return;
    case 'comparison': {
      const resolved = resolveAttribute(schema, filter.path);
      if ((resolved?.subDefinition ?? resolved?.definition)?.type !== 'dateTime') return;
      const instant = toInstant(filter.value);
      if (instant !== undefined && (instant < EARLIEST_INSTANT || instant > LATEST_INSTANT)) {
        throw new InvalidFilterError(
          'SCIM-uScN',
          `The filter compares a date with ${JSON.stringify(filter.value)}, outside the years 0001 to 9999.`,
        );
      }
      return;
    }
    default:
      return;
  }
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
  throw new InvalidValueError('SCIM-LPys', 'sortOrder must be "ascending" or "descending".');
}

function integer(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isInteger(number)) throw new InvalidValueError('SCIM-psJw', `${name} must be an integer.`);
  return number;
}

/** RFC 7644 §3.4.2.4 reads a startIndex below 1 as 1; one above MAX_START_INDEX names no page of any list. */
function startIndex(value: unknown): number {
  const number = integer(value, 'startIndex', 1);
  if (number > MAX_START_INDEX)
    throw new InvalidValueError('SCIM-db3t', `startIndex must be at most ${MAX_START_INDEX}.`);
  return number;
}

/** A SearchRequest body (checked by the protocol library's DTO) as list parameters. */
export function searchParameters(body: unknown): RawListParameters {
  return validateEnvelope(SearchRequestDto, body) as RawListParameters;
}
